/** Closing and reopening an incident, as the room and the announcements channel see it. */
import { textOf } from '../../support/recording-chat';
import { ana, bob, inRoom, kinds, replyText, useWorld } from './world';

const world = useWorld({ announcements: 'C_NEWS' });

const announcement = (w: ReturnType<typeof world>) => {
  const posted = w.chat.posts.find((p) => p.room === 'C_NEWS');
  if (!posted) throw new Error('nothing announced');
  return w.chat.updates.filter((u) => u.ref.id === posted.ref.id).at(-1)?.card ?? posted.card;
};

describe('/crisis close', () => {
  test('GIVEN an open incident WHEN `/crisis close` with no text THEN a form asks how it ended and whether the public got a final update', async () => {
    const w = world();
    const room = await w.open(ana);

    const reply = await w.command(inRoom(ana, room), 'close');

    expect(reply.form?.title).toBe('Close incident #1');
    expect(reply.form?.fields.map((f) => [f.id, f.type, f.initial])).toEqual([
      ['resolution', 'longtext', undefined],
      // Nothing was published: the box starts unticked.
      ['finalUpdate', 'checkbox', 'false'],
    ]);
  });

  test('GIVEN the form answered WHEN submitted THEN the incident is resolved on the record, the summary, topic and announcement say so', async () => {
    const w = world();
    const room = await w.open(ana);
    const form = (await w.command(inRoom(ana, room), 'close')).form;

    await w.submit(inRoom(ana, room), form, {
      resolution: 'Account recovered; spam removed after archiving.',
      finalUpdate: 'true',
    });

    const incident = await w.incident(1);
    expect(incident).toMatchObject({
      status: 'resolved',
      resolution: 'Account recovered; spam removed after archiving.',
    });
    expect(incident.resolvedAt).toBeDefined();
    expect((await w.timeline(1)).at(-1)).toMatchObject({ kind: 'closed', finalUpdate: true, by: 'U0ANA' });
    expect(w.chat.topics.at(-1)?.topic).toContain('resolved');
    const summary = w.chat.updates.filter((u) => u.card.fields?.some((f) => f.label === 'Status')).at(-1);
    expect(summary?.card.fields?.find((f) => f.label === 'Status')?.value).toBe('resolved');
    const news = announcement(w);
    expect(news.title).toBe('✅ Resolved · Incident #1: Our account is posting spam');
    expect(news.buttons).toBeUndefined();
    const said = w.chat.postsIn(room).map(textOf).at(-1) ?? '';
    expect(said).toContain('✅ Incident #1 resolved by <@U0ANA>.');
    expect(said).not.toContain('No final public update');
  });

  test('GIVEN nothing was published and a draft waits WHEN closed inline THEN the room is warned about both', async () => {
    const w = world();
    const room = await w.open(ana);
    await w.command(inRoom(ana, room), 'update We are looking into it.');

    await w.command(inRoom(ana, room), 'close False alarm after all.');

    const said = w.chat.postsIn(room).map(textOf).at(-1) ?? '';
    expect(said).toContain('⚠️ No final public update was recorded');
    expect(said).toContain('Never published: S1.');
    expect((await w.timeline(1)).at(-1)).toMatchObject({ kind: 'closed', finalUpdate: false });
  });

  test('GIVEN a resolved incident WHEN someone changes it or closes it again THEN they are told it is resolved', async () => {
    const w = world();
    const room = await w.open(ana);
    await w.command(inRoom(ana, room), 'close Done.');

    expect(replyText(await w.command(inRoom(bob, room), 'close Again'))).toBe(
      'Incident #1 is already resolved. `/crisis reopen #1 <reason>` opens it again.',
    );
    expect(replyText(await w.command(inRoom(bob, room), 'sev 2'))).toContain('resolved');
  });

  test('GIVEN a resolved incident WHEN bob reopens it with a reason THEN it is open again, on the record, and the announcement offers Join again', async () => {
    const w = world();
    const room = await w.open(ana);
    await w.command(inRoom(ana, room), 'close Done.');

    const form = (await w.command(inRoom(bob, room), 'reopen')).form;
    expect(form?.fields.map((f) => f.id)).toEqual(['reason']);
    await w.submit(inRoom(bob, room), form, { reason: 'The spam is back' });

    const incident = await w.incident(1);
    expect(incident.status).toBe('open');
    expect(incident.resolvedAt).toBeUndefined();
    expect(kinds(await w.timeline(1)).slice(-2)).toEqual(['closed', 'reopened']);
    expect(w.chat.postsIn(room).map(textOf).at(-1)).toContain(
      '↩️ Incident #1 reopened by <@U0BOB>: The spam is back.',
    );
    expect(announcement(w).buttons?.map((b) => b.action.kind)).toEqual(['room.join']);
    expect(replyText(await w.command(inRoom(bob, room), 'reopen Why not'))).toBe(
      'Incident #1 is still open.',
    );
  });
});

describe('the postmortem', () => {
  test('GIVEN an incident WHEN it is closed THEN its postmortem is shared in the room as a Markdown file, in its language', async () => {
    const w = world();
    const room = await w.open(ana);
    await w.command(inRoom(ana, room), 'lang fr');

    await w.command(inRoom(ana, room), 'close Compte récupéré.');

    expect(w.chat.files).toHaveLength(1);
    const file = w.chat.files[0];
    expect(file).toMatchObject({
      room,
      filename: 'postmortem-T0ACME-1.md',
      title: 'Retour d’expérience n°1 : Our account is posting spam',
    });
    expect(file?.content).toMatch(/^# Retour d’expérience/m);
    expect(file?.content).toContain('Compte récupéré.');
  });

  test('GIVEN sharing the file fails WHEN closing THEN the incident is still closed and the closer is told how to share it later', async () => {
    const w = world();
    const room = await w.open(ana);
    w.chat.fail('uploadFile');

    const reply = await w.command(inRoom(ana, room), 'close Done.');

    expect((await w.incident(1)).status).toBe('resolved');
    expect(replyText(reply)).toContain('`/crisis postmortem #1` tries again');
    w.chat.heal('uploadFile');
    await w.command(inRoom(ana, room), 'postmortem');
    expect(w.chat.files.map((f) => f.filename)).toEqual(['postmortem-T0ACME-1.md']);
  });
});
