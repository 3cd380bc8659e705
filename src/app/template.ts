import { when } from '../cards/format';
import { cadenceMinutes } from '../core/reminders';
import type { Incident } from '../core/types';
import type { Deps } from './deps';
import { playbookOf } from './room';

/**
 * What calma knows for a statement template, by placeholder: the times, the next update the severity's
 * cadence promises, and calma.yaml's contact and signature. Anything else (the account, who is
 * affected…) the incident does not hold: the drafting form asks for it.
 */
export function knownFacts(deps: Deps, incident: Incident): Record<string, string> {
  const now = deps.clock.now();
  const facts: Record<string, string> = { date: when(now), time: when(incident.openedAt) };
  const cadence = cadenceMinutes(incident, playbookOf(deps, incident), deps.policy);
  if (cadence) facts.next_update = when(new Date(now.getTime() + cadence * deps.minuteMs));
  const { contact, signature } = deps.statements ?? {};
  if (contact) facts.contact = contact;
  if (signature) {
    facts.signature = signature;
    facts.name = signature;
  }
  return facts;
}
