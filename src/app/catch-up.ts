import { awayCard } from '../cards/away';
import { countSent, type ReminderKind, stillWanted } from '../core/reminders';
import type { Incident } from '../core/types';
import { translator } from '../i18n';
import type { ReminderJob } from '../ports/scheduler';
import type { Deps } from './deps';
import { audienceOf, DELIVERED_SECONDS, fireReminder, IN_FLIGHT_SECONDS } from './remind';
import { playbookOf, refreshRoom } from './room';

/** A reminder job that fired long after its due time, with its BullMQ id (its delivery claim's name). */
export interface MissedReminder {
  job: ReminderJob;
  id: string;
}

/**
 * Posts the reminders of one incident that fell due while calma was away as one card, once: `id` names
 * the card, so a retry after a crash does not post it twice. Each reminder is re-checked first: one whose
 * step was done, that was snoozed or dismissed, or whose incident closed is left out, and so is one that
 * was delivered on its own (its claim is confirmed). The rest then count as sent, and what comes next
 * for each (the next nag, the next status-update reminder, a later escalation) is queued as usual.
 */
export async function postMissed(
  deps: Deps,
  workspace: string,
  seq: number,
  missed: readonly MissedReminder[],
  id: string,
): Promise<void> {
  const incident = await deps.store.get(workspace, seq);
  if (!incident?.room) return;
  // An archived room takes no posts: each reminder goes its own way (a follow-up's by direct message).
  if (incident.archivedAt) {
    for (const m of missed) await fireReminder(deps, m.job, m.id);
    return;
  }
  const playbook = playbookOf(deps, incident);
  const clock = deps.playbooks.clock(incident) ?? playbook;
  const wanted = missed.filter((m) => stillWanted(incident, clock, deps.policy, deps.minuteMs, m.job));

  // Each missed reminder's kind queues what it wants now, as a reminder job does after firing.
  const kinds = [...new Set(missed.map((m) => m.job.kind))];
  const after = Math.max(...missed.map((m) => m.job.dueAt)) + 1;
  // The card's claim, then each reminder's, as a lone reminder claims itself (src/app/remind.ts).
  const card = `reminder:${id}`;
  if (!(await deps.store.claim(card, IN_FLIGHT_SECONDS))) {
    // Posted by an earlier run that died before recording it or queuing what comes next.
    if (await deps.store.isConfirmed(card)) return recordAndQueue(deps, incident, wanted, kinds, after);
    throw new Error(`missed reminders ${id} are being posted elsewhere or their worker died: retry later`);
  }
  const claimed: MissedReminder[] = [];
  const claims = () => [card, ...claimed.map((m) => `reminder:${m.id}`)];
  const giveBack = () => Promise.all(claims().map((claim) => deps.store.release(claim)));
  for (const m of wanted) {
    if (await deps.store.claim(`reminder:${m.id}`, IN_FLIGHT_SECONDS)) claimed.push(m);
    else if (!(await deps.store.isConfirmed(`reminder:${m.id}`))) {
      await giveBack();
      throw new Error(`reminder ${m.id} is being delivered elsewhere: retry the missed ones later`);
    }
  }
  if (claimed.length > 0) {
    const t = translator(incident.locale, deps.timeZone);
    const lines = claimed.map((m) => ({
      reminder: m.job,
      audience: audienceOf(deps, incident, playbook, m.job) || undefined,
    }));
    const now = deps.clock.now().getTime();
    const away = awayCard({
      incident,
      playbook,
      missed: lines,
      escalateAfter: deps.policy.escalateAfter,
      minuteMs: deps.minuteMs,
      now,
      t,
    });
    try {
      await deps.chat.post(incident.room, away);
    } catch (error) {
      await giveBack();
      throw error;
    }
  }
  await Promise.all(claims().map((claim) => deps.store.confirm(claim, DELIVERED_SECONDS)));
  await recordAndQueue(deps, incident, claimed, kinds, after);
}

/**
 * The reminders of a posted card count as sent (those the incident still wants: a re-run counts them
 * once), the summary is redrawn, and each kind's next reminder is queued.
 */
async function recordAndQueue(
  deps: Deps,
  incident: Incident,
  posted: readonly MissedReminder[],
  kinds: readonly ReminderKind[],
  after: number,
): Promise<void> {
  const sentAt = deps.clock.now();
  const stored =
    posted.length === 0
      ? null
      : await deps.store.update(incident.workspace, incident.seq, (current) => {
          const clock = deps.playbooks.clock(current) ?? playbookOf(deps, current);
          const still = posted.filter((m) => stillWanted(current, clock, deps.policy, deps.minuteMs, m.job));
          if (still.length === 0) return {};
          const counted = still.reduce((i, m) => countSent(i, m.job, sentAt).incident, current);
          return { change: { incident: counted, events: [] } };
        });
  const updated = stored?.change?.incident ?? incident;
  if (stored?.change) await refreshRoom(deps, updated);
  await deps.scheduler?.sync(updated, { kinds, after });
}
