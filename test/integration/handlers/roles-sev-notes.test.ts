import { button, textOf } from '../../support/recording-chat';
import { ana, bob, inRoom, kinds, replyText, useWorld } from './world';

const world = useWorld();

describe('/crisis role', () => {
  test('GIVEN incident #1 WHEN ana types `/crisis role lead @U0LENA` in the room THEN lena is lead, invited, on the timeline, in the room, the summary and the topic', async () => {
    const w = world();
    const room = await w.open(ana);
    const before = w.chat.postsIn(room).length;

    const reply = await w.command(inRoom(ana, room), 'role lead @U0LENA');

    const incident = await w.incident(1);
    expect(incident.roles).toEqual({ lead: 'U0LENA' });
    expect((await w.timeline(1)).at(-1)).toMatchObject({
      kind: 'role',
      role: 'lead',
      user: 'U0LENA',
      by: 'U0ANA',
    });
    expect(w.chat.invitedTo(room)).toContain('U0LENA');
    expect(w.chat.postsIn(room).slice(before).map(textOf)).toEqual([
      '<@U0LENA> is now incident lead (named by <@U0ANA>).',
    ]);
    expect(w.chat.topicOf(room)).toBe('SEV1 · open · Incident lead: <@U0LENA>');
    const summary = w.chat.currentCard(incident.summary ?? { room: '', id: '' });
    expect(summary?.fields).toContainEqual({ label: 'Incident lead', value: '<@U0LENA>' });
    // Typed in the room: the room shows it, the private reply stays empty.
    expect(reply.cards).toEqual([]);
  });

  test('GIVEN lena is lead WHEN the lead is handed to bob with a Spanish role name and a Slack mention THEN bob is lead and the timeline keeps who held it before', async () => {
    const w = world();
    const room = await w.open(ana);
    await w.command(inRoom(ana, room), 'role lead @U0LENA');

    await w.command(inRoom(ana, room), 'role responsable <@U0BOB|bob>');

    expect((await w.incident(1)).roles.lead).toBe('U0BOB');
    expect((await w.timeline(1)).at(-1)).toMatchObject({ kind: 'role', user: 'U0BOB', previous: 'U0LENA' });
  });

  test('GIVEN lena is lead WHEN she is named lead again THEN nothing changes and the reply says so', async () => {
    const w = world();
    const room = await w.open(ana);
    await w.command(inRoom(ana, room), 'role lead @U0LENA');
    const before = await w.snapshot();

    const reply = await w.command(inRoom(ana, room), 'role lead @U0LENA');

    expect(replyText(reply)).toBe('U0LENA already is incident lead.');
    expect(await w.snapshot()).toEqual(before);
  });
});

describe('/crisis sev', () => {
  test('GIVEN a SEV1 incident WHEN bob types `/crisis sev 3` outside the room THEN it is SEV3 everywhere and bob is shown the change', async () => {
    const w = world();
    const room = await w.open(ana);
    const pinned = (await w.incident(1)).summary ?? { room: '', id: '' };

    const reply = await w.command(bob, 'sev 3');

    expect((await w.incident(1)).severity).toBe(3);
    expect((await w.timeline(1)).at(-1)).toMatchObject({ kind: 'severity', from: 1, to: 3, by: 'U0BOB' });
    expect(w.chat.textsIn(room).at(-1)).toBe('Severity changed from SEV1 to SEV3 by <@U0BOB>.');
    expect(w.chat.currentCard(pinned)?.title).toBe('SEV3 · #1 Our account is posting spam');
    expect(w.chat.topicOf(room)).toMatch(/^SEV3 · /);
    expect(replyText(reply)).toBe('Severity changed from SEV1 to SEV3 by <@U0BOB>.');
  });

  test('GIVEN a SEV1 incident WHEN `/crisis sev2` is typed glued THEN it reads as sev 2', async () => {
    const w = world();
    const room = await w.open(ana);

    await w.command(inRoom(ana, room), 'sev2');

    expect((await w.incident(1)).severity).toBe(2);
  });
});

describe('/crisis note', () => {
  test('GIVEN incident #1 WHEN ana adds a note THEN it is on the timeline, she is told, and the room is not spammed with it', async () => {
    const w = world();
    const room = await w.open(ana);
    const posts = w.chat.postsIn(room).length;

    const reply = await w.command(
      inRoom(ana, room),
      'note Screenshots of the 14 spam posts are in the drive',
    );

    expect((await w.timeline(1)).at(-1)).toMatchObject({
      kind: 'note',
      text: 'Screenshots of the 14 spam posts are in the drive',
      by: 'U0ANA',
    });
    expect(replyText(reply)).toBe('Note added to the timeline of incident #1.');
    expect(w.chat.postsIn(room)).toHaveLength(posts);
  });

  test('GIVEN a note was added WHEN someone asks `/crisis status` THEN the note is among the latest events', async () => {
    const w = world();
    const room = await w.open(ana);
    await w.command(inRoom(ana, room), 'note Support ticket 5512 filed with the platform');

    const reply = await w.command(inRoom(bob, room), 'status');

    expect(replyText(reply)).toContain('<@U0ANA>: note: Support ticket 5512 filed with the platform');
  });
});

