/**
 * The data-breach playbook's GDPR deadline on a real BullMQ queue: it counts from `/crisis aware`, its
 * reminders come at their hours after awareness with the time left and the step to do, a correction
 * moves them, and they stop once the authority is notified. The shipped playbook is used with its clock
 * shortened (within 3 playbook hours, reminders at 50, 110 and 170 minutes), since 48 hours at 40 ms a minute
 * would take two minutes.
 */

import type { Caller } from '../../../src/app/deps';
import type { Playbook } from '../../../src/playbook/schema';
import { PATIENCE_MS } from '../../support/patience';
import {
  MINUTE_MS,
  type PostedReminder,
  plannedDue,
  type ReminderWorld,
  until,
  useReminders,
  waitFor,
} from './reminder-world';

const WITHIN = 180;
const FIRST = 50;
// Ten playbook minutes past whole hours left: a reminder run a little late still reads 2 h, 1 h, under one.
const REMIND = [FIRST, 110, 170];

const { world, worker } = useReminders(undefined, (shipped) =>
  shipped.flatMap((playbook): Playbook[] =>
    playbook.id === 'data-breach' && playbook.deadline
      ? [{ ...playbook, deadline: { ...playbook.deadline, within: WITHIN, remind: REMIND } }]
      : [],
  ),
);

/** Opens a data breach as ana; she takes the legal role, so she may mark the notification done. */
async function openBreach(w: ReminderWorld): Promise<{ seq: number; room: string; ana: Caller }> {
  const reply = await w.command(w.ana, 'open data-breach sev1 Customer database exposed');
  if (!reply.openedRoom) throw new Error('open did not open a room');
  const incident = await w.store.findByRoom(w.workspace, reply.openedRoom);
  if (!incident) throw new Error('the opened incident is not stored');
  const ana = { ...w.ana, room: reply.openedRoom };
  await w.command(ana, `role legal @${w.ana.user}`);
  return { seq: incident.seq, room: reply.openedRoom, ana };
}

/** An ISO moment to the second, as people type it. */
const typed = (epochMs: number) => new Date(Math.floor(epochMs / 1000) * 1000).toISOString();

const deadlineReminders = (w: ReminderWorld, room: string): PostedReminder[] =>
  w.chat.reminders(room).filter((r) => r.key === 'deadline');

