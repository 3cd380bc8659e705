import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandInteractionDataBasicOption,
  type APIApplicationCommandOption,
  type APIApplicationCommandSubcommandOption,
  type APIChatInputApplicationCommandInteractionData,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type LocalizationMap,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import fc from 'fast-check';
import { type Command, parseCommand, registry } from '../../../handlers/index';
import {
  ADD_TO_EVIDENCE,
  discordCommands,
  OPEN_FROM_MESSAGE,
  type PlaybookChoice,
  receivedCommand,
} from '../../../src/discord/commands';
import { builtinPlaybooksDir, loadPlaybooks } from '../../../src/playbook/loader';

const ANA = '123456789012345678';
const LEGAL = '323456789012345678';
const LOCALES = ['es-ES', 'es-419', 'fr'] as const;
/** https://discord.com/developers/docs/interactions/application-commands#application-command-object-application-command-naming */
const NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

const playbooks: PlaybookChoice[] = [
  {
    id: 'hacked-account',
    title: {
      en: 'Hacked or compromised account',
      es: 'Cuenta hackeada o comprometida',
      fr: 'Compte piraté ou compromis',
    },
  },
  {
    id: 'price-error',
    title: { en: 'Wrong price published', es: 'Precio erróneo publicado', fr: 'Prix erroné publié' },
  },
];
const context = { playbooks: playbooks.map((p) => p.id) };
const SUBCOMMANDS = registry.commands.map((c) => c.name);

const body = discordCommands(playbooks);
const crisis = body[0] as RESTPostAPIChatInputApplicationCommandsJSONBody;
const subcommandsOf = (command: RESTPostAPIChatInputApplicationCommandsJSONBody) => command.options ?? [];

/** Every option at any depth: subcommands, groups and their options. */
function walk(options: readonly APIApplicationCommandOption[]): APIApplicationCommandOption[] {
  return options.flatMap((o) => [o, ...('options' in o && o.options ? walk(o.options) : [])]);
}

/** Every subcommand with its path: `open`, `step skip`… */
function leaves(): [string, APIApplicationCommandSubcommandOption][] {
  return subcommandsOf(crisis).flatMap((o): [string, APIApplicationCommandSubcommandOption][] => {
    if (o.type === ApplicationCommandOptionType.Subcommand) return [[o.name, o]];
    if (o.type === ApplicationCommandOptionType.SubcommandGroup) {
      return (o.options ?? []).map((s) => [`${o.name} ${s.name}`, s]);
    }
    return [];
  });
}

const texts = (text: string | undefined, localised: LocalizationMap | null | undefined): string[] => [
  text ?? '',
  ...LOCALES.map((l) => localised?.[l] ?? ''),
];

/** Discord's size rule: every name, description, choice name and value, at its longest localisation. */
function size(node: {
  name?: string;
  name_localizations?: LocalizationMap | null;
  description?: string;
  description_localizations?: LocalizationMap | null;
  value?: string | number;
  options?: readonly object[];
  choices?: readonly object[];
}): number {
  const longest = (t: string | undefined, l: LocalizationMap | null | undefined) =>
    Math.max(0, ...texts(t, l).map((x) => x.length));
  const children = [...(node.options ?? []), ...(node.choices ?? [])] as Parameters<typeof size>[0][];
  return (
    longest(node.name, node.name_localizations) +
    longest(node.description, node.description_localizations) +
    String(node.value ?? '').length +
    children.reduce((sum, child) => sum + size(child), 0)
  );
}

