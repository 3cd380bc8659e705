/**
 * Questions get public answers only through approval: `/crisis answer Q1 <text>` drafts a statement
 * linked to Q1, which is answered when that statement is published; `answer Q1 S1` takes only a
 * published S1; the postmortem says which question each statement answered.
 */
import { textOf } from '../../support/recording-chat';
import { waitFor } from '../../support/wait-for';
import { ana, bob, replyText } from '../handlers/world';
import { inRoom, useStatements } from './statement-world';

const { world } = useStatements();

const ANSWER = 'No: passwords are stored hashed and were not exposed. Next update at 11:00.';

test('GIVEN Q1 asked WHEN ana answers it with text THEN S1 is drafted answering Q1 and Q1 stays open; WHEN bob approves S1 THEN it is published and Q1 is answered by S1', async () => {
  const w = world();
  const room = await w.open(ana);
  await w.command(inRoom(ana, room), 'question Were our passwords leaked?');

  await w.command(inRoom(ana, room), `answer Q1 ${ANSWER}`);

  let incident = await w.incident(1);
  expect(incident.statements?.[0]).toMatchObject({ n: 1, text: ANSWER, answers: 1, status: 'pending' });
  expect(incident.questions?.[0]?.answer).toBeUndefined();
  const said = w.chat.postsIn(room).map(textOf).join('\n');
  expect(said).toContain(
    'Statement S1, answering question Q1, drafted by <@U0ANA>. The answer goes public only once approved by approver (<@U0BOB>, <@U0CARL>); Q1 is answered when it is published.',
  );
  expect(said).toContain('Answers: Q1: Were our passwords leaked?');
  expect(replyText(await w.command(inRoom(ana, room), 'status'))).toContain('Unanswered questions');

  await w.command(inRoom(bob, room), 'approve S1');

  incident = await w.incident(1);
  expect(incident.statements?.[0]?.status).toBe('published');
  expect(incident.questions?.[0]?.answer).toMatchObject({ statement: 1, by: 'U0BOB' });
  expect(replyText(await w.command(inRoom(ana, room), 'status'))).not.toContain('Unanswered questions');
  const answered = (await w.timeline(1)).filter((e) => e.kind === 'question-answered');
  expect(answered).toEqual([expect.objectContaining({ n: 1, statement: 1 })]);
  await waitFor(() => w.chat.postsIn(room).some((c) => c.title?.startsWith('📣 Public statement S1')));
});

test.each([
  ['en', 'Statement S1 is not published: only a published statement answers a question.'],
  ['es', 'El comunicado S1'],
  ['fr', 'Le communiqué S1'],
] as const)(
  'GIVEN S1 waiting for approval WHEN a %s speaker answers Q1 with S1 THEN it is refused in their language and Q1 stays open',
  async (locale, start) => {
    const w = world();
    const room = await w.open(ana);
    await w.command(inRoom(ana, room), 'question Were our passwords leaked?');
    await w.command(inRoom(ana, room), 'update We are sorry: our account was hacked.');

    const reply = await w.command({ ...inRoom(ana, room), locale }, 'answer Q1 S1');

    expect(replyText(reply)).toContain(start);
    expect((await w.incident(1)).questions?.[0]?.answer).toBeUndefined();
  },
);

test('GIVEN S2 answered Q1 and S1 did not WHEN the postmortem is written THEN it shows which question each statement answered', async () => {
  const w = world();
  const room = await w.open(ana);
  await w.command(inRoom(ana, room), 'question Were our passwords leaked?');
  await w.command(inRoom(ana, room), 'question When will the account be back?');
  await w.command(inRoom(ana, room), 'update We are sorry: our account was hacked.');
  await w.command(inRoom(ana, room), `answer Q1 ${ANSWER}`);
  await w.command(inRoom(bob, room), 'approve S1');
  await w.command(inRoom(bob, room), 'approve S2');
  await w.command(inRoom(ana, room), 'answer Q2 S1');

  await w.command(inRoom(ana, room), 'postmortem');

  const content = w.chat.files.at(-1)?.content ?? '';
  // Each statement's block runs from its heading to the next heading.
  const block = (n: number) => content.split(`### Statement S${n}:`)[1]?.split('\n#')[0] ?? '';
  expect(block(1)).toContain('- **Answers:** Q2: When will the account be back?');
  expect(block(2)).toContain('- **Answers:** Q1: Were our passwords leaked?');
});
