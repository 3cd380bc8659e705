import { clock, day, when } from '../cards/format';
import { cadenceMinutes } from '../core/reminders';
import type { Incident } from '../core/types';
import { translator } from '../i18n';
import type { Deps } from './deps';
import { playbookOf } from './room';

/**
 * What calma knows for a statement template, by placeholder: the times, the next update the severity's
 * cadence promises, and calma.yaml's contact, signature and updates channel. Anything else (the account,
 * who is affected…) the incident does not hold: the drafting form asks for it.
 */
export function knownFacts(deps: Deps, incident: Incident): Record<string, string> {
  const now = deps.clock.now();
  const t = translator(incident.locale, deps.timeZone);
  // Templates say "today, at {time}": the day and the time of day apart, in the team's zone.
  const facts: Record<string, string> = { date: day(now, t), time: clock(incident.openedAt, t) };
  const next = nextUpdatePromise(deps, incident);
  if (next) facts.next_update = day(next.at, t) === day(now, t) ? next.text : when(next.at, t);
  const { contact, signature, channel } = deps.statements ?? {};
  if (contact) facts.contact = contact;
  if (channel) facts.channel = channel;
  if (signature) {
    facts.signature = signature;
    facts.name = signature;
  }
  return facts;
}

/**
 * The next update calma would promise now (a cadence away), and how a statement says it: the time of day
 * in the team's zone (`13:00 UTC+1`), which `when` also contains when the promise falls on another day.
 * Null without a cadence (SEV4, or no severity yet).
 */
export function nextUpdatePromise(deps: Deps, incident: Incident): { at: string; text: string } | null {
  const cadence = cadenceMinutes(incident, playbookOf(deps, incident), deps.policy);
  if (!cadence) return null;
  const at = new Date(deps.clock.now().getTime() + cadence * deps.minuteMs);
  return { at: at.toISOString(), text: clock(at, translator(incident.locale, deps.timeZone)) };
}
