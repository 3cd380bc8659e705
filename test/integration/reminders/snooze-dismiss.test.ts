/**
 * Snooze and Dismiss, pressed on real reminders delivered by BullMQ (one playbook minute = 40 ms).
 * Step 3 of the shipped hacked-account playbook (archive evidence, listener) is due at 10 min.
 */

import type { TimelineEntry } from '../../../src/core/types';
import { PATIENCE_MS } from '../../support/patience';
import { button, textOf } from '../../support/recording-chat';
import {
  MINUTE_MS,
  type Opened,
  plannedDue,
  type ReminderWorld,
  stepReminder,
  useReminders,
  waitFor,
} from './reminder-world';

const { world } = useReminders();

/** Opens a SEV1 with lena as lead and bob as listener (step 3's owner), as ana. */
async function openWithOwners(w: ReminderWorld): Promise<Opened> {
  const opened = await w.open('sev1');
  const ana = w.inRoom(w.ana, opened);
  await w.command(ana, 'role lead @U0LENA');
  await w.command(ana, 'role listener @U0BOB');
  return opened;
}

const remindersOf = (w: ReminderWorld, opened: Opened, key: string) =>
  w.chat.reminders(opened.room).filter((r) => r.key === key);

const nth = (w: ReminderWorld, opened: Opened, key: string, n: number, timeoutMs = PATIENCE_MS) =>
  waitFor(() => remindersOf(w, opened, key)[n - 1], timeoutMs, `${key} reminder #${n}`);

const lastOfKind = async (w: ReminderWorld, seq: number, kind: TimelineEntry['kind']) =>
  (await w.timeline(seq)).filter((e) => e.kind === kind).at(-1);

describe('Snooze', () => {
  test('GIVEN bob is reminded of step 3 WHEN he presses Snooze 30 min THEN the timeline and the room say who and until when, the escalation does not come at 20 min, and the reminder comes back 30 min after the press', async () => {
    const w = world();
    const opened = await openWithOwners(w);
    const first = await nth(w, opened, 'step-2', 1);

    const pressed = Date.now();
    await w.press(w.inRoom(w.bob, opened), button(first.card, 'Snooze 30 min'));

    const snoozed = await lastOfKind(w, opened.seq, 'reminder-snoozed');
    expect(snoozed).toMatchObject({ kind: 'reminder-snoozed', reminder: 'step-2', by: 'U0BOB' });
    const untilMs = Date.parse(snoozed?.kind === 'reminder-snoozed' ? snoozed.until : '');
    expect(untilMs).toBeGreaterThanOrEqual(pressed + 30 * MINUTE_MS);
    expect(untilMs).toBeLessThanOrEqual(Date.now() + 30 * MINUTE_MS);
    expect(w.chat.textsIn(opened.room)).toContainEqual(
      expect.stringMatching(/^Snoozed until \d{1,2} [A-Z][a-z]{2,3} \d{4} \d\d:\d\d UTC by <@U0BOB>\.$/),
    );

    // The escalation queued at opening (20 min) runs and finds the reminder moved: it stays silent.
    await w.jobDone(opened.seq, stepReminder(opened, 2, 2, 20));
    expect(remindersOf(w, opened, 'step-2')).toHaveLength(1);

    const again = await nth(w, opened, 'step-2', 2);
    // Planned for the end of the snooze exactly, and never posted before it (however late it ran).
    expect(again.job).toMatchObject({ kind: 'step', step: 2 });
    expect(plannedDue(again)).toBe(untilMs);
    expect(again.at).toBeGreaterThanOrEqual(untilMs);
    expect(again.card.title).toBe('⏰ Step 3 is due: Archive every post we did not write');
    expect(again.lines).toEqual(['<@U0BOB>, this one is yours.']);
  });

  // 60 rather than 30: the snooze then ends 20 playbook minutes before the next cadence boundary, so a
  // reminder that misses the end of the snooze is told apart from one that is merely late.
  test('GIVEN the first cadence reminder (20 min) WHEN lena presses Snooze 60 min THEN no cadence reminder comes before the snooze ends, and one does when it ends', async () => {
    const w = world();
    const opened = await openWithOwners(w);
    const first = await nth(w, opened, 'cadence', 1);

    await w.press(w.inRoom(w.lena, opened), button(first.card, 'Snooze 60 min'));

    const snoozed = await lastOfKind(w, opened.seq, 'reminder-snoozed');
    expect(snoozed).toMatchObject({ reminder: 'cadence', by: 'U0LENA' });
    const untilMs = Date.parse(snoozed?.kind === 'reminder-snoozed' ? snoozed.until : '');
    expect(untilMs - first.at).toBeGreaterThanOrEqual(60 * MINUTE_MS);
    // The snooze plus PATIENCE_MS: a cadence that never comes back fails here, by timing out.
    const again = await nth(w, opened, 'cadence', 2, untilMs - Date.now() + PATIENCE_MS);
    // Planned for the end of the snooze exactly (not the next cadence boundary, 20 min later), and
    // never posted before it.
    expect(again.job).toMatchObject({ kind: 'cadence' });
    expect(plannedDue(again)).toBe(untilMs);
    expect(again.at).toBeGreaterThanOrEqual(untilMs);
  });
});

describe('Dismiss', () => {
  test('GIVEN bob is reminded of step 3 WHEN he presses Dismiss THEN the timeline and the room say who, the escalation never comes, and no later change brings it back', async () => {
    const w = world();
    const opened = await openWithOwners(w);
    const first = await nth(w, opened, 'step-2', 1);
    const bob = w.inRoom(w.bob, opened);

    await w.press(bob, button(first.card, 'Dismiss'));

    expect(await lastOfKind(w, opened.seq, 'reminder-dismissed')).toMatchObject({
      reminder: 'step-2',
      by: 'U0BOB',
    });
    expect(w.chat.textsIn(opened.room)).toContain('Reminder dismissed by <@U0BOB>.');
    // Any change re-plans the incident: the dismissed reminder must not be queued again.
    await w.command(bob, 'note archive tool is down, doing it by hand');
    await w.jobDone(opened.seq, stepReminder(opened, 2, 2, 20));
    expect(remindersOf(w, opened, 'step-2')).toHaveLength(1);
    const queued = await w.delayedJobsOf(opened.seq);
    expect(queued.filter((job) => job.data.kind === 'step' && job.data.step === 2)).toEqual([]);
    // A second press on the old card is answered, and changes nothing.
    const again = await w.press(bob, button(first.card, 'Dismiss'));
    expect(again.cards.map(textOf)).toEqual(['That reminder was already dismissed.']);
  });

  test('GIVEN the first cadence reminder WHEN lena dismisses it THEN the next one (40 min) never comes and none is queued', async () => {
    const w = world();
    const opened = await openWithOwners(w);
    const first = await nth(w, opened, 'cadence', 1);

    await w.press(w.inRoom(w.lena, opened), button(first.card, 'Dismiss'));

    expect(await lastOfKind(w, opened.seq, 'reminder-dismissed')).toMatchObject({
      reminder: 'cadence',
      by: 'U0LENA',
    });
    await w.jobDone(opened.seq, { kind: 'cadence', attempt: 2, dueAt: opened.openedAt + 40 * MINUTE_MS });
    expect(remindersOf(w, opened, 'cadence')).toHaveLength(1);
    expect((await w.delayedJobsOf(opened.seq)).filter((job) => job.data.kind === 'cadence')).toEqual([]);
  });
});
