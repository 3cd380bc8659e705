/**
 * A public statement waiting for approval, nagged for real (BullMQ on Redis, one playbook minute =
 * 40 ms): `reminders.approval_after` (10 min by default) after the draft, every possible approver is
 * reminded in the room, never the author, at most `reminders.max_nags` (3) times, with Approve / Reject.
 */

import type { Job } from 'bullmq';
import { dispatch } from '../../../src/app/dispatch';
import type { Reminder } from '../../../src/core/reminders';
import type { ReminderJob } from '../../../src/ports/scheduler';
import { ONE_APPROVER } from '../../support/approval-policy';
import { button, textOf } from '../../support/recording-chat';
import {
  MINUTE_MS,
  type Opened,
  plannedDue,
  type ReminderWorld,
  useReminders,
  waitFor,
} from './reminder-world';

const { world } = useReminders();

const TEXT = 'We are sorry: spam went out from our account at 09:40. Next update at 11:00.';

/** ana opens a SEV1, names lena approver and drafts S1; returns when S1 was drafted (epoch ms). */
async function draftWithLenaApprover(w: ReminderWorld): Promise<{ opened: Opened; draftedAt: number }> {
  // One approval publishes: these tests are about the reminder, not the approval policy.
  w.deps.approvalPolicy = ONE_APPROVER;
  const opened = await w.open('sev1');
  const ana = w.inRoom(w.ana, opened);
  await w.command(ana, 'role approver @U0LENA');
  await w.command(ana, `update ${TEXT}`);
  const statement = (await w.incident(opened.seq)).statements?.[0];
  if (statement?.status !== 'pending') throw new Error('S1 was not drafted');
  return { opened, draftedAt: Date.parse(statement.createdAt) };
}

const approvalNags = (w: ReminderWorld, opened: Opened) =>
  w.chat.reminders(opened.room).filter((r) => r.key === 'approval-1');

const nthNag = (w: ReminderWorld, opened: Opened, n: number) =>
  waitFor(() => approvalNags(w, opened)[n - 1], undefined, `approval reminder #${n}`);

const isNag = (job: ReminderJob, attempt: number) =>
  job.kind === 'approval' && job.statement === 1 && job.attempt === attempt;

/**
 * The approval reminder of S1 for `attempt`, once it is on the queue, in whatever state: on a loaded
 * machine it may be promoted or running by the time the test looks (held there by `holdNag`).
 */
const queuedNag = (w: ReminderWorld, opened: Opened, attempt: number): Promise<Job<ReminderJob>> =>
  waitFor(
    async () =>
      (await w.queue.getJobs(['delayed', 'waiting', 'prioritized', 'active', 'completed'])).find(
        (job) =>
          job.data.workspace === w.workspace && job.data.seq === opened.seq && isNag(job.data, attempt),
      ),
    undefined,
    `approval reminder #${attempt} to be queued`,
  );

/**
 * Holds S1's approval reminder `attempt` at the worker, before it fires, until the returned release is
 * called: the test acts (approves, rejects) while that reminder is due but not yet run. The nag comes
 * 10 playbook minutes (400 ms) after the last, less than a loaded machine may take to act.
 */
function holdNag(w: ReminderWorld, attempt: number): () => void {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  w.beforeFire = async (job) => {
    if (isNag(job, attempt)) await released;
  };
  return release;
}

/** The people a reminder's text is addressed to ("<@U0BOB>, <@U0LENA>: read it…"). */
const addressees = (text: string) => [...text.matchAll(/<@(U0\w+)>/g)].map((m) => m[1]).sort();

const minutesWaited = (title: string | undefined) =>
  Number(/^⏳ Statement S1 has waited (\d+) min for approval$/.exec(title ?? '')?.[1]);

