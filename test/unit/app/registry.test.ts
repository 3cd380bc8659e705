/**
 * What docs/architecture.md ("Adding a command") promises: a command defined in one place, here this
 * file, is typed in three languages, offered by Discord, listed by the help and run, once it is in a
 * registry's list and its texts are in the catalogues.
 */
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { z } from 'zod';
import { COMMANDS, registry } from '../../../handlers/index';
import { createRegistry, defineCommand, incidentArg, option } from '../../../src/app/command';
import type { Caller, Deps } from '../../../src/app/deps';
import { helpCard } from '../../../src/cards/help';
import { integer } from '../../../src/core/command';
import { discordCommands, receivedCommand } from '../../../src/discord/commands';
import { catalogues, translator } from '../../../src/i18n';

// The texts a real command adds to src/i18n/{en,es,fr}.ts, added here in memory.
const texts = {
  en: 'check calma answers',
  es: 'comprueba que calma responde',
  fr: 'vérifie que calma répond',
};
for (const locale of ['en', 'es', 'fr'] as const) {
  (catalogues[locale].help as Record<string, unknown>).ping = texts[locale];
  (catalogues[locale].discord.command as Record<string, unknown>).ping = texts[locale];
}

const pingCommand = defineCommand({
  name: 'ping',
  names: { es: 'eco', fr: 'écho' },
  args: z.object({ incident: incidentArg, times: z.number().default(1) }),
  read: [integer('times', 1, 3, { key: 'stats.usage' })],
  // An existing option's texts: a real command would add its own to the catalogues.
  options: [option.integer('times', 'days', { max: 3 }), option.incident()],
  usage: () => 'ping [1-3]',
  // Typed keys come from the catalogue files; this one is only in memory.
  help: 'help.ping' as never,
  access: 'anyone',
  run: async (_deps, caller, args) => ({
    cards: [
      { lines: [`pong ×${args.times} for ${caller.user}${args.incident ? ` about #${args.incident}` : ''}`] },
    ],
  }),
});

const withPing = createRegistry([...COMMANDS, pingCommand]);
const context = { playbooks: ['hacked-account'] };
/** The subcommands of `/crisis`, the first command registered. */
const crisisOf = (body: ReturnType<typeof discordCommands>) =>
  (body[0] as RESTPostAPIChatInputApplicationCommandsJSONBody).options ?? [];
const caller: Caller = { workspace: 'T1', user: 'U0ANA', room: 'C1' };

describe('a command defined in one file', () => {
  it('GIVEN the ping definition WHEN its registry parses text THEN it answers to its name in English, Spanish and French, with #N and its argument', () => {
    expect([
      withPing.parse('ping', context),
      withPing.parse('eco 2', context),
      withPing.parse('#4 ÉCHO 3', context),
      withPing.parse('ping 9', context),
    ]).toEqual([
      { ok: true, value: { name: 'ping', times: 1 } },
      { ok: true, value: { name: 'ping', times: 2 } },
      { ok: true, value: { name: 'ping', incident: 4, times: 3 } },
      { ok: false, error: { key: 'stats.usage' } },
    ]);
  });

  it('GIVEN the ping definition WHEN Discord’s commands are built THEN /crisis has a ping subcommand, localised, with its typed option', () => {
    const ping = crisisOf(discordCommands([], withPing.commands)).find((o) => o.name === 'ping');

    expect(ping).toMatchObject({
      name_localizations: { 'es-ES': 'eco', 'es-419': 'eco', fr: 'écho' },
      description: texts.en,
      options: [
        { name: 'days', type: 4, max_value: 3 },
        { name: 'incident', type: 4 },
      ],
    });
  });

  it('GIVEN a received /crisis ping WHEN checked and run THEN its handler gets its typed arguments', async () => {
    const received = receivedCommand(
      [
        {
          name: 'ping',
          type: 1,
          options: [
            { name: 'days', type: 4, value: 2 },
            { name: 'incident', type: 4, value: 7 },
          ],
        },
      ],
      withPing.commands,
    );
    const command = withPing.fromOptions(received?.name ?? '', received?.verb, received?.values ?? {});
    if (!command.ok) throw new Error(command.error.key);

    const reply = await withPing.run({} as Deps, caller, command.value);

    expect(reply.cards[0]?.lines).toEqual(['pong ×2 for U0ANA about #7']);
  });

  it('GIVEN the ping definition WHEN the help is shown THEN it has its line, with its Spanish word for a Spanish reader', () => {
    const english = helpCard(translator('en'), [], withPing.commands).lines ?? [];
    const spanish = helpCard(translator('es'), [], withPing.commands).lines ?? [];

    expect(english).toContain('`/crisis ping [1-3]` — check calma answers');
    expect(spanish).toContain('`/crisis ping [1-3]` (`eco`) — comprueba que calma responde');
  });

  it('GIVEN the shipped registry WHEN compared with the one with ping THEN ping is in neither its grammar, Discord nor its help', () => {
    expect(registry.parse('ping', context)).toEqual({
      ok: false,
      error: { key: 'command.unknown', params: { name: 'ping' } },
    });
    expect(crisisOf(discordCommands([])).map((o) => o.name)).not.toContain('ping');
    expect((helpCard(translator('en'), [], registry.commands).lines ?? []).join('\n')).not.toContain(
      '/crisis ping',
    );
  });

  it('GIVEN a definition whose Spanish word is already another command’s WHEN registered THEN the registry refuses it, naming both', () => {
    const clash = defineCommand({ ...pingCommand, names: { es: 'abrir', fr: 'écho' } });

    expect(() => createRegistry([...COMMANDS, clash])).toThrow(
      '/crisis ping and /crisis open both answer to "abrir"',
    );
  });
});

describe('typed options checked against the command’s schema', () => {
  it.each([
    ['sev', undefined, { severity: 'high' }, 'command.badOptions'],
    ['note', undefined, { text: 42 }, 'command.badOptions'],
    ['step', undefined, { step: 2 }, 'command.badOptions'],
    ['step', 'jump', {}, 'command.badOptions'],
    ['status', 'done', {}, 'command.badOptions'],
    ['frobnicate', undefined, {}, 'command.unknown'],
  ])('GIVEN /crisis %s %s with %j WHEN checked THEN it is refused with %s', (name, verb, values, key) => {
    const checked = registry.fromOptions(name, verb, values);

    expect(checked.ok ? checked.value : checked.error.key).toBe(key);
  });

  it('GIVEN an option the command does not declare WHEN checked THEN it is not passed to the handler', () => {
    expect(registry.fromOptions('status', undefined, { incident: 3, title: 'x' })).toEqual({
      ok: true,
      value: { name: 'status', incident: 3 },
    });
  });
});
