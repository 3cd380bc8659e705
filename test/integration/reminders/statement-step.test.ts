/**
 * Statements and steps are one thing, for real (BullMQ on Redis, one playbook minute = 40 ms), on the
 * shipped hacked-account playbook: step 6 (index 5, due 15 min) drafts the holding statement, step 8
 * (index 7, due 35 min) is the recurring status update, which the cadence reminds.
 */
import { dispatch } from '../../../src/app/dispatch';
import { ONE_APPROVER } from '../../support/approval-policy';
import { textOf } from '../../support/recording-chat';
import { type Opened, type ReminderWorld, stepReminder, useReminders } from './reminder-world';

const { world } = useReminders();

const HOLDING = 5;
const UPDATES = 7;

/** Ana drafts the holding statement from its form (what "Draft holding statement" opens); bob approves. */
async function publishHolding(w: ReminderWorld, opened: Opened) {
  const ana = w.inRoom(w.ana, opened);
  w.deps.approvalPolicy = ONE_APPROVER;
  await w.command(ana, 'role lead @U0LENA');
  await w.command(ana, 'role approver @U0BOB');
  await dispatch(w.deps, ana, {
    type: 'form',
    kind: 'statement.draft',
    args: [String(opened.seq), String(HOLDING)],
    values: {
      text: 'Our account was hacked. Do not click the links it posted. Next update within the hour.',
    },
  });
  return w.command(w.inRoom(w.bob, opened), 'approve S1');
}

describe('publishing the statement a step asks for', () => {
  test('GIVEN the holding statement drafted from its step WHEN bob approves it THEN the room reads "Step 6 done by publishing S1", the timeline records it, and step 6 is never reminded nor escalated', async () => {
    const w = world();
    const opened = await w.open('sev1');

    const reply = await publishHolding(w, opened);

    const said = [...reply.cards, ...w.chat.posts.filter((p) => p.room === opened.room).map((p) => p.card)]
      .map(textOf)
      .join('\n');
    expect(said).toContain('Step 6 done by publishing S1.');
    const incident = await w.incident(opened.seq);
    expect(incident.steps[HOLDING]).toMatchObject({ state: 'done', by: 'U0BOB' });
    expect((await w.timeline(opened.seq)).filter((e) => e.kind === 'step-done')).toMatchObject([
      { kind: 'step-done', step: HOLDING, statement: 1, by: 'U0BOB' },
    ]);

    // The reminder planned at 15 min and the escalation at 25 ran, and posted nothing.
    await w.jobDone(opened.seq, stepReminder(opened, HOLDING, 2, 25));
    expect(w.chat.reminders(opened.room).map((r) => r.key)).not.toContain(`step-${HOLDING}`);
  });

  test('GIVEN a SEV1 WHEN its steps fall due one after the other THEN the recurring status-update step never gets a reminder job of its own, the holding statement step does: the cadence is its reminder', async () => {
    const w = world();
    const opened = await w.open('sev1');

    // Past the update step's time (35 min) and the escalation it would have had (45).
    await w.jobDone(opened.seq, stepReminder(opened, UPDATES, 2, 45));
    const jobs = await w.queue.getJobs(['completed', 'delayed', 'waiting', 'active']);
    const ours = jobs.filter((job) => job.data.workspace === w.workspace && job.data.seq === opened.seq);
    const steps = ours.filter((job) => job.data.kind === 'step').map((job) => job.data.step);
    expect(steps).toContain(HOLDING);
    expect(steps).not.toContain(UPDATES);
    expect(ours.some((job) => job.data.kind === 'cadence')).toBe(true);
    const keys = w.chat.reminders(opened.room).map((r) => r.key);
    expect(keys).toContain(`step-${HOLDING}`);
    expect(keys).not.toContain(`step-${UPDATES}`);
  });
});
