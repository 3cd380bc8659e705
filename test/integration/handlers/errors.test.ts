import type { Reply } from '../../../src/app/deps';
import { button } from '../../support/recording-chat';
import { ana, bob, inRoom, kinds, replyText, useWorld, type World } from './world';

const world = useWorld();

const STALE = 'That button no longer does anything. Run `/crisis status` for the current state.';
/** What the user reads when the chat platform refuses a call: who refused, its code, what to do. */
const UNEXPECTED =
  'The chat platform refused calma’s request (internal_error). Check `/crisis status` before trying again: part of it may have been done. If it keeps failing, tell whoever runs calma.';

/** Runs `act` against an open SEV1 incident #1 and checks that neither the store nor the room changed. */
async function changesNothing(w: World, act: (room: string) => Promise<Reply>): Promise<Reply> {
  const room = await w.open(ana);
  const before = await w.snapshot();
  const reply = await act(room);
  expect(await w.snapshot()).toEqual(before);
  return reply;
}

/** A refusal is one warning card (plus, sometimes, help to go on). */
const warning = (reply: Reply) => reply.cards[0]?.tone === 'warning' && !reply.openedRoom;

describe('mistyped commands are answered, and change nothing', () => {
  test('GIVEN an open incident WHEN ana types `/crisis frobnicate` THEN she is told it is not a command and shown the help', async () => {
    const w = world();

    const reply = await changesNothing(w, (room) => w.command(inRoom(ana, room), 'frobnicate now'));

    expect(warning(reply)).toBe(true);
    expect(reply.cards[0]?.lines).toEqual([
      '“frobnicate” is not a calma command. Here is what calma understands:',
    ]);
    expect(reply.cards[1]?.title).toBe('calma: crisis response, step by step');
    expect(replyText(reply)).toContain(`Playbooks: ${w.deps.playbooks.ids().join(', ')}.`);
  });

  test('GIVEN a SEV1 incident WHEN ana types `/crisis sev9` THEN she is told 9 is not a severity and it stays SEV1', async () => {
    const w = world();

    const reply = await changesNothing(w, (room) => w.command(inRoom(ana, room), 'sev9'));

    expect(warning(reply)).toBe(true);
    expect(replyText(reply)).toContain('“9” is not a severity. Use sev1 (worst) to sev4');
    expect((await w.incident(1)).severity).toBe(1);
  });

  test('GIVEN an open incident WHEN ana types `/crisis role lead` without saying who THEN she is told how to name someone', async () => {
    const w = world();

    const reply = await changesNothing(w, (room) => w.command(inRoom(ana, room), 'role lead'));

    expect(replyText(reply)).toBe('Say who takes the role, with an @mention: `/crisis role lead @name`.');
  });

  test('GIVEN an open incident WHEN ana types `/crisis step done 99` THEN she is told the playbook has 11 steps', async () => {
    const w = world();

    const reply = await changesNothing(w, (room) => w.command(inRoom(ana, room), 'step done 99'));

    expect(replyText(reply)).toBe('There is no step 99: this playbook has 11 steps.');
  });

  test.each([
    'status #7',
    '#7 status',
    'sev #7 2',
    'note #7 screenshots saved',
    'step #7 done',
    'step #7 skip not needed',
    'role #7 lead @U0LENA',
    'lang #7 es',
  ])(
    'GIVEN only incident #1 exists WHEN ana types `/crisis %s` THEN she is told there is no #7',
    async (text) => {
      const w = world();

      const reply = await changesNothing(w, () => w.command(ana, text));

      expect(replyText(reply)).toBe('There is no incident #7. `/crisis list all` shows them all.');
    },
  );

  // The help says "add `#N`" without saying where; people append it. On commands that take no free
  // text, a trailing #7 cannot be part of a text: it must never be dropped so that #1 changes instead.
  test.each(['sev 2 #7', 'step done #7', 'role lead @U0LENA #7', 'lang es #7'])(
    'GIVEN only incident #1 exists WHEN ana types `/crisis %s` (incident named last) THEN #1 is left alone and she is told there is no #7',
    async (text) => {
      const w = world();

      const reply = await changesNothing(w, () => w.command(ana, text));

      expect(replyText(reply)).toBe('There is no incident #7. `/crisis list all` shows them all.');
    },
  );
});

describe('a refused /crisis open creates nothing', () => {
  test.each(['open', 'open hacked-account', 'open hacked-account sev1', 'open sev2'])(
    'GIVEN nothing is open WHEN ana types `/crisis %s` (no title) THEN she gets the open form and the next open is still #1',
    async (text) => {
      const w = world();

      const reply = await w.command(ana, text);

      expect(reply.form?.submit.kind).toBe('open');
      expect(reply.form?.fields.map((f) => f.id)).toEqual([
        'title',
        'playbook',
        'severity',
        'lead',
        'private',
        'drill',
      ]);
      expect(w.chat.activity()).toEqual({
        rooms: 0,
        invites: 0,
        topics: 0,
        posts: 0,
        updates: 0,
        pins: 0,
        dms: 0,
      });
      expect(await w.store.list(ana.workspace, { all: true })).toEqual([]);
      expect(replyText(await w.command(ana, 'open hacked-account sev1 Spam'))).toContain(
        'Incident #1 is open',
      );
    },
  );

  test('GIVEN a typo in the playbook id WHEN ana types `/crisis open hacked-acount sev1 Spam everywhere` THEN she is told which playbooks exist and nothing opens', async () => {
    const w = world();

    const reply = await w.command(ana, 'open hacked-acount sev1 Spam everywhere');

    expect(warning(reply)).toBe(true);
    expect(replyText(reply)).toBe(
      `There is no playbook “hacked-acount”. Playbooks: ${w.deps.playbooks.ids().join(', ')}.`,
    );
    expect(w.chat.rooms).toEqual([]);
    expect(await w.store.list(ana.workspace, { all: true })).toEqual([]);
  });
});

