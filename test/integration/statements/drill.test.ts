/**
 * A drill opened with `/crisis drill` publishes its statements in the chat only: the real outbox and a
 * real HTTP status page configured as an outbound target receive nothing, and every card says DRILL.
 */
import { bufferEmail } from '../../support/statements';
import { waitFor } from '../../support/wait-for';
import { ana, bob, replyText } from '../handlers/world';
import { ANNOUNCEMENTS, inRoom, TIMING, useStatements } from './statement-world';

const { world, target } = useStatements();

test('GIVEN a Buffer drill with an outbound target configured WHEN its statement is drafted and approved THEN it is published in chat as DRILL and nothing goes outbound', async () => {
  const w = world();
  const opened = await w.command(ana, 'drill compromised-tool buffer-2013');
  const room = opened.openedRoom ?? '';
  expect(replyText(opened)).toContain('Practice only: nothing is sent outside the chat.');
  const announcement = w.chat.postsIn(ANNOUNCEMENTS)[0];
  expect(announcement?.title).toMatch(/^DRILL · SEV1 · Incident #1: Buffer, 26 October 2013/);

  await w.command(inRoom(ana, room), `update ${bufferEmail.en}`);
  await w.command(inRoom(bob, room), 'approve S1');

  const published = (where: string) =>
    w.chat.postsIn(where).filter((card) => card.title?.includes('📣 Public statement'));
  await waitFor(() => published(room).length === 1 && published(ANNOUNCEMENTS).length === 1);
  expect(published(room)[0]?.title).toMatch(/^DRILL · /);
  // Past the guard job and any retry: still nothing at the status page.
  await new Promise((resolve) => setTimeout(resolve, TIMING.guardDelayMs + 500));
  expect(target.received).toEqual([]);
  const statement = (await w.incident(1)).statements?.[0];
  expect(statement?.status).toBe('published');
  expect(Object.keys(statement?.deliveries ?? {})).toEqual(['room', 'announcements']);

  // The report on close counts it, on time or not, against the SEV1 target.
  await w.command(inRoom(ana, room), 'close Practice over.');
  const report = w.chat.postsIn(room).find((card) => card.title?.startsWith('📋 Drill report'));
  expect(report?.lines).toContain('Published: 1 of 1 drafted. None left the chat.');
  expect(report?.lines?.join('\n')).toContain(
    'First statement at T+0 min: within the SEV1 target of 15 min.',
  );
});
