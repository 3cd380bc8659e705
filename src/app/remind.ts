import { injectCard } from '../cards/drill';
import { reminderCard } from '../cards/reminder';
import { overdueMinutes } from '../cards/summary';
import type { Card } from '../core/card';
import { markArchived } from '../core/incident';
import {
  countSent,
  type PlaybookClock,
  type Reminder,
  reminderAudience,
  stillWanted,
} from '../core/reminders';
import { possibleApprovers } from '../core/statement';
import type { Incident } from '../core/types';
import { type Translator, translator } from '../i18n';
import type { Playbook } from '../playbook/schema';
import type { ReminderJob } from '../ports/scheduler';
import type { Deps } from './deps';
import { jobPost } from './post-once';
import { playbookOf, refreshRoom } from './room';

/** Longer than a post takes, shorter than the retries' backoff reaches (1 + 2 + 4 + 8 + 16 s). */
export const IN_FLIGHT_SECONDS = 20;
/**
 * How long a delivered reminder's claim is kept: as long as its job can run again. BullMQ retries a
 * failed job for about 2 minutes (1 + 2 + … + 64 s) and runs a stalled one again within a minute on a
 * live process; only a job caught mid-post by a crash waits for the next start. What was sent is
 * recorded on the incident as well, so the claim only matters between the post and that record.
 */
export const DELIVERED_SECONDS = 24 * 3600;

/**
 * A reminder job fires: re-check the incident, post the reminder in its room once, record it, and queue
 * its kind's successor (the escalation, the next step due, the next interval, the next nag). A job for
 * a step that was done, a snoozed or dismissed reminder, a changed severity or a closed incident finds
 * itself out of the plan, posts nothing, and still queues what its kind wants now. A job run twice (a
 * crash mid-job) posts once and queues the successor it may have missed.
 */
export async function fireReminder(deps: Deps, job: ReminderJob, id: string, rerun = false): Promise<void> {
  // Claimed for a short while: a worker that dies before posting leaves a claim that expires, and the
  // job's retry (BullMQ re-runs a stalled job) posts it then. Once posted, the claim is kept for a day.
  // The claim is asked for with the read of the incident (one round trip, not two: in a burst of
  // reminders, every round trip of every reminder counts), and given back if the reminder is not wanted.
  const claim = `reminder:${id}`;
  const [incident, claimed] = await Promise.all([
    deps.store.get(job.workspace, job.seq),
    deps.store.claim(claim, IN_FLIGHT_SECONDS),
  ]);
  const wanted = incident?.room
    ? stillWanted(incident, clockOf(deps, incident), deps.policy, deps.minuteMs, job)
    : false;
  if (!wanted && claimed) await deps.store.release(claim);
  if (!incident?.room) return;
  if (!wanted) return queueNext(deps, incident, job);
  const playbook = playbookOf(deps, incident);
  if (!claimed) {
    if (!(await deps.store.isConfirmed(claim)))
      throw new Error(`reminder ${id} is being delivered elsewhere or its worker died: retry later`);
    // Posted by an earlier run that died before recording it or queuing what comes next.
    return queueNext(deps, (await record(deps, job)) ?? incident, job);
  }

  if (job.kind === 'archive') return archiveRoom(deps, incident, claim);

  const now = deps.clock.now().getTime();
  const t = translator(incident.locale, deps.timeZone);
  const audience = audienceOf(deps, incident, playbook, job);
  const card =
    job.kind === 'inject'
      ? injectCardOf(deps, incident, job, now, t)
      : reminderCard({
          incident,
          playbook,
          reminder: job,
          audience: audience || undefined,
          lateMs: now - job.dueAt,
          minuteMs: deps.minuteMs,
          now,
          t,
          waiting: job.kind === 'cadence' ? waitingDraft(deps, incident) : undefined,
        });
  // An archived room takes no posts: the reminder goes to the person it is for, by direct message.
  const direct = incident.archivedAt ? reminderAudience(incident, playbook, job) : undefined;
  if (incident.archivedAt && !direct) {
    await deps.store.confirm(claim, DELIVERED_SECONDS);
    return;
  }
  try {
    if (direct) await deps.chat.dm(direct, card);
    // Run again, it may find the post its predecessor made and died before recording.
    else
      await deps.chat.post(
        incident.room,
        card,
        jobPost('reminder', id, rerun ? new Date(job.dueAt) : undefined),
      );
  } catch (error) {
    // Not delivered: give the claim back so BullMQ's retry (with backoff) can deliver it.
    await deps.store.release(claim);
    throw error;
  }
  // Recorded as delivered while the incident records it (two round trips at once).
  const [, recorded] = await Promise.all([deps.store.confirm(claim, DELIVERED_SECONDS), record(deps, job)]);
  const updated = recorded ?? incident;
  // The pinned summary shows what is overdue: redraw it now that time has moved on. When the reminder
  // changed nothing and no step is overdue, the summary drawn at the last change is still what it shows
  // (most status-update reminders: a burst of them must not redraw every summary for nothing).
  if (recorded || anyStepOverdue(updated, playbook, now, deps.minuteMs)) await refreshRoom(deps, updated);
  await queueNext(deps, updated, job);
}

