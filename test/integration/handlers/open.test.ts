import { button, buttonsOf, textOf } from '../../support/recording-chat';
import { ana, bob, cardWithButtons, inRoom, kinds, replyText, useWorld, WORKSPACE } from './world';

const world = useWorld();

const ROOM_NAME = 'crisis-1-2026-11-22-our-account-is-posting-spam';

describe('/crisis open with a playbook and a severity', () => {
  test('GIVEN nothing is open WHEN ana types `/crisis open hacked-account sev1 Our account is posting spam` THEN incident #1 is stored and its room is created, staffed, pinned and briefed', async () => {
    const w = world();

    const reply = await w.command(ana, 'open hacked-account sev1 Our account is posting spam');

    // Stored.
    const incident = await w.incident(1);
    expect(incident).toMatchObject({
      seq: 1,
      title: 'Our account is posting spam',
      playbook: 'hacked-account',
      severity: 1,
      status: 'open',
      locale: 'en',
      openedBy: 'U0ANA',
      openedAt: '2026-11-22T09:30:00.000Z',
      roomName: ROOM_NAME,
    });
    expect(incident.steps).toHaveLength(11);
    expect(incident.steps.every((s) => s.state === 'open')).toBe(true);
    expect(kinds(await w.timeline(1))).toEqual(['opened', 'room']);

    // The room.
    expect(w.chat.rooms).toHaveLength(1);
    const room = w.chat.rooms[0];
    expect(room).toMatchObject({ name: ROOM_NAME, workspace: WORKSPACE, private: false });
    expect(incident.room).toBe(room?.id);
    const roomId = room?.id ?? '';
    expect(w.chat.invitedTo(roomId)).toEqual(['U0ANA', 'U_ON_CALL']);
    expect(w.chat.topicOf(roomId)).toContain('SEV1');

    // Summary posted first and pinned; stored as the incident's summary message.
    const [summary, rules, step1, ...rest] = w.chat.postsIn(roomId);
    expect(rest).toEqual([]);
    expect(summary?.title).toBe('SEV1 · #1 Our account is posting spam');
    expect(w.chat.pinnedIn(roomId)).toEqual([incident.summary]);
    expect(w.chat.currentCard(incident.summary ?? { room: '', id: '' })).toEqual(summary);

    // Rules, then step 1 with its buttons.
    expect(textOf(rules ?? {})).toContain('Never delete or hide criticism');
    expect(step1?.title).toBe('Step 1 of 11: Open the incident and take the lead');
    expect(buttonsOf(step1).map((b) => b.label)).toEqual([
      'Done',
      'Skip',
      'Assign',
      'Draft holding statement',
    ]);

    // What ana reads.
    expect(reply.openedRoom).toBe(roomId);
    expect(replyText(reply)).toContain(`Incident #1 is open in <#${roomId}>`);
    expect(reply.cards.some((c) => (c.buttons?.length ?? 0) > 0)).toBe(false);
    expect(replyText(reply)).not.toContain('Severity is not set');
  });

  test('GIVEN incident #1 is open WHEN a second crisis is opened THEN it is #2 with its own room, and another workspace starts again at #1', async () => {
    const w = world();
    await w.open(ana);

    const second = await w.command(bob, 'open hacked-account sev2 Scam DMs sent to our followers');
    const elsewhere = await w.command(
      { ...ana, workspace: 'T0OTHER' },
      'open hacked-account sev3 Our account is posting spam',
    );

    expect(replyText(second)).toContain(`Incident #2 is open in <#${second.openedRoom}>`);
    expect(w.chat.room(second.openedRoom ?? '')?.name).toBe(
      'crisis-2-2026-11-22-scam-dms-sent-to-our-followers',
    );
    expect((await w.incident(2)).severity).toBe(2);
    expect(replyText(elsewhere)).toContain(`Incident #1 is open in <#${elsewhere.openedRoom}>`);
    expect(w.chat.room(elsewhere.openedRoom ?? '')?.name).toBe(ROOM_NAME);
    expect((await w.incident(1, 'T0OTHER')).title).toBe('Our account is posting spam');
    expect(new Set(w.chat.rooms.map((r) => r.id)).size).toBe(3);
    expect((await w.store.list(WORKSPACE)).map((i) => i.seq)).toEqual([2, 1]);
    expect((await w.store.list('T0OTHER')).map((i) => i.seq)).toEqual([1]);
  });

  test('GIVEN the channel name is already taken on the platform WHEN opening THEN the room gets the next candidate and the incident records the name it really got', async () => {
    const w = world();
    w.chat.takeName(WORKSPACE, ROOM_NAME);

    const reply = await w.command(ana, 'open hacked-account sev1 Our account is posting spam');

    expect(w.chat.rooms[0]?.name).toBe(`${ROOM_NAME}-2`);
    expect((await w.incident(1)).roomName).toBe(`${ROOM_NAME}-2`);
    expect(replyText(reply)).toContain(`<#${reply.openedRoom}>`);
    const summary = w.chat.postsIn(reply.openedRoom ?? '')[0];
    expect(summary?.context).toBe(`#${ROOM_NAME}-2`);
  });
});