test('GIVEN a data breach and awareness recorded WHEN the hours pass THEN the deadline reminds at its three marks with the time left and the step to do, and the summary counts down', async () => {
  const w = world();
  const { seq, room, ana } = await openBreach(w);
  const aware = Math.floor(Date.now() / 1000) * 1000;
  await w.command(ana, `aware ${typed(aware)} the DPO confirmed it`);
  expect((await w.incident(seq)).awareness?.at).toBe(new Date(aware).toISOString());

  const posted = await waitFor(
    () => {
      const found = deadlineReminders(w, room);
      return found.length >= 3 ? found : null;
    },
    WITHIN * MINUTE_MS + PATIENCE_MS,
    'three deadline reminders',
  );
  expect(posted.map(plannedDue)).toEqual(REMIND.map((m) => aware + m * MINUTE_MS));
  expect(posted.map((r) => r.card.title)).toEqual([
    expect.stringMatching(/^⏳ GDPR notification to the authority: 2 h left \(due /),
    expect.stringMatching(/^⏳ GDPR notification to the authority: 1 h left \(due /),
    expect.stringMatching(/^⏳ GDPR notification to the authority: less than an hour left \(due /),
  ]);
  expect(posted[0]?.lines).toEqual([
    expect.stringMatching(
      /^To do: step 11, Notify the data protection authority within 72 hours\. <@U0ANA>, this one is yours/,
    ),
  ]);
  // Each reminder redrew the pinned summary with the hours left then.
  const summary = (await w.incident(seq)).summary;
  if (!summary) throw new Error('no pinned summary');
  await waitFor(
    () => w.chat.currentCard(summary)?.fields?.some((f) => f.value.includes('less than an hour left')),
    PATIENCE_MS,
    'the summary redrawn by the last reminder',
  );
  expect(w.chat.currentCard(summary)?.fields).toContainEqual({
    label: 'GDPR notification to the authority',
    value: expect.stringMatching(/^Due .*: less than an hour left at /),
  });
});

test('GIVEN awareness corrected before the first reminder WHEN it comes THEN it counts from the corrected moment, once', async () => {
  const w = world();
  const { seq, room, ana } = await openBreach(w);
  // A second apart, both past. No reminder runs until both are recorded: on a loaded machine the first
  // one's reminder (due a second before the corrected one's) could otherwise come in between.
  const corrected = Math.floor(Date.now() / 1000) * 1000;
  const first = corrected - 1000;
  await worker().pause();
  await w.command(ana, `aware ${typed(first)}`);
  await w.command(ana, `aware ${typed(corrected)}`);
  worker().resume();

  const [reminder] = await waitFor(
    () => {
      const found = deadlineReminders(w, room);
      return found.length >= 1 ? found : null;
    },
    FIRST * MINUTE_MS + PATIENCE_MS,
    'the first deadline reminder',
  );
  expect(reminder && plannedDue(reminder)).toBe(corrected + FIRST * MINUTE_MS);
  await until(corrected + FIRST * MINUTE_MS + 500);
  expect(deadlineReminders(w, room)).toHaveLength(1);
  const timeline = (await w.timeline(seq)).filter((e) => e.kind === 'aware');
  expect(timeline).toEqual([
    expect.objectContaining({ since: new Date(first).toISOString() }),
    expect.objectContaining({
      since: new Date(corrected).toISOString(),
      previous: new Date(first).toISOString(),
    }),
  ]);
});

test('GIVEN the first reminder came WHEN the authority is notified (its step done) THEN no other deadline reminder comes', async () => {
  const w = world();
  const { seq, room, ana } = await openBreach(w);
  const aware = Math.floor(Date.now() / 1000) * 1000;
  await w.command(ana, `aware ${typed(aware)}`);
  await waitFor(
    () => deadlineReminders(w, room).length >= 1,
    FIRST * MINUTE_MS + PATIENCE_MS,
    'the first reminder',
  );

  // Held while the step is marked done, so that a slow machine cannot reach the second mark first.
  await worker().pause();
  const step = w.deps.playbooks.get('data-breach')?.steps.findIndex((s) => s.id === 'notify-regulator') ?? -1;
  await w.command(ana, `step done ${step + 1}`);
  expect((await w.incident(seq)).steps[step]?.state).toBe('done');
  worker().resume();

  await until(aware + (REMIND.at(-1) ?? 0) * MINUTE_MS + 500);
  expect(deadlineReminders(w, room)).toHaveLength(1);
  expect((await w.pendingJobsOf(seq)).filter((job) => job.data.kind === 'deadline')).toEqual([]);
});

test('GIVEN a deadline reminder WHEN Snooze is pressed on it THEN the deadline reminders wait, on the record', async () => {
  const w = world();
  const { seq, room, ana } = await openBreach(w);
  await w.command(ana, `aware ${typed(Date.now())}`);
  const [reminder] = await waitFor(
    () => {
      const found = deadlineReminders(w, room);
      return found.length >= 1 ? found : null;
    },
    FIRST * MINUTE_MS + PATIENCE_MS,
    'the first deadline reminder',
  );
  const snooze = reminder?.card.buttons?.find((b) => b.action.kind === 'reminder.snooze');
  if (!snooze) throw new Error('no Snooze button');

  const reply = await w.press(ana, snooze);

  expect(reply.cards.map((c) => c.tone)).not.toContain('warning');
  expect((await w.incident(seq)).reminders?.deadline?.snoozedUntil).toBeDefined();
  expect(
    (await w.timeline(seq)).some((e) => e.kind === 'reminder-snoozed' && e.reminder === 'deadline'),
  ).toBe(true);
});