describe('stale or tampered buttons are answered, and change nothing', () => {
  test.each([
    ['an unknown kind', 'frobnicate|1|0', STALE],
    ['an empty value', '', STALE],
    ['a severity out of range', 'sev.set|1|9', STALE],
    [
      'a severity button of a vanished incident',
      'sev.set|7|2',
      'There is no incident #7. `/crisis list all` shows them all.',
    ],
    [
      'a step button of a vanished incident',
      'step.done|7|0',
      'There is no incident #7. `/crisis list all` shows them all.',
    ],
    [
      'a playbook choice whose draft expired',
      'open.pick|deadbeef|hacked-account',
      'That choice has expired or was already made. Run `/crisis open` again.',
    ],
  ])(
    'GIVEN incident #1 WHEN a button with %s is pressed THEN the reply explains and nothing changes',
    async (_what, value, expected) => {
      const w = world();

      const reply = await changesNothing(w, (room) => w.press(inRoom(bob, room), value));

      expect(replyText(reply)).toBe(expected);
    },
  );

  // A button value that lost part of its arguments (truncated, hand-crafted) is garbage: it must be
  // answered like a stale button, not read as "step 1" or shown to the user as "#NaN" / "step NaN".
  test.each([
    ['its step number cut off', 'step.done|1'],
    ['letters instead of numbers', 'step.done|x|y'],
    ['a step that is not a number', 'step.done|1|x'],
    ['a Skip with a step that is not a number', 'step.skip|1|zz'],
  ])(
    'GIVEN incident #1 on step 1 WHEN a step button with %s is pressed THEN it is answered as a stale button and nothing changes',
    async (_what, value) => {
      const w = world();

      const reply = await changesNothing(w, (room) => w.press(inRoom(bob, room), value));

      expect(reply.form).toBeUndefined();
      expect(replyText(reply)).toBe(STALE);
    },
  );
});

describe('when the chat platform fails', () => {
  test('GIVEN posting to the platform fails WHEN ana opens an incident THEN she gets the “something went wrong” reply, nothing throws, and the stored incident is kept', async () => {
    const w = world();
    w.chat.fail('post');

    const reply = await w.command(ana, 'open hacked-account sev1 Our account is posting spam');

    expect(replyText(reply)).toBe(UNEXPECTED);
    expect(reply.cards[0]?.tone).toBe('warning');
    const incident = await w.incident(1);
    expect(incident).toMatchObject({ title: 'Our account is posting spam', severity: 1, status: 'open' });
    expect(incident.room).toBe(w.chat.rooms[0]?.id);
    expect(kinds(await w.timeline(1))).toEqual(['opened', 'room']);
  });

  test('GIVEN the open failed half-way on a platform error WHEN the platform is back and someone changes the severity THEN the summary is posted and pinned then', async () => {
    const w = world();
    w.chat.fail('post');
    await w.command(ana, 'open hacked-account sev1 Our account is posting spam');
    w.chat.heal('post');
    const room = (await w.incident(1)).room ?? '';

    await w.command(inRoom(ana, room), 'sev 2');

    const incident = await w.incident(1);
    expect(incident.summary).not.toBeNull();
    expect(w.chat.pinnedIn(room)).toEqual([incident.summary]);
    expect(w.chat.currentCard(incident.summary ?? { room: '', id: '' })?.title).toBe(
      'SEV2 · #1 Our account is posting spam',
    );
  });

  test('GIVEN room creation fails WHEN ana opens an incident THEN she gets the “something went wrong” reply and the incident is stored, findable by `/crisis status`', async () => {
    const w = world();
    w.chat.fail('createRoom');

    const reply = await w.command(ana, 'open hacked-account sev1 Our account is posting spam');

    expect(replyText(reply)).toBe(UNEXPECTED);
    expect((await w.incident(1)).room).toBeNull();
    w.chat.heal('createRoom');
    expect((await w.command(bob, 'status')).cards[0]?.title).toBe('SEV1 · #1 Our account is posting spam');
  });

  test('GIVEN posting fails after Done is accepted WHEN ana presses Done THEN she gets the “something went wrong” reply and step 1 stays done', async () => {
    const w = world();
    const room = await w.open(ana);
    const done = button(w.latestStepCard(room), 'Done');
    w.chat.fail('post');

    const reply = await w.press(inRoom(ana, room), done);

    expect(replyText(reply)).toBe(UNEXPECTED);
    expect((await w.incident(1)).steps[0]?.state).toBe('done');
    expect(kinds(await w.timeline(1)).filter((k) => k === 'step-done')).toHaveLength(1);
  });

  test('GIVEN a Spanish-speaking caller WHEN the platform fails THEN the reply saying the platform refused is in Spanish', async () => {
    const w = world();
    w.chat.fail('post');

    const reply = await w.command({ ...ana, locale: 'es' }, 'open hacked-account sev1 Nos han hackeado');

    expect(replyText(reply)).toMatch(
      /^The chat platform ha rechazado la petición de calma \(internal_error\)/,
    );
  });
});