describe('/crisis open without a severity', () => {
  test('GIVEN no severity is typed WHEN opening THEN the reply asks for one with SEV1..SEV4 buttons, the playbook default SEV1 highlighted', async () => {
    const w = world();

    const reply = await w.command(ana, 'open hacked-account Our account is posting spam');

    expect((await w.incident(1)).severity).toBeNull();
    expect(w.chat.topicOf(reply.openedRoom ?? '')).toContain('SEV?');
    const question = cardWithButtons(reply);
    expect(textOf(question ?? {})).toContain('Severity is not set. The playbook suggests SEV1');
    expect(buttonsOf(question).map((b) => [b.label, b.style])).toEqual([
      ['SEV1', 'primary'],
      ['SEV2', undefined],
      ['SEV3', undefined],
      ['SEV4', undefined],
    ]);
  });

  test('GIVEN the severity question WHEN ana presses SEV2 THEN the incident is SEV2, the room is told, the pinned summary and the topic say SEV2', async () => {
    const w = world();
    const opened = await w.command(ana, 'open hacked-account Our account is posting spam');
    const room = opened.openedRoom ?? '';
    const pinned = (await w.incident(1)).summary;
    if (!pinned) throw new Error('no pinned summary');
    const postsBefore = w.chat.postsIn(room).length;

    const reply = await w.press(ana, button(cardWithButtons(opened), 'SEV2'));

    expect((await w.incident(1)).severity).toBe(2);
    expect((await w.timeline(1)).at(-1)).toMatchObject({ kind: 'severity', from: null, to: 2, by: 'U0ANA' });
    const posted = w.chat.postsIn(room).slice(postsBefore).map(textOf);
    expect(posted).toEqual(['Severity changed from SEV? to SEV2 by <@U0ANA>.']);
    expect(w.chat.updatesOf(pinned)).toHaveLength(1);
    expect(w.chat.currentCard(pinned)?.title).toBe('SEV2 · #1 Our account is posting spam');
    expect(w.chat.topicOf(room)).toMatch(/^SEV2 · /);
    // Ana pressed the button outside the room, so she is shown the change too.
    expect(replyText(reply)).toContain('Severity changed from SEV? to SEV2');
  });

  test('GIVEN SEV2 was already chosen WHEN the SEV2 button is pressed again THEN nothing changes and the reply says it is already SEV2', async () => {
    const w = world();
    const opened = await w.command(ana, 'open hacked-account Our account is posting spam');
    const sev2 = button(cardWithButtons(opened), 'SEV2');
    await w.press(ana, sev2);
    const before = await w.snapshot();

    const reply = await w.press(inRoom(bob, opened.openedRoom ?? ''), sev2);

    expect(replyText(reply)).toContain('The severity is already SEV2.');
    expect(await w.snapshot()).toEqual(before);
  });
});

describe('/crisis open without a playbook', () => {
  test('GIVEN no playbook is named WHEN ana types `/crisis open Nos han hackeado la cuenta` THEN nothing is created and she is asked which playbook, hacked-account first and highlighted', async () => {
    const w = world();

    const reply = await w.command(ana, 'open Nos han hackeado la cuenta');

    expect(await w.store.list(WORKSPACE, { all: true })).toEqual([]);
    expect(w.chat.activity()).toEqual({
      rooms: 0,
      invites: 0,
      topics: 0,
      posts: 0,
      updates: 0,
      pins: 0,
      dms: 0,
    });
    expect(reply.openedRoom).toBeUndefined();
    const question = cardWithButtons(reply);
    expect(question?.title).toBe('Which playbook fits “Nos han hackeado la cuenta”?');
    const first = buttonsOf(question)[0];
    expect(first).toMatchObject({ label: 'Hacked or compromised account', style: 'primary' });
    expect(first?.action.args.at(-1)).toBe('hacked-account');
  });

  test('GIVEN the playbook question WHEN ana picks hacked-account THEN the incident opens with her original title', async () => {
    const w = world();
    const asked = await w.command(ana, 'open Nos han hackeado la cuenta');

    const reply = await w.press(ana, button(cardWithButtons(asked), 'Hacked or compromised account'));

    expect(reply.openedRoom).toBeDefined();
    expect(replyText(reply)).toContain(`Incident #1 is open in <#${reply.openedRoom}>`);
    expect(w.chat.room(reply.openedRoom ?? '')?.name).toBe('crisis-1-2026-11-22-nos-han-hackeado-la-cuenta');
    expect(await w.incident(1)).toMatchObject({
      title: 'Nos han hackeado la cuenta',
      playbook: 'hacked-account',
      severity: null,
    });
    // No severity was typed, so the reply asks for it.
    expect(buttonsOf(cardWithButtons(reply)).map((b) => b.label)).toEqual(['SEV1', 'SEV2', 'SEV3', 'SEV4']);
  });

  test('GIVEN the playbook was already picked WHEN the same button is pressed again THEN no second incident opens and the reply says the choice is gone', async () => {
    const w = world();
    const asked = await w.command(ana, 'open Nos han hackeado la cuenta');
    const pick = button(cardWithButtons(asked), 'Hacked or compromised account');
    await w.press(ana, pick);
    const before = await w.snapshot();

    const again = await w.press(ana, pick);

    expect(replyText(again)).toBe('That choice has expired or was already made. Run `/crisis open` again.');
    expect(again.openedRoom).toBeUndefined();
    expect(await w.snapshot()).toEqual(before);
    expect((await w.store.list(WORKSPACE)).map((i) => i.seq)).toEqual([1]);
  });

  test('GIVEN the playbook question WHEN the button is double-clicked (two presses at once) THEN exactly one incident and one room are created', async () => {
    const w = world();
    const asked = await w.command(ana, 'open Nos han hackeado la cuenta');
    const pick = button(cardWithButtons(asked), 'Hacked or compromised account');

    const replies = await Promise.all([w.press(ana, pick), w.press(ana, pick)]);

    expect(replies.filter((r) => r.openedRoom).length).toBe(1);
    expect(replies.map(replyText).filter((t) => t.includes('That choice has expired')).length).toBe(1);
    expect((await w.store.list(WORKSPACE)).map((i) => i.seq)).toEqual([1]);
    expect(w.chat.rooms).toHaveLength(1);
  });
});
