/**
 * Four eyes on public statements, through the real handlers, store and outbox: who may approve, how
 * many approvals a step needs, and what the room reads at each stage.
 */
import { textOf } from '../../support/recording-chat';
import { waitFor } from '../../support/wait-for';
import { ana, bob, lena, replyText } from '../handlers/world';
import { ANNOUNCEMENTS, carl, inRoom, openAndDraft, useStatements } from './statement-world';

const { world } = useStatements();

/** The statement's card in the room, as last drawn (posted, updated in place, posted again on an edit). */
function statementCard(w: ReturnType<typeof world>, room: string, n = 1) {
  const title = new RegExp(`Statement S${n}:`);
  const posted = w.chat.posts.findLast((p) => p.room === room && title.test(p.card.title ?? ''));
  if (!posted) throw new Error(`no card for S${n} in ${room}`);
  return w.chat.updates.filter((u) => u.ref.id === posted.ref.id).at(-1)?.card ?? posted.card;
}

const publicPosts = (w: ReturnType<typeof world>, room: string) =>
  w.chat.postsIn(room).filter((card) => card.title?.startsWith('📣 Public statement'));

describe('drafting', () => {
  test('GIVEN an incident WHEN ana types `/crisis update <text>` THEN the room shows S1 waiting for approval, with its checklist and Approve / Reject / Edit', async () => {
    const w = world();
    const room = await openAndDraft(w);

    const card = statementCard(w, room);
    expect(card.title).toBe('📝 Statement S1: waiting for approval (0 of 1)');
    const text = textOf(card);
    expect(text).toContain('We are sorry: our account was hacked');
    expect(text).toMatch(/Checklist:\* \d+ of 11 covered: an apology/);
    expect(text).toContain('*Missing:*');
    expect(card.buttons?.map((b) => b.label)).toEqual(['Approve', 'Reject', 'Edit']);
    expect(w.chat.postsIn(room).map(textOf).join('\n')).toContain('Statement S1 drafted by <@U0ANA>');
  });

  test('GIVEN `/crisis update` with no text WHEN sent THEN a form opens; WHEN submitted THEN S1 is drafted, going to the status page unless unticked', async () => {
    const w = world();
    const room = await w.open(ana);

    const reply = await w.command(inRoom(ana, room), 'update');
    expect(reply.form?.fields.map((f) => [f.id, f.type])).toEqual([
      ['text', 'longtext'],
      ['target:statuspage', 'checkbox'],
    ]);
    await w.submit(inRoom(ana, room), reply.form, { text: 'We apologise.', 'target:statuspage': 'false' });

    expect((await w.incident(1)).statements?.[0]).toMatchObject({ text: 'We apologise.', targets: [] });
  });

  test('GIVEN the holding-statement step WHEN ana presses "Use template" THEN the form holds the template in the incident language, and the draft needs what the approval policy says, not what the step says', async () => {
    const w = world();
    const room = await w.open(ana, 'open hacked-account sev1 Nuestra cuenta publica spam');
    await w.command(inRoom(ana, room), 'lang es');

    const reply = await w.press(inRoom(ana, room), { kind: 'statement.draft', args: ['1', '5'] });
    const initial = reply.form?.fields[0]?.initial ?? '';
    expect(initial.length).toBeGreaterThan(40);
    expect(initial).toMatch(/[áéíóúñ]/);
    await w.submit(inRoom(ana, room), reply.form, { text: initial });

    // The step names lead + approver; this world's calma.yaml asks one approver at every severity.
    expect((await w.incident(1)).statements?.[0]?.requires).toEqual(['approver']);
  });
});

