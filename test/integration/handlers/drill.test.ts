/**
 * `/crisis drill` through the real handlers and store: what it lists, what it refuses and how a drill
 * opens (without the reminder queue: injects are covered in test/integration/reminders/drill.test.ts).
 */
import { textOf } from '../../support/recording-chat';
import { ana, bob, replyText, useWorld } from './world';

const world = useWorld();

describe('/crisis drill', () => {
  test('GIVEN no arguments WHEN ana types `/crisis drill` THEN she gets the playbooks and every scenario, and nothing opens', async () => {
    const w = world();

    const reply = await w.command(ana, 'drill');

    expect(reply.cards[0]?.title).toBe('Drills: practise before the real crisis');
    const text = replyText(reply);
    expect(text).toContain('`/crisis drill compromised-tool buffer-2013`: Buffer, 26 October 2013');
    expect(text).toContain('`/crisis drill lost-device stolen-phone`');
    expect(text).toContain('`/crisis drill hacked-account scheduler-night`');
    expect(text).toContain('`/crisis drill hacked-account`: “Hacked or compromised account” alone');
    expect(w.chat.activity().rooms).toBe(0);
  });

  test.each([
    ['drill hacked-acount', 'There is no playbook “hacked-acount” to practise. Playbooks: {playbooks}.'],
    [
      'drill hacked-account buffer-2013',
      'There is no scenario “buffer-2013” for the playbook “hacked-account”. Its scenarios: scheduler-night.',
    ],
  ])(
    'GIVEN `/crisis %s` WHEN typed THEN a friendly error lists what exists, with the drill help',
    async (text, error) => {
      const w = world();

      const reply = await w.command(ana, text);

      expect(reply.cards[0]?.lines).toEqual([
        error.replace('{playbooks}', w.deps.playbooks.ids().join(', ')),
      ]);
      expect(reply.cards[1]?.title).toBe('Drills: practise before the real crisis');
      expect(await w.store.list(ana.workspace, { all: true })).toEqual([]);
    },
  );

  test('GIVEN a playbook without a scenario WHEN a drill opens THEN its title is “Drill: <playbook>”, severity unset, and no scenario is stored', async () => {
    const w = world();

    const reply = await w.command(bob, 'drill hacked-account');

    const incident = await w.incident(1);
    expect(incident).toMatchObject({
      drill: true,
      severity: null,
      title: 'Drill: Hacked or compromised account',
    });
    expect(incident.scenario).toBeUndefined();
    expect(replyText(reply)).toContain('🎭 Drill #1 is open in');
    expect(replyText(reply)).toContain('Severity is not set');
    expect(w.chat.textsIn(reply.openedRoom ?? '').join('\n')).toContain(
      'No scenario: work through the playbook at your own pace.',
    );
  });

  test('GIVEN `/crisis drill stolen-phone` (a scenario alone) in Spanish WHEN typed THEN its playbook is taken from it and the drill speaks Spanish', async () => {
    const w = world();

    const reply = await w.command({ ...ana, locale: 'es' }, 'drill stolen-phone');

    const incident = await w.incident(1);
    expect(incident).toMatchObject({
      drill: true,
      scenario: 'stolen-phone',
      playbook: 'lost-device',
      locale: 'es',
    });
    expect(incident.title).toBe('Roban el móvil de trabajo y nuestro Instagram publica una estafa cripto');
    expect(replyText(reply)).toContain('🎭 El simulacro #1 está abierto');
    const summary = w.chat.postsIn(reply.openedRoom ?? '')[0];
    expect(summary?.title).toMatch(/^SIMULACRO · SEV\? · #1 Roban/);
  });

  test('GIVEN the general help WHEN asked THEN it lists drill and delete', async () => {
    const text = textOf((await world().command(ana, 'help')).cards[0] ?? {});

    expect(text).toContain('`/crisis drill [playbook] [scenario]`');
    expect(text).toContain('`/crisis delete #N`');
  });
});
