import type { IncidentStore } from '../ports/incident-store';

/**
 * What identifies one delivery of a request: the event id (the Events API re-sends it with
 * X-Slack-Retry-Num), else the trigger id (one per command, button press or form submission).
 */
export function deliveryKey(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const fields = body as Record<string, unknown>;
  const team = typeof fields.team_id === 'string' ? fields.team_id : teamOf(fields.team);
  if (typeof fields.event_id === 'string') return `slack:${team}:event:${fields.event_id}`;
  if (typeof fields.trigger_id === 'string') return `slack:${team}:trigger:${fields.trigger_id}`;
  return null;
}

function teamOf(team: unknown): string {
  return typeof team === 'object' && team !== null && 'id' in team && typeof team.id === 'string'
    ? team.id
    : '';
}

/** How long a request is remembered: far longer than Slack's retries (three, over about a minute). */
const REMEMBER_SECONDS = 60 * 60;

/** True the first time a request (its delivery key) is seen; false for Slack's repeats of it. */
export function firstDelivery(store: IncidentStore, key: string): Promise<boolean> {
  return store.claim(`slack:${key}`, REMEMBER_SECONDS);
}