describe('four eyes', () => {
  test('GIVEN ana drafted S1 WHEN ana approves it, even as a configured approver THEN she is refused and nothing is published', async () => {
    const w = world();
    w.deps.approvers.approver?.push('U0ANA');
    const room = await openAndDraft(w);

    const reply = await w.command(inRoom(ana, room), 'approve S1');

    expect(replyText(reply)).toBe(
      'You wrote (part of) statement S1, so you cannot approve it: a second person must.',
    );
    expect((await w.incident(1)).statements?.[0]?.status).toBe('pending');
    w.deps.approvers.approver?.pop();
  });

  test('GIVEN someone who is not an approver WHEN they press Approve THEN a polite refusal names who can approve', async () => {
    const w = world();
    const room = await openAndDraft(w);
    const approve = statementCard(w, room).buttons?.[0];
    if (!approve) throw new Error('no Approve button');

    const reply = await w.press({ workspace: ana.workspace, user: 'U0RANDOM', room }, approve);

    expect(replyText(reply)).toBe(
      'Statement S1 needs approval by: approver. You are not one of them. Who can approve: <@U0BOB>, <@U0CARL>.',
    );
    expect((await w.incident(1)).statements?.[0]?.approvals).toEqual([]);
  });

  test('GIVEN bob (configured approver) WHEN he presses Approve THEN S1 is published in the room and announcements, and its card says so with no buttons left', async () => {
    const w = world();
    const room = await openAndDraft(w);

    await w.press(inRoom(bob, room), statementCard(w, room).buttons?.[0] ?? '');

    const posts = await waitFor(() => {
      const here = publicPosts(w, room);
      const there = publicPosts(w, ANNOUNCEMENTS);
      return here.length === 1 && there.length === 1 ? [here[0], there[0]] : null;
    });
    expect(posts[0]?.lines?.[0]).toContain('We are sorry');
    // SEV1: the next update is due 20 min after publication.
    expect(posts[0]?.lines?.at(-1)).toMatch(/^Next update by \d{1,2} [A-Z][a-z]{2,3} \d{4} \d\d:\d\d UTC\.$/);
    expect(posts[0]?.context).toMatch(/^Approved by <@U0BOB> · published /);
    const card = statementCard(w, room);
    expect(card.title).toBe('✅ Statement S1: published');
    expect(card.buttons).toBeUndefined();
    const incident = await w.incident(1);
    expect(incident.lastUpdateAt).toBe(incident.statements?.[0]?.publishedAt);
  });

  test('GIVEN calma.yaml names a user group as approver WHEN a member of the group approves THEN it counts; WHEN someone outside it tries THEN refused', async () => {
    const w = world();
    w.deps.approvers.approver?.push('S0PRTEAM');
    w.chat.groups.S0PRTEAM = ['U0DAN'];
    const room = await openAndDraft(w);

    const outsider = await w.command({ workspace: ana.workspace, user: 'U0EVE', room }, 'approve S1');
    expect(replyText(outsider)).toContain('You are not one of them');
    await w.command({ workspace: ana.workspace, user: 'U0DAN', room }, 'approve S1');

    expect((await w.incident(1)).statements?.[0]?.approvals).toEqual([
      expect.objectContaining({ by: 'U0DAN', as: 'approver' }),
    ]);
    w.deps.approvers.approver?.pop();
  });

  test('GIVEN the default policy, a SEV1 holding statement needs approver and lead WHEN bob approves THEN it waits and the room pings the lead; WHEN lena, the lead, approves THEN it is published once', async () => {
    const w = world();
    delete w.deps.approvalPolicy;
    const room = await w.open(ana);
    await w.command(inRoom(ana, room), 'role lead @U0LENA');
    const form = (await w.press(inRoom(ana, room), { kind: 'statement.draft', args: ['1', '5'] })).form;
    await w.submit(inRoom(ana, room), form, { text: 'We are sorry. Our account was hacked.' });

    const first = await w.command(inRoom(bob, room), 'approve S1');
    expect(replyText(first)).toBe('');
    expect(w.chat.postsIn(room).map(textOf).join('\n')).toContain(
      'Statement S1 approved by <@U0BOB> (1 of 2 approvals). Still needed: incident lead (<@U0LENA>).',
    );
    expect(statementCard(w, room).title).toBe('📝 Statement S1: waiting for approval (1 of 2)');
    expect(publicPosts(w, room)).toHaveLength(0);

    await w.command(inRoom(lena, room), 'approve S1');
    await waitFor(() => publicPosts(w, room).length === 1);
    expect((await w.incident(1)).statements?.[0]?.approvals.map((a) => a.as)).toEqual(['approver', 'lead']);
  });

  test('GIVEN bob and carl WHEN both press Approve at the same moment THEN the statement is published once', async () => {
    const w = world();
    const room = await openAndDraft(w);
    const approve = statementCard(w, room).buttons?.[0] ?? '';

    const replies = await Promise.all([
      w.press(inRoom(bob, room), approve),
      w.press(inRoom(carl, room), approve),
    ]);

    const texts = replies.map(replyText);
    expect(texts).toContain('Statement S1 is already published.');
    const incident = await w.incident(1);
    expect(incident.statements?.[0]?.approvals).toHaveLength(1);
    await waitFor(() => publicPosts(w, room).length === 1 && publicPosts(w, ANNOUNCEMENTS).length === 1);
    // Give a duplicate delivery every chance to show up before counting.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(publicPosts(w, room)).toHaveLength(1);
    expect(publicPosts(w, ANNOUNCEMENTS)).toHaveLength(1);
    const published = (await w.timeline(1)).filter((e) => e.kind === 'statement-published');
    expect(published).toHaveLength(1);
  });

  test('GIVEN bob approved one of two WHEN ana edits the text THEN approvals start over and the card asks again', async () => {
    const w = world();
    delete w.deps.approvalPolicy;
    const room = await w.open(ana);
    await w.command(inRoom(ana, room), 'role lead @U0LENA');
    const form = (await w.press(inRoom(ana, room), { kind: 'statement.draft', args: ['1', '5'] })).form;
    await w.submit(inRoom(ana, room), form, { text: 'First text.' });
    await w.command(inRoom(bob, room), 'approve S1');

    const editForm = (await w.press(inRoom(ana, room), { kind: 'statement.edit', args: ['1', '1'] })).form;
    expect(editForm?.fields[0]?.initial).toBe('First text.');
    await w.submit(inRoom(ana, room), editForm, { text: 'Second, better text.' });

    const s1 = (await w.incident(1)).statements?.[0];
    expect(s1).toMatchObject({ text: 'Second, better text.', approvals: [], version: 2 });
    expect(statementCard(w, room).title).toBe('📝 Statement S1: waiting for approval (0 of 2)');
    // bob's Approve button from before the edit no longer approves anything.
    const stale = await w.press(inRoom(bob, room), { kind: 'statement.approve', args: ['1', '1', '1'] });
    expect(replyText(stale)).toBe(
      'Statement S1 was edited after you opened it: read the new text before approving.',
    );
  });

  test('GIVEN bob rejects S1 with a reason THEN the room reads why, and a published statement cannot be edited', async () => {
    const w = world();
    const room = await openAndDraft(w);

    const form = (await w.press(inRoom(bob, room), statementCard(w, room).buttons?.[1] ?? '')).form;
    await w.submit(inRoom(bob, room), form, { reason: 'Say what people must do first.' });

    expect(statementCard(w, room).title).toBe('↩️ Statement S1: rejected');
    expect(w.chat.postsIn(room).map(textOf).join('\n')).toContain(
      'Statement S1 rejected by <@U0BOB>: Say what people must do first.',
    );
    await w.command(inRoom(ana, room), 'edit S1 Change your password now. We are sorry.');
    await w.command(inRoom(carl, room), 'approve S1');
    const refused = await w.command(inRoom(ana, room), 'edit S1 Another text');
    expect(replyText(refused)).toContain('is published and can no longer change');
  });
});

describe('questions', () => {
  test('GIVEN the public asks something WHEN logged and later answered by S1 THEN status lists it only while unanswered', async () => {
    const w = world();
    const room = await openAndDraft(w);
    await w.command(inRoom(ana, room), 'question Were our passwords leaked?');

    const open = replyText(await w.command(inRoom(ana, room), 'status'));
    expect(open).toContain('Unanswered questions: • Q1: Were our passwords leaked?');
    expect(open).toContain('S1 waits for approval (0 of 1)');

    const early = await w.command(inRoom(ana, room), 'answer Q1 S1');
    expect(replyText(early)).toBe(
      'Statement S1 is not published: only a published statement answers a question.',
    );
    await w.command(inRoom(bob, room), 'approve S1');
    await w.command(inRoom(ana, room), 'answer Q1 S1');

    const after = replyText(await w.command(inRoom(ana, room), 'status'));
    expect(after).not.toContain('Unanswered questions');
    expect((await w.incident(1)).questions?.[0]?.answer).toMatchObject({ statement: 1, by: 'U0ANA' });
  });
});
