import { awayCard } from '../cards/away';
import { countSent, reminderKey, stillWanted } from '../core/reminders';
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

  // The card's claim, then each reminder's, as a lone reminder claims itself (src/app/remind.ts).
  const card = `reminder:${id}`;
  if (!(await deps.store.claim(card, IN_FLIGHT_SECONDS))) {
    if (await deps.store.isConfirmed(card)) return;
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
  if (claimed.length === 0) return;

  const sentAt = deps.clock.now();
  const stored = await deps.store.update(workspace, seq, (current) => ({
    change: {
      incident: claimed.reduce((i, m) => countSent(i, m.job, sentAt).incident, current),
      events: [],
    },
  }));
  const updated = stored?.change?.incident;
  if (!updated) return;
  await refreshRoom(deps, updated);
  const keys = new Set(claimed.map((m) => reminderKey(m.job)));
  await deps.scheduler?.sync(updated, (r) => keys.has(reminderKey(r)));
}
