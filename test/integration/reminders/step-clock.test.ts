/**
 * The step clock, for real: BullMQ delayed jobs on Redis, a worker, the shipped hacked-account playbook
 * and one playbook minute = 40 ms. Steps used here (index: title, role, due):
 *   1: Pull the kill switch, sme, 5 min · 2: Archive every post we did not write, listener, 10 min.
 * Escalations come 10 min after the first reminder (calma.yaml's default escalate_after).
 */
import { button, buttonsOf } from '../../support/recording-chat';
import { MINUTE_MS, plannedDue, stepReminder, useReminders, waitFor } from './reminder-world';

const { world, worker } = useReminders();

/** The number in "Step 3 is still open, 10 min after it was due": it depends on how late the job ran. */
const overdueMinutes = (text: string) => Number(/still open, (\d+) min after it was due/.exec(text)?.[1]);

describe('an overdue step', () => {
  test('GIVEN bob holds listener and lena leads WHEN step 3 reaches its due time (10 min) open THEN bob is reminded, and 10 min later lena is told as lead', async () => {
    const w = world();
    // The roles are given before any reminder can run, however slow the machine.
    await worker().pause();
    const opened = await w.open();
    const ana = w.inRoom(w.ana, opened);
    await w.command(ana, 'role lead @U0LENA');
    await w.command(ana, 'role listener @U0BOB');
    worker().resume();

    const first = await waitFor(() => w.chat.reminders(opened.room).find((r) => r.key === 'step-2'));

    // Planned for step 3's due time exactly, and never posted before it.
    const due = opened.openedAt + 10 * MINUTE_MS;
    expect(first.job).toMatchObject({ kind: 'step', step: 2, attempt: 1 });
    expect(plannedDue(first)).toBe(due);
    expect(first.at).toBeGreaterThanOrEqual(due);
    expect(first.card.title).toBe('⏰ Step 3 is due: Archive every post we did not write');
    expect(first.lines).toEqual(['<@U0BOB>, this one is yours.']);
    // The owner can close it from the reminder, or push it back; the holding statement is one press away.
    expect(buttonsOf(first.card).map((b) => b.label)).toEqual([
      'Done',
      'Draft holding statement',
      'Snooze 30 min',
      'Snooze 60 min',
      'Snooze 90 min',
      'Dismiss',
    ]);
    expect(button(first.card, 'Done').action.args).toEqual([String(opened.seq), '2']);
    expect(button(first.card, 'Draft holding statement').action).toEqual({
      kind: 'statement.draft',
      args: [String(opened.seq), '5'],
    });

    const escalation = await waitFor(
      () => w.chat.reminders(opened.room).filter((r) => r.key === 'step-2')[1],
    );

    // The escalation: planned 10 min after the first reminder's due time exactly, never posted before.
    expect(escalation.job).toMatchObject({ kind: 'step', step: 2, attempt: 2 });
    expect(plannedDue(escalation)).toBe(due + 10 * MINUTE_MS);
    expect(escalation.at).toBeGreaterThanOrEqual(due + 10 * MINUTE_MS);
    expect(escalation.card.title).toMatch(
      /^⏰ Step 3 is still open, \d+ min after it was due: Archive every post/,
    );
    // The minutes it reads are counted when it is sent: at least 10, at most as many as had passed
    // when it was posted (a loaded machine may send it late, and then it says so).
    expect(overdueMinutes(escalation.text)).toBeGreaterThanOrEqual(10);
    expect(overdueMinutes(escalation.text)).toBeLessThanOrEqual(
      Math.round((escalation.at - due) / MINUTE_MS),
    );
    expect(escalation.lines).toEqual([
      '<@U0LENA>, as incident lead: get it done, reassign it or skip it with a reason.',
    ]);
    expect(escalation.card.tone).toBe('danger');
  });

  test('GIVEN nobody holds sme WHEN step 2 (the kill switch, 5 min) is due THEN the reminder asks who takes it with an Assign button that opens the assign form, and the lead is told 10 min later', async () => {
    const w = world();
    const opened = await w.open();
    const ana = w.inRoom(w.ana, opened);
    await w.command(ana, 'role lead @U0LENA');

    const first = await waitFor(() => w.chat.reminders(opened.room).find((r) => r.key === 'step-1'));

    expect(first.at).toBeGreaterThanOrEqual(opened.openedAt + 5 * MINUTE_MS);
    expect(first.card.title).toBe('⏰ Step 2 is due: Pull the kill switch');
    expect(first.lines).toEqual(['Nobody has this step yet: who takes it?']);
    const reply = await w.press(ana, button(first.card, 'Assign'));
    expect(reply.form?.submit).toEqual({ kind: 'step.assign', args: [String(opened.seq), '1'] });

    const escalation = await waitFor(
      () => w.chat.reminders(opened.room).filter((r) => r.key === 'step-1')[1],
    );

    expect(escalation.at).toBeGreaterThanOrEqual(opened.openedAt + 15 * MINUTE_MS);
    expect(escalation.card.title).toMatch(
      /^⏰ Step 2 is still open, \d+ min after it was due: Pull the kill switch$/,
    );
    expect(escalation.lines).toEqual([
      '<@U0LENA>, as incident lead: get it done, reassign it or skip it with a reason.',
    ]);
  });
});

describe('an escalation with nobody leading', () => {
  test('GIVEN no lead WHEN step 2 stays open past its escalation THEN the reminder says nobody leads and how to name someone', async () => {
    const w = world();
    const opened = await w.open();

    const escalation = await waitFor(
      () => w.chat.reminders(opened.room).filter((r) => r.key === 'step-1')[1],
    );

    expect(escalation.lines).toEqual([
      'Nobody leads this incident yet: `/crisis role lead @name`, then get it done, reassign it or skip it with a reason.',
    ]);
  });
});

describe('a step finished before its due time', () => {
  test('GIVEN step 2 is due at 5 min and step 3 at 10 WHEN ana marks step 2 done and skips step 3 before either is due THEN neither their reminder nor their escalation ever arrives, while other steps are still reminded', async () => {
    const w = world();
    // Both are marked before step 2's reminder can run, however slow the machine: no job runs until then.
    await worker().pause();
    const opened = await w.open();
    const ana = w.inRoom(w.ana, opened);

    await w.command(ana, 'step done 2');
    await w.command(ana, 'step skip 3 the platform archives everything for us');
    const incident = await w.incident(opened.seq);
    expect(incident.steps.slice(1, 3).map((s) => s.state)).toEqual(['done', 'skipped']);
    worker().resume();

    // Each job queued at opening runs at its time and finds itself out of the plan.
    await w.jobDone(opened.seq, stepReminder(opened, 1, 1, 5));
    await w.jobDone(opened.seq, stepReminder(opened, 1, 2, 15));
    await w.jobDone(opened.seq, stepReminder(opened, 2, 1, 10));
    await w.jobDone(opened.seq, stepReminder(opened, 2, 2, 20));

    const keys = w.chat.reminders(opened.room).map((r) => r.key);
    expect(keys).not.toContain('step-1');
    expect(keys).not.toContain('step-2');
    // The worker was delivering all along: step 1 (open, due at once) was reminded and escalated.
    expect(keys.filter((k) => k === 'step-0')).toHaveLength(2);
  });
});
