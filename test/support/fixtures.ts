import type { Incident, TimelineEntry } from '../../src/core/types';

const OPENED_AT = '2026-11-22T09:30:00.000Z';

/** A plausible open SEV1 incident; override what the test is about. */
export function anIncident(overrides: Partial<Incident> = {}): Incident {
  return {
    workspace: 'T0TEST',
    seq: 1,
    title: 'Hacked account posting spam',
    playbook: 'hacked-account',
    severity: 1,
    status: 'open',
    roles: { lead: 'U0LEAD' },
    steps: [{ state: 'open' }, { state: 'open' }],
    drill: false,
    locale: 'en',
    room: null,
    roomName: 'crisis-1-2026-11-22-hacked-account-posting-spam',
    summary: null,
    openedBy: 'U0LEAD',
    openedAt: OPENED_AT,
    updatedAt: OPENED_AT,
    ...overrides,
  };
}

/** The `opened` entry that starts every incident's timeline. */
export function anOpenedEntry(incident: Incident): TimelineEntry {
  const { title, playbook, severity, drill } = incident;
  return { kind: 'opened', title, playbook, severity, drill, at: incident.openedAt, by: incident.openedBy };
}

export function aNote(text: string, by = 'U0SCRIBE', at = OPENED_AT): TimelineEntry {
  return { kind: 'note', text, at, by };
}