/** The playbook's clock, with the scenario's injects for a drill that has one. */
function clockOf(deps: Deps, incident: Incident): PlaybookClock {
  return deps.playbooks.clock(incident) ?? playbookOf(deps, incident);
}

/** Whether the summary's overdue field shows a step at `now` (it depends on the time, nothing else does). */
function anyStepOverdue(incident: Incident, playbook: Playbook, now: number, minuteMs: number): boolean {
  if (incident.status !== 'open') return false;
  return playbook.steps.some(
    (step, index) =>
      incident.steps[index]?.state === 'open' && overdueMinutes(incident, step, { now, minuteMs }) > 0,
  );
}

/**
 * A reminder that could not be posted through all its retries (the platform was down for minutes, the
 * room is gone) is given up: it counts as sent, so its kind goes on with the next one (the escalation,
 * the next step, the next nag) instead of waiting for it forever.
 */
export async function giveUpReminder(deps: Deps, job: ReminderJob): Promise<void> {
  const incident = (await record(deps, job)) ?? (await deps.store.get(job.workspace, job.seq));
  if (incident) await queueNext(deps, incident, job);
}

/**
 * Records `job` as sent, so no later plan brings it back, if the incident still wants it: a re-run after
 * a crash counts a nag once. The cadence needs nothing: its next reminder is simply the next one due.
 * Resolves with the incident as stored after (null: unchanged, or gone).
 */
async function record(deps: Deps, job: ReminderJob): Promise<Incident | null> {
  if (job.kind === 'cadence') return null;
  const stored = await deps.store.update(job.workspace, job.seq, (current) => {
    if (!stillWanted(current, clockOf(deps, current), deps.policy, deps.minuteMs, job)) return {};
    return { change: countSent(current, job, deps.clock.now()) };
  });
  return stored?.change?.incident ?? null;
}

/**
 * Queues the next reminder of the job's kind as `incident` plans it: BullMQ holds it until this job is
 * over, then it replaces it. Only this kind's next reminder can be new: every other kind's job was
 * queued by the change that planned it.
 */
function queueNext(deps: Deps, incident: Incident, job: ReminderJob): Promise<void> {
  return deps.scheduler?.sync(incident, { kinds: [job.kind], after: job.dueAt + 1 }) ?? Promise.resolve();
}

/**
 * Archives a closed incident's room (`channels.archive_after`): says so in the room once, archives it,
 * records it. A retry after a failure does not repeat the notice.
 */
async function archiveRoom(deps: Deps, incident: Incident, claim: string): Promise<void> {
  const room = incident.room;
  if (!room) return;
  const t = translator(incident.locale, deps.timeZone);
  try {
    if (await deps.store.claim(`${claim}:notice`, DELIVERED_SECONDS)) {
      await deps.chat.post(room, { lines: [t('close.archiving', { seq: incident.seq })], tone: 'info' });
    }
    await deps.chat.archive(room);
  } catch (error) {
    await deps.store.release(claim);
    throw error;
  }
  await deps.store.confirm(claim, DELIVERED_SECONDS);
  await deps.store.update(incident.workspace, incident.seq, (current) =>
    current.archivedAt ? {} : { change: markArchived(current, deps.clock.now()) },
  );
}

/** A drill's inject, as scripted in its scenario (still there: the job was found in the plan). */
function injectCardOf(deps: Deps, incident: Incident, job: ReminderJob, now: number, t: Translator): Card {
  const scenario = deps.playbooks.scenario(incident.scenario ?? '');
  const index = job.inject ?? 0;
  const inject = scenario?.injects[index];
  if (!scenario || !inject) throw new Error(`incident #${incident.seq} has no inject ${index} any more`);
  return injectCard({
    incident,
    inject,
    index,
    count: scenario.injects.length,
    lateMs: now - job.dueAt,
    minuteMs: deps.minuteMs,
    t,
  });
}

/** The latest draft waiting for approval, and who can approve it (mentions), for the cadence reminder. */
function waitingDraft(deps: Deps, incident: Incident) {
  const draft = incident.statements?.findLast((s) => s.status === 'pending');
  if (!draft) return undefined;
  const approvers = possibleApprovers(incident, draft, deps.approvers).map((id) => deps.chat.mention(id));
  return { n: draft.n, version: draft.version, approvers: approvers.join(', ') };
}

/** Who a reminder is for, as mentions: a statement's possible approvers, else its one person. */
export function audienceOf(
  deps: Deps,
  incident: Incident,
  playbook: Playbook,
  reminder: Reminder,
): string | undefined {
  const statement = incident.statements?.find((s) => s.n === reminder.statement);
  if (reminder.kind === 'approval' && statement) {
    return possibleApprovers(incident, statement, deps.approvers)
      .map((id) => deps.chat.mention(id))
      .join(', ');
  }
  const user = reminderAudience(incident, playbook, reminder);
  return user ? deps.chat.mention(user) : undefined;
}
