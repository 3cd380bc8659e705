/**
 * A chat platform outage while a reminder is due (one playbook minute = 40 ms): the reminder is not
 * lost, it is retried with backoff and posted once the platform answers again.
 */

import { jobId } from '../../../src/queue/reminder-queue';
import { PATIENCE_MS } from '../../support/patience';
import { stepReminder, useReminders, waitFor } from './reminder-world';

const { world, worker, takeFailures } = useReminders();

describe('a platform outage when a reminder is due', () => {
  test('GIVEN posting fails when step 1 is due WHEN the platform comes back THEN the reminder is posted once, after a retry', async () => {
    const w = world();
    // The platform fails before step 1's reminder can run, however slow the opening: no job runs till then.
    await worker().pause();
    const opened = await w.open('sev1');
    w.chat.fail('post');
    worker().resume();

    await waitFor(() => takeFailures().length > 0, PATIENCE_MS);
    w.chat.heal('post');

    const isStep1Due = (r: { key: string; text: string }) => r.key === 'step-0' && r.text.includes('is due');
    await waitFor(() => w.chat.reminders(opened.room).some(isStep1Due), PATIENCE_MS);
    const step1 = w.chat.reminders(opened.room).filter(isStep1Due);
    expect(step1).toHaveLength(1);
    takeFailures();
  });

  test('GIVEN a worker that claimed step 1’s reminder and died before posting it WHEN the claim expires THEN the retried job posts it, once', async () => {
    const w = world();
    // The claim is there before step 1's reminder can run, however slow the opening.
    await worker().pause();
    const opened = await w.open('sev1');
    const reminder = stepReminder(opened, 0, 1, 1);
    // What a worker killed between its claim and its post leaves behind: a claim, 2 s to live.
    await w.store.claim(`reminder:${jobId({ workspace: w.workspace, seq: opened.seq, ...reminder })}`, 2);
    worker().resume();

    const isStep1Due = (r: { key: string; text: string }) => r.key === 'step-0' && r.text.includes('is due');
    await waitFor(() => w.chat.reminders(opened.room).some(isStep1Due), PATIENCE_MS);

    expect(w.chat.reminders(opened.room).filter(isStep1Due)).toHaveLength(1);
    expect(takeFailures().some((f) => f.includes('retry later'))).toBe(true);
  });

  test('GIVEN the platform refuses posts while an incident is opened WHEN the open stops half-way (its room made, nothing posted) THEN the incident’s reminders are planned anyway', async () => {
    const w = world();
    // Nothing fires meanwhile: only what was planned is looked at.
    await worker().pause();
    w.chat.fail('post');
    const reply = await w.command(w.ana, 'open hacked-account sev1 Our account is posting spam');
    w.chat.heal('post');
    worker().resume();
    expect(reply.openedRoom).toBeUndefined();

    const [incident] = await w.store.list(w.workspace);
    expect(incident?.room).toBe(w.chat.rooms[0]?.id);
    // Planned: queued, whether still delayed or already due (a loaded machine may be past step 1's time).
    const planned = await w.pendingJobsOf(incident?.seq ?? 0);
    expect(planned.map((job) => job.data.kind)).toContain('step');
    takeFailures();
  });
});