describe('discordCommands', () => {
  it('GIVEN the playbooks WHEN the commands are built THEN there is /crisis and the two message commands, guild only, for everyone', () => {
    expect(body.map((c) => [c.type, c.name])).toEqual([
      [ApplicationCommandType.ChatInput, 'crisis'],
      [ApplicationCommandType.Message, 'Open a crisis from this message'],
      [ApplicationCommandType.Message, 'Add to crisis evidence'],
    ]);
    expect([OPEN_FROM_MESSAGE, ADD_TO_EVIDENCE]).toEqual([body[1]?.name, body[2]?.name]);
    for (const command of body) {
      expect(command.default_member_permissions).toBeNull();
      expect(command.contexts).toEqual([0]);
    }
  });

  it('GIVEN the /crisis grammar WHEN compared with the command THEN every subcommand of the grammar is there, and nothing else', () => {
    expect(subcommandsOf(crisis).map((o) => o.name)).toEqual([...SUBCOMMANDS]);
    expect(leaves().map(([path]) => path)).toEqual(
      expect.arrayContaining([
        'step show',
        'step done',
        'step skip',
        'step assign',
        'followup add',
        'followup done',
        'followup list',
      ]),
    );
  });

  it('GIVEN every name WHEN checked in English, es-ES, es-419 and fr THEN it is lowercase and matches Discord’s pattern', () => {
    const names = walk(subcommandsOf(crisis)).flatMap((o) => texts(o.name, o.name_localizations));
    const bad = [crisis.name, ...names].filter((n) => n !== '' && (!NAME.test(n) || n !== n.toLowerCase()));

    expect(bad).toEqual([]);
  });

  it('GIVEN every subcommand and verb WHEN checked THEN its name is translated for es-ES, es-419 and fr, unique among its siblings', () => {
    const groups = [
      subcommandsOf(crisis),
      ...subcommandsOf(crisis).flatMap((o) =>
        o.type === ApplicationCommandOptionType.SubcommandGroup ? [o.options ?? []] : [],
      ),
    ];

    for (const siblings of groups) {
      for (const locale of LOCALES) {
        const names = siblings.map((o) => o.name_localizations?.[locale] ?? '');
        expect({
          locale,
          names: names.filter((n) => NAME.test(n)).length,
          unique: new Set(names).size,
        }).toEqual({
          locale,
          names: siblings.length,
          unique: siblings.length,
        });
      }
    }
    const step = subcommandsOf(crisis).find((o) => o.name === 'step');
    const done = step && 'options' in step ? step.options?.find((o) => o.name === 'done') : undefined;
    expect([step?.name_localizations, done?.name_localizations]).toEqual([
      { 'es-ES': 'paso', 'es-419': 'paso', fr: 'étape' },
      { 'es-ES': 'hecho', 'es-419': 'hecho', fr: 'fait' },
    ]);
  });

  it('GIVEN every option WHEN checked THEN its name and description are translated for es-ES, es-419 and fr', () => {
    const options = walk(subcommandsOf(crisis)).filter(
      (o) =>
        o.type !== ApplicationCommandOptionType.Subcommand &&
        o.type !== ApplicationCommandOptionType.SubcommandGroup,
    );

    for (const option of options) {
      for (const locale of LOCALES) {
        expect(option.name_localizations?.[locale]).toMatch(NAME);
        expect(option.description_localizations?.[locale]?.length).toBeGreaterThan(0);
      }
    }
    const severity = options.find((o) => o.name === 'severity');
    expect(severity?.name_localizations).toEqual({
      'es-ES': 'gravedad',
      'es-419': 'gravedad',
      fr: 'gravité',
    });
  });

  it('GIVEN every description WHEN checked in every locale THEN it is 1 to 100 characters', () => {
    const descriptions = [crisis, ...walk(subcommandsOf(crisis))].flatMap((o) =>
      texts(o.description, o.description_localizations),
    );

    expect(descriptions.filter((d) => d.length < 1 || d.length > 100)).toEqual([]);
  });

  it('GIVEN the message commands WHEN checked in every locale THEN their names are 1 to 32 characters and translated', () => {
    for (const command of body.slice(1)) {
      const names = texts(command.name, command.name_localizations);
      expect(names.every((n) => n.length >= 1 && n.length <= 32)).toBe(true);
      expect(new Set(names).size).toBeGreaterThan(1);
    }
  });

  it('GIVEN each subcommand WHEN its options are checked THEN names are unique in every locale and required ones come first', () => {
    for (const [path, subcommand] of leaves()) {
      const options = subcommand.options ?? [];
      for (const localised of [undefined, ...LOCALES]) {
        const names = options.map((o) => (localised ? o.name_localizations?.[localised] : o.name));
        expect({ path, localised, unique: new Set(names).size === names.length }).toEqual({
          path,
          localised,
          unique: true,
        });
      }
      const required = options.map((o) => Boolean(o.required));
      expect({ path, required }).toEqual({
        path,
        required: [...required].sort((a, b) => Number(b) - Number(a)),
      });
    }
  });

  it('GIVEN the playbooks WHEN /crisis open is built THEN they are the playbook choices, titles in each language', () => {
    const open = leaves().find(([path]) => path === 'open')?.[1];
    const playbook = open?.options?.find((o) => o.name === 'playbook');

    expect(playbook && 'choices' in playbook ? playbook.choices : []).toEqual([
      {
        name: 'Hacked or compromised account',
        name_localizations: {
          'es-ES': 'Cuenta hackeada o comprometida',
          'es-419': 'Cuenta hackeada o comprometida',
          fr: 'Compte piraté ou compromis',
        },
        value: 'hacked-account',
      },
      {
        name: 'Wrong price published',
        name_localizations: {
          'es-ES': 'Precio erróneo publicado',
          'es-419': 'Precio erróneo publicado',
          fr: 'Prix erroné publié',
        },
        value: 'price-error',
      },
    ]);
  });

  it('GIVEN /crisis sev WHEN built THEN the severity is a required choice of sev1 to sev4', () => {
    const sev = leaves().find(([path]) => path === 'sev')?.[1];
    const severity = sev?.options?.[0];

    expect(severity).toMatchObject({ type: ApplicationCommandOptionType.String, required: true });
    expect(severity && 'choices' in severity ? severity.choices?.map((c) => c.value) : []).toEqual([
      'sev1',
      'sev2',
      'sev3',
      'sev4',
    ]);
  });

  it('GIVEN the options naming people WHEN built THEN they take a person or a Discord role', () => {
    const typeOf = (path: string, name: string) =>
      leaves()
        .find(([p]) => p === path)?.[1]
        .options?.find((o) => o.name === name)?.type;

    expect([typeOf('role', 'who'), typeOf('step assign', 'who'), typeOf('followup add', 'owner')]).toEqual([
      ApplicationCommandOptionType.Mentionable,
      ApplicationCommandOptionType.Mentionable,
      ApplicationCommandOptionType.Mentionable,
    ]);
    expect(typeOf('status', 'incident')).toBe(ApplicationCommandOptionType.Integer);
    expect(typeOf('approve', 'statement')).toBe(ApplicationCommandOptionType.Integer);
  });

  it('GIVEN free-text options WHEN built THEN each has a max length, the title the one calma accepts', () => {
    const strings = leaves().flatMap(([path, s]) =>
      (s.options ?? [])
        .filter(
          (o): o is APIApplicationCommandBasicOption & { type: ApplicationCommandOptionType.String } =>
            o.type === ApplicationCommandOptionType.String && !('choices' in o && o.choices),
        )
        .map((o) => [path, o.name, 'max_length' in o ? o.max_length : undefined] as const),
    );

    expect(strings.filter(([, , max]) => max === undefined || max > 6000)).toEqual([]);
    expect(strings.find(([path, name]) => path === 'open' && name === 'title')?.[2]).toBe(150);
  });

  it('GIVEN the commands WHEN sized as Discord does THEN /crisis is within 8000 characters', () => {
    expect(size(crisis)).toBeLessThanOrEqual(8000);
  });

  it('GIVEN the shipped library, compromised-tool included WHEN built THEN each playbook is a choice of /crisis open and drill, and the command fits 8000', async () => {
    const { playbooks: shipped } = await loadPlaybooks([builtinPlaybooksDir]);
    const [command] = discordCommands(shipped) as RESTPostAPIChatInputApplicationCommandsJSONBody[];
    const choicesOf = (path: string) => {
      const leaf = (command?.options ?? []).find((o) => o.name === path);
      const option = leaf && 'options' in leaf ? leaf.options?.find((o) => o.name === 'playbook') : undefined;
      return option && 'choices' in option ? (option.choices ?? []).map((c) => c.value) : [];
    };

    expect(shipped.map((p) => p.id)).toContain('compromised-tool');
    for (const path of ['open', 'drill']) expect(choicesOf(path)).toEqual(shipped.map((p) => p.id));
    expect(size(command ?? {})).toBeLessThanOrEqual(8000);
  });

  it('GIVEN 25 playbooks with long titles WHEN built THEN the command still fits 8000, their choices dropped if need be', () => {
    const many = Array.from({ length: 25 }, (_, i) => ({
      id: `playbook-number-${i}`,
      title: {
        en: `A very long English playbook title number ${i} `.repeat(3),
        es: 'Título '.repeat(14),
        fr: 'Titre '.repeat(16),
      },
    }));

    const [command] = discordCommands(many) as RESTPostAPIChatInputApplicationCommandsJSONBody[];

    expect(size(command ?? {})).toBeLessThanOrEqual(8000);
  });

  it('GIVEN more than 25 playbooks WHEN built THEN the playbook option takes any id (no choices)', () => {
    const many = Array.from({ length: 26 }, (_, i) => ({
      id: `p${i}`,
      title: { en: `P${i}`, es: `P${i}`, fr: `P${i}` },
    }));

    const [command] = discordCommands(many) as RESTPostAPIChatInputApplicationCommandsJSONBody[];
    const open = command?.options?.find((o) => o.name === 'open');
    const playbook = open && 'options' in open ? open.options?.find((o) => o.name === 'playbook') : undefined;

    expect(playbook).toMatchObject({ type: ApplicationCommandOptionType.String, max_length: 100 });
    expect(playbook && 'choices' in playbook ? playbook.choices : undefined).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------------------

type Given = [name: string, value: string | number | boolean, type?: ApplicationCommandOptionType];

/**
 * The `data` of a received `/crisis` interaction, built like Discord does: the subcommand (inside its
 * group) and the options given, typed as the registered command declares them. Roles are resolved.
 */
function received(path: string, given: Given[]): APIChatInputApplicationCommandInteractionData {
  const leaf = leaves().find(([p]) => p === path)?.[1];
  if (!leaf) throw new Error(`no subcommand ${path}`);
  const options = given.map(([name, value]) => {
    const declared = leaf.options?.find((o) => o.name === name);
    if (!declared) throw new Error(`${path} has no option ${name}`);
    return { name, type: declared.type, value } as APIApplicationCommandInteractionDataBasicOption;
  });
  const sub = { type: ApplicationCommandOptionType.Subcommand as const, name: leaf.name, options };
  const [groupName] = path.split(' ');
  const top =
    path.includes(' ') && groupName
      ? [{ type: ApplicationCommandOptionType.SubcommandGroup as const, name: groupName, options: [sub] }]
      : [sub];
  return {
    id: '1',
    name: 'crisis',
    type: ApplicationCommandType.ChatInput,
    options: top,
    resolved: {
      roles: { [LEGAL]: { id: LEGAL, name: 'legal' } as never },
      users: { [ANA]: { id: ANA, username: 'ana' } as never },
    },
  };
}

const parsed = (text: string): Command => {
  const result = parseCommand(text, context);
  if (!result.ok) throw new Error(`"${text}" was refused: ${result.error.key}`);
  return result.value;
};

const roundTrips: [path: string, given: Given[], typed: string, expected: Command][] = [
  [
    'open',
    [
      ['playbook', 'hacked-account'],
      ['severity', 'sev1'],
      ['title', 'Spam on our account'],
    ],
    'open hacked-account sev1 Spam on our account',
    { name: 'open', playbook: 'hacked-account', severity: 1, title: 'Spam on our account' },
  ],
  [
    'open',
    [['title', 'Our price shows 0 EUR']],
    'open Our price shows 0 EUR',
    { name: 'open', title: 'Our price shows 0 EUR' },
  ],
  ['open', [], 'open', { name: 'open', title: '' }],
  ['status', [['incident', 3]], 'status #3', { name: 'status', incident: 3 }],
  ['list', [['all', true]], 'list all', { name: 'list', all: true }],
  ['list', [['all', false]], 'list', { name: 'list', all: false }],
  [
    'note',
    [
      ['text', 'Called the platform: ticket #12'],
      ['incident', 4],
    ],
    'note #4 Called the platform: ticket #12',
    { name: 'note', incident: 4, text: 'Called the platform: ticket #12' },
  ],
  [
    'role',
    [
      ['role', 'legal'],
      ['who', LEGAL],
    ],
    `role legal <@&${LEGAL}>`,
    { name: 'role', role: 'legal', user: `&${LEGAL}` },
  ],
  [
    'role',
    [
      ['role', 'lead'],
      ['who', ANA],
      ['incident', 2],
    ],
    `role #2 lead <@${ANA}>`,
    { name: 'role', incident: 2, role: 'lead', user: ANA },
  ],
  [
    'sev',
    [
      ['severity', 'sev2'],
      ['incident', 7],
    ],
    'sev 2 #7',
    { name: 'sev', incident: 7, severity: 2 },
  ],
  ['step show', [], 'step', { name: 'step', verb: 'show' }],
  ['step show', [['number', 3]], 'step show 3', { name: 'step', verb: 'show', step: 2 }],
  [
    'step done',
    [
      ['number', 2],
      ['incident', 5],
    ],
    'step #5 done 2',
    { name: 'step', incident: 5, verb: 'done', step: 1 },
  ],
  [
    'step skip',
    [
      ['reason', 'Not relevant: no ads running'],
      ['number', 4],
    ],
    'step skip 4 Not relevant: no ads running',
    { name: 'step', verb: 'skip', step: 3, reason: 'Not relevant: no ads running' },
  ],
  [
    'step assign',
    [['who', LEGAL]],
    `step assign <@&${LEGAL}>`,
    { name: 'step', verb: 'assign', user: `&${LEGAL}` },
  ],
  [
    'lang',
    [
      ['language', 'es'],
      ['incident', 2],
    ],
    'lang #2 es',
    { name: 'lang', incident: 2, locale: 'es' },
  ],
  [
    'update',
    [['text', 'We are aware and investigating.']],
    'update We are aware and investigating.',
    { name: 'update', text: 'We are aware and investigating.' },
  ],
  ['update', [], 'update', { name: 'update', text: '' }],
  ['update', [['template', 'holding']], 'update holding', { name: 'update', kind: 'holding', text: '' }],
  ['approve', [['statement', 2]], 'approve S2', { name: 'approve', statement: 2 }],
  ['link', [['statement', 2]], 'link S2', { name: 'link', statement: 2 }],
  [
    'reject',
    [
      ['statement', 2],
      ['reason', 'Too vague'],
    ],
    'reject S2 Too vague',
    { name: 'reject', statement: 2, reason: 'Too vague' },
  ],
  [
    'edit',
    [
      ['statement', 1],
      ['text', 'Updated text'],
      ['incident', 8],
    ],
    '#8 edit S1 Updated text',
    { name: 'edit', incident: 8, statement: 1, text: 'Updated text' },
  ],
  [
    'variant',
    [
      ['statement', 1],
      ['network', 'bluesky'],
      ['text', 'Service back 🎉'],
    ],
    'variant S1 bluesky Service back 🎉',
    { name: 'variant', statement: 1, network: 'bluesky', text: 'Service back 🎉' },
  ],
  [
    'question',
    [['question', 'Is my card data safe?']],
    'question Is my card data safe?',
    { name: 'question', text: 'Is my card data safe?' },
  ],
  [
    'answer',
    [
      ['question', 2],
      ['statement', 3],
    ],
    'answer Q2 S3',
    { name: 'answer', question: 2, statement: 3, text: '' },
  ],
  [
    'answer',
    [
      ['question', 1],
      ['answer', 'No card data was exposed.'],
    ],
    'answer Q1 No card data was exposed.',
    { name: 'answer', question: 1, text: 'No card data was exposed.' },
  ],
  [
    'evidence',
    [
      ['link', 'https://x.com/acme/status/1'],
      ['note', 'attacker post'],
    ],
    'evidence https://x.com/acme/status/1 attacker post',
    { name: 'evidence', url: 'https://x.com/acme/status/1', note: 'attacker post' },
  ],
  [
    'aware',
    [
      ['time', 'yesterday 21:15'],
      ['incident', 4],
    ],
    'aware #4 yesterday 21:15',
    { name: 'aware', incident: 4, time: 'yesterday 21:15', how: '' },
  ],
  [
    'fact',
    [['fact', 'Card numbers never reach our servers: checked with the payment provider']],
    'fact Card numbers never reach our servers: checked with the payment provider',
    { name: 'fact', text: 'Card numbers never reach our servers: checked with the payment provider' },
  ],
  ['postmortem', [['incident', 9]], 'postmortem #9', { name: 'postmortem', incident: 9 }],
  [
    'close',
    [['resolution', 'Account recovered, 2FA on']],
    'close Account recovered, 2FA on',
    { name: 'close', resolution: 'Account recovered, 2FA on' },
  ],
  ['close', [], 'close', { name: 'close', resolution: '' }],
  ['reopen', [['reason', 'Spam is back']], 'reopen Spam is back', { name: 'reopen', reason: 'Spam is back' }],
  [
    'followup add',
    [
      ['action', 'Rotate the API keys'],
      ['owner', ANA],
    ],
    `followup Rotate the API keys <@${ANA}>`,
    { name: 'followup', verb: 'add', text: 'Rotate the API keys', owner: ANA },
  ],
  [
    'followup done',
    [
      ['number', 2],
      ['incident', 3],
    ],
    'followup #3 done F2',
    { name: 'followup', incident: 3, verb: 'done', followup: 2 },
  ],
  ['followup list', [], 'followup', { name: 'followup', verb: 'list' }],
  ['stats', [['days', 90]], 'stats 90', { name: 'stats', days: 90 }],
  ['stats', [], 'stats', { name: 'stats', days: 30 }],
  [
    'drill',
    [
      ['playbook', 'hacked-account'],
      ['scenario', 'spam-wave'],
    ],
    'drill hacked-account spam-wave',
    { name: 'drill', playbook: 'hacked-account', scenario: 'spam-wave' },
  ],
  ['drill', [], 'drill', { name: 'drill' }],
  ['delete', [['drill', 12]], 'delete #12', { name: 'delete', incident: 12 }],
  ['help', [], 'help', { name: 'help' }],
];

/** A received command as the handler gets it: its options by argument, checked by the command's schema. */
const fromDiscord = (data: APIChatInputApplicationCommandInteractionData): Command => {
  const command = receivedCommand(data);
  if (!command) throw new Error('no subcommand received');
  const checked = registry.fromOptions(command.name, command.verb, command.values);
  if (!checked.ok) throw new Error(`${command.name} was refused: ${checked.error.key}`);
  return checked.value;
};

describe('receivedCommand', () => {
  it.each(roundTrips)(
    'GIVEN /crisis %s with %j WHEN received THEN the handler gets the command typed as %j',
    (path, given, typed, expected) => {
      const command = fromDiscord(received(path, given));

      expect(command).toEqual(parsed(typed));
      expect(command).toEqual(expected);
    },
  );

  it('GIVEN the round trips WHEN listed THEN every subcommand of the grammar is tried', () => {
    const tried = new Set(roundTrips.map(([path]) => path.split(' ')[0]));

    expect(SUBCOMMANDS.filter((name) => !tried.has(name))).toEqual([]);
  });

  it('GIVEN a mentionable option naming a user and a role WHEN received THEN the user is its id and the role &id', () => {
    expect(
      receivedCommand(
        received('role', [
          ['role', 'lead'],
          ['who', ANA],
        ]),
      ),
    ).toEqual({ name: 'role', values: { role: 'lead', user: ANA } });
    expect(
      receivedCommand(
        received('role', [
          ['role', 'legal'],
          ['who', LEGAL],
        ]),
      ),
    ).toEqual({ name: 'role', values: { role: 'legal', user: `&${LEGAL}` } });
  });

  it('GIVEN discord.js’s interaction.options.data (a role resolved inline) WHEN received THEN the values are the same as from raw data', () => {
    const fromDiscordJs = [
      {
        name: 'role',
        type: ApplicationCommandOptionType.Subcommand,
        options: [
          { name: 'role', type: ApplicationCommandOptionType.String, value: 'legal' },
          { name: 'who', type: ApplicationCommandOptionType.Mentionable, value: LEGAL, role: { id: LEGAL } },
          { name: 'incident', type: ApplicationCommandOptionType.Integer, value: 2 },
        ],
      },
    ];

    expect(receivedCommand(fromDiscordJs)).toEqual({
      name: 'role',
      values: { role: 'legal', user: `&${LEGAL}`, incident: 2 },
    });
  });

  it('GIVEN data without a subcommand WHEN received THEN there is no command', () => {
    expect(receivedCommand({ options: [] })).toBeNull();
    expect(
      receivedCommand([{ name: 'step', type: ApplicationCommandOptionType.SubcommandGroup, options: [] }]),
    ).toBeNull();
    expect(
      receivedCommand([{ name: 'title', type: ApplicationCommandOptionType.String, value: 'x' }]),
    ).toBeNull();
  });

  it('GIVEN anything at all from the network WHEN received and checked THEN it never throws', () => {
    const option = fc.letrec((tie) => ({
      option: fc.record(
        {
          name: fc.oneof(fc.constantFrom(...SUBCOMMANDS, 'who', 'incident', 'title'), fc.string()),
          type: fc.integer({ min: 0, max: 12 }),
          value: fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.double()),
          options: fc.array(tie('option'), { maxLength: 3 }),
          role: fc.anything(),
        },
        { requiredKeys: ['name', 'type'] },
      ),
    })).option;

    fc.assert(
      fc.property(fc.array(option, { maxLength: 3 }), (options) => {
        for (const data of [options, { options, resolved: { roles: {} } }]) {
          expect(() => {
            const command = receivedCommand(data as never);
            if (command) registry.fromOptions(command.name, command.verb, command.values);
          }).not.toThrow();
        }
      }),
    );
  });
});