describe('/crisis lang', () => {
  test('GIVEN an English incident WHEN ana types `/crisis lang fr` THEN the room is told in French, the summary turns French and later room posts are French', async () => {
    const w = world();
    const room = await w.open(ana);
    const pinned = (await w.incident(1)).summary ?? { room: '', id: '' };

    await w.command(inRoom(ana, room), 'lang fr');

    expect((await w.incident(1)).locale).toBe('fr');
    expect(kinds(await w.timeline(1)).at(-1)).toBe('locale');
    expect(w.chat.textsIn(room).at(-1)).toBe('Cette crise est désormais gérée en français.');
    expect(w.chat.currentCard(pinned)?.fields?.[0]).toEqual({ label: 'Statut', value: 'ouverte' });
    expect(w.chat.topicOf(room)).toMatch(/^SEV1 · ouverte · .*personne pour l’instant$/);

    // The step 1 card was posted in English; pressing its Done now records in French.
    await w.press(inRoom(ana, room), button(w.latestStepCard(room), 'Done'));
    const [record, step2] = w.chat.postsIn(room).slice(-2);
    expect(textOf(record ?? {})).toBe(
      'Étape 1 faite par <@U0ANA> : Ouvrir la crise et en prendre la direction',
    );
    expect(step2?.title).toBe('Étape 2 sur 11 : Couper toutes les publications');
    expect(step2?.buttons?.map((b) => b.label)).toEqual([
      'Fait',
      'Passer',
      'Attribuer',
      'Rédiger le communiqué d’attente',
    ]);
  });

  test('GIVEN a French incident WHEN `/crisis lang fr` is typed again THEN nothing changes', async () => {
    const w = world();
    const room = await w.open(ana);
    await w.command(inRoom(ana, room), 'lang fr');
    const before = await w.snapshot();

    const reply = await w.command(inRoom(ana, room), 'lang fr');

    expect(replyText(reply)).toBe('This incident already uses fr.');
    expect(await w.snapshot()).toEqual(before);
  });
});

describe('/crisis status', () => {
  test('GIVEN one open incident WHEN bob types `/crisis status` outside its room THEN he gets its summary, current step and latest events', async () => {
    const w = world();
    await w.open(ana);

    const reply = await w.command(bob, 'status');

    const [summary, step, recent] = reply.cards;
    expect(summary?.title).toBe('SEV1 · #1 Our account is posting spam');
    expect(step?.title).toBe('Step 1 of 11: Open the incident and take the lead');
    expect(recent?.title).toBe('Latest on the timeline');
    expect(recent?.lines).toEqual([
      '22 Nov 2026 09:30 UTC · <@U0ANA>: opened “Our account is posting spam” with playbook hacked-account, SEV1',
      '22 Nov 2026 09:30 UTC · <@U0ANA>: channel #crisis-1-2026-11-22-our-account-is-posting-spam created',
    ]);
  });

  test('GIVEN two open incidents WHEN bob types `/crisis status` outside both rooms THEN he is asked which one, by number', async () => {
    const w = world();
    await w.open(ana);
    await w.open(ana, 'open hacked-account sev2 Scam DMs to followers');

    const reply = await w.command(bob, 'status');

    expect(replyText(reply)).toBe(
      'Several incidents are open (#2, #1). Say which one: `/crisis status #N`, or type the command in its channel.',
    );
  });

  test('GIVEN two open incidents WHEN bob types `/crisis status #2` (or `status 2`) THEN he gets #2', async () => {
    const w = world();
    await w.open(ana);
    await w.open(ana, 'open hacked-account sev2 Scam DMs to followers');

    const hash = await w.command(bob, 'status #2');
    const bare = await w.command(bob, 'status 2');

    expect(hash.cards[0]?.title).toBe('SEV2 · #2 Scam DMs to followers');
    expect(bare.cards[0]?.title).toBe('SEV2 · #2 Scam DMs to followers');
  });

  test('GIVEN two open incidents WHEN status is typed inside the room of #1 THEN it is about #1', async () => {
    const w = world();
    const room1 = await w.open(ana);
    await w.open(ana, 'open hacked-account sev2 Scam DMs to followers');

    const reply = await w.command(inRoom(bob, room1), 'status');

    expect(reply.cards[0]?.title).toBe('SEV1 · #1 Our account is posting spam');
  });

  test('GIVEN no incident WHEN `/crisis status` is typed THEN the reply says none is open and how to open one', async () => {
    const w = world();

    const reply = await w.command(bob, 'status');

    expect(replyText(reply)).toBe('No incident is open. Start one with `/crisis open <title>`.');
  });
});

describe('/crisis list', () => {
  test('GIVEN nothing was opened WHEN `/crisis list` THEN it says there are no open incidents', async () => {
    const w = world();

    expect(replyText(await w.command(bob, 'list'))).toContain('No open incidents. Good.');
  });

  test('GIVEN two incidents, #1 on step 2 WHEN `/crisis list` THEN both show newest first with severity, title, progress and room', async () => {
    const w = world();
    const room1 = await w.open(ana);
    await w.command(inRoom(ana, room1), 'step done');
    await w.open(ana, 'open hacked-account Scam DMs to followers');

    const reply = await w.command(bob, 'list');

    expect(reply.cards[0]?.lines).toEqual([
      '*#2* SEV? · Scam DMs to followers · open · step 1/11 · #crisis-2-2026-11-22-scam-dms-to-followers',
      '*#1* SEV1 · Our account is posting spam · open · step 2/11 · #crisis-1-2026-11-22-our-account-is-posting-spam',
    ]);
  });
});
