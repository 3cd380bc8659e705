import { reminderCard } from '../cards/reminder';
import { countNag, reminderAudience, reminderKey, stillWanted } from '../core/reminders';
import { translator } from '../i18n';
import type { ReminderJob } from '../queue/reminder-queue';
import type { Deps } from './deps';
import { playbookOf, refreshRoom } from './room';

/** Longer than a post takes, shorter than the retries' backoff reaches (1 + 2 + 4 + 8 + 16 s). */
const IN_FLIGHT_SECONDS = 20;
const DELIVERED_SECONDS = 7 * 24 * 3600;

/**
 * A reminder job fires: re-check the incident, post the reminder in its room once, and queue what comes
 * next. A job for a step that was done, a snoozed or dismissed reminder, a changed severity or a closed
 * incident finds itself out of the plan and does nothing. A job run twice (a crash mid-job) posts once.
 */
export async function fireReminder(deps: Deps, job: ReminderJob, id: string): Promise<void> {
  const incident = await deps.store.get(job.workspace, job.seq);
  if (!incident?.room) return;
  const playbook = playbookOf(deps, incident);
  if (!stillWanted(incident, playbook, deps.policy, deps.minuteMs, job)) return;
  // Claimed for a short while: a worker that dies before posting leaves a claim that expires, and the
  // job's retry (BullMQ re-runs a stalled job) posts it then. Once posted, the claim is kept for a week.
  const claim = `reminder:${id}`;
  if (!(await deps.store.claim(claim, IN_FLIGHT_SECONDS))) {
    if (await deps.store.isConfirmed(claim)) return;
    throw new Error(`reminder ${id} is being delivered elsewhere or its worker died: retry later`);
  }

  const now = deps.clock.now().getTime();
  const t = translator(incident.locale);
  const audience = reminderAudience(incident, playbook, job);
  const card = reminderCard({
    incident,
    playbook,
    reminder: job,
    audience: audience ? deps.chat.mention(audience) : undefined,
    lateMs: now - job.dueAt,
    minuteMs: deps.minuteMs,
    now,
    t,
  });
  try {
    await deps.chat.post(incident.room, card);
  } catch (error) {
    // Not delivered: give the claim back so BullMQ's retry (with backoff) can deliver it.
    await deps.store.release(claim);
    throw error;
  }
  await deps.store.confirm(claim, DELIVERED_SECONDS);
  const key = reminderKey(job);
  const nag = job.kind === 'no-lead' || job.kind === 'no-severity' || job.kind === 'stale';
  const updated = nag
    ? (
        await deps.store.update(incident.workspace, incident.seq, (current) => ({
          change: countNag(current, key, deps.clock.now()),
        }))
      )?.change?.incident
    : incident;
  if (!updated) return;
  // The pinned summary shows what is overdue: redraw it now that time has moved on.
  await refreshRoom(deps, updated);
  // Only this reminder's next attempt (the next interval, the next nag) can be new: re-queuing the
  // whole plan would be a score of no-op adds per reminder (docs/benchmarks.md).
  await deps.scheduler?.sync(updated, (r) => reminderKey(r) === key);
}