describe('a statement waiting for approval', () => {
  test('GIVEN ana drafted S1, lena holds the approver role and ana and bob are configured approvers WHEN approval_after passes THEN the room reminds lena and bob (never ana) with Approve / Reject; ana pressing Approve is refused; lena pressing it publishes and no further nag comes', async () => {
    const w = world();
    w.deps.approvers.approver = ['U0ANA', 'U0BOB'];
    expect(w.deps.policy.approvalAfter).toBe(10);
    const { opened, draftedAt } = await draftWithLenaApprover(w);
    const releaseNext = holdNag(w, 2);

    const nag = await nthNag(w, opened, 1);

    // Planned for `approval_after` after the draft exactly, and never posted before.
    const due = draftedAt + 10 * MINUTE_MS;
    expect(nag.job).toMatchObject({ kind: 'approval', statement: 1, attempt: 1 });
    expect(plannedDue(nag)).toBe(due);
    expect(nag.at).toBeGreaterThanOrEqual(due);
    // The minutes it reads are counted when it is sent: at least 10, at most as many as had passed
    // when it was posted (a loaded machine may send it late, and then it says so).
    expect(minutesWaited(nag.card.title)).toBeGreaterThanOrEqual(10);
    expect(minutesWaited(nag.card.title)).toBeLessThanOrEqual(Math.round((nag.at - draftedAt) / MINUTE_MS));
    expect(addressees(nag.text)).toEqual(['U0BOB', 'U0LENA']);
    expect(nag.text).toContain(': read it in its card above and approve or reject it.');
    expect(nag.card.buttons?.map((b) => b.label)).toEqual([
      'Approve',
      'Reject',
      'Snooze 30 min',
      'Snooze 60 min',
      'Snooze 90 min',
      'Dismiss',
    ]);
    // The next nag is on the queue before anyone acts: the approval below must cancel it in effect.
    const next = await queuedNag(w, opened, 2);

    const refused = await w.press(w.inRoom(w.ana, opened), button(nag.card, 'Approve'));
    expect(refused.cards.map(textOf)).toEqual([
      'You wrote (part of) statement S1, so you cannot approve it: a second person must.',
    ]);
    expect((await w.incident(opened.seq)).statements?.[0]?.status).toBe('pending');

    await w.press(w.inRoom(w.lena, opened), button(nag.card, 'Approve'));

    // Said in the room, where lena pressed it.
    expect(w.chat.textsIn(opened.room)).toContainEqual(
      expect.stringMatching(/^Statement S1 approved by <@U0LENA>: published\./),
    );
    const statement = (await w.incident(opened.seq)).statements?.[0];
    expect(statement).toMatchObject({ status: 'published', approvals: [{ by: 'U0LENA', as: 'approver' }] });
    expect((await w.timeline(opened.seq)).filter((e) => e.kind === 'statement-published')).toEqual([
      expect.objectContaining({ n: 1, by: 'U0LENA' }),
    ]);
    releaseNext();
    await w.jobDone(opened.seq, next.data);
    expect(approvalNags(w, opened)).toHaveLength(1);
  });

  test('GIVEN lena is reminded of S1 WHEN she presses Reject and says why THEN S1 is rejected with her reason and the nags stop', async () => {
    const w = world();
    const { opened } = await draftWithLenaApprover(w);
    const releaseNext = holdNag(w, 2);
    const nag = await nthNag(w, opened, 1);
    expect(addressees(nag.text)).toEqual(['U0LENA']);
    const next = await queuedNag(w, opened, 2);
    const lena = w.inRoom(w.lena, opened);

    const asked = await w.press(lena, button(nag.card, 'Reject'));
    const form = asked.form;
    if (!form) throw new Error(`Reject asked nothing: ${asked.cards.map(textOf).join(' / ')}`);
    expect(form.title).toBe('Reject statement S1');
    const { kind, args } = form.submit;
    await dispatch(w.deps, lena, { type: 'form', kind, args, values: { reason: 'Say who is affected.' } });

    expect((await w.incident(opened.seq)).statements?.[0]).toMatchObject({
      status: 'rejected',
      rejection: { by: 'U0LENA', reason: 'Say who is affected.' },
    });
    releaseNext();
    await w.jobDone(opened.seq, next.data);
    expect(approvalNags(w, opened)).toHaveLength(1);
  });

  test('GIVEN S1 drafted WHEN lena approves it before approval_after THEN no approval reminder ever comes', async () => {
    const w = world();
    // Lena approves within approval_after (400 ms here): the first nag is held until she has, however
    // long a loaded machine takes her.
    const releaseFirst = holdNag(w, 1);
    const { opened, draftedAt } = await draftWithLenaApprover(w);
    const first: Reminder = { kind: 'approval', statement: 1, attempt: 1, dueAt: draftedAt + 10 * MINUTE_MS };
    // Queued by the draft itself: without the approval it would fire.
    expect((await queuedNag(w, opened, 1)).id).toBe(w.jobIdOf(opened.seq, first));

    await w.command(w.inRoom(w.lena, opened), 'approve S1');
    expect((await w.incident(opened.seq)).statements?.[0]?.status).toBe('published');

    releaseFirst();
    await w.jobDone(opened.seq, first);
    expect(approvalNags(w, opened)).toEqual([]);
    expect((await w.pendingJobsOf(opened.seq)).filter((job) => job.data.kind === 'approval')).toEqual([]);
  });

  test('GIVEN S1 never approved WHEN time goes on THEN lena is nagged max_nags (3) times, approval_after apart, then no more', async () => {
    const w = world();
    const { approvalAfter, maxNags } = w.deps.policy;
    expect(maxNags).toBe(3);
    const { opened, draftedAt } = await draftWithLenaApprover(w);

    const nags = [];
    for (let n = 1; n <= maxNags; n++) nags.push(await nthNag(w, opened, n));

    nags.forEach((nag, i) => {
      expect(nag.at).toBeGreaterThanOrEqual(draftedAt + (i + 1) * approvalAfter * MINUTE_MS);
      expect(minutesWaited(nag.card.title)).toBeGreaterThanOrEqual((i + 1) * approvalAfter);
      expect(addressees(nag.text)).toEqual(['U0LENA']);
    });
    // approval_after apart as planned (the wall-clock gap would shrink when one nag ran late).
    for (const [i, nag] of nags.slice(1).entries()) {
      expect(plannedDue(nag) - plannedDue(nags[i] ?? nag)).toBeGreaterThanOrEqual(approvalAfter * MINUTE_MS);
    }
    // Once the third nag is counted and its job has run to its end, no approval job is left to run:
    // no fourth can come, without waiting to see.
    await waitFor(
      async () =>
        (await w.incident(opened.seq)).reminders?.['approval-1']?.nags === maxNags &&
        (await w.pendingJobsOf(opened.seq)).every((job) => job.data.kind !== 'approval'),
      undefined,
      'the third nag to be counted and no approval job left',
    );
    expect(approvalNags(w, opened)).toHaveLength(maxNags);
    expect((await w.incident(opened.seq)).statements?.[0]?.status).toBe('pending');
  });
});
