import type { Incident, Severity, Statement } from './types';

/** What calma.yaml `status_page` lets out (docs/status-page.md). */
export interface StatusRules {
  /** null: every playbook. */
  playbooks: string[] | null;
  severities: number[];
  /** Resolved incidents stay listed this many days after closing. */
  recentDays: number;
}

/** An incident as the public sees it: only what may be said, only what was published. */
export interface PublicIncident {
  incident: Incident;
  /** Published statements, oldest first. */
  statements: Statement[];
  /** The next update the latest published statement promised, if it did. */
  nextUpdateAt: string | null;
  /** When it last changed for the public (its latest publication, or its closing). */
  updatedAt: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The incidents the public may see, ongoing first (newest first), then those resolved in the last
 * `recentDays`. Drills, audits, private rooms and codenamed incidents never appear: a codename exists
 * because the title must not be read outside; nor does one with an unset or non-public severity or
 * playbook, or one with nothing published yet (the public learns of an incident from a statement).
 */
export function publicIncidents(incidents: Incident[], rules: StatusRules, now: Date): PublicIncident[] {
  const since = now.getTime() - rules.recentDays * DAY_MS;
  const shown = incidents.flatMap((incident): PublicIncident[] => {
    if (incident.drill || incident.audit || incident.private || incident.codename) return [];
    if (rules.playbooks && !rules.playbooks.includes(incident.playbook)) return [];
    if (!isListed(incident.severity, rules.severities)) return [];
    if (incident.status === 'resolved' && Date.parse(incident.resolvedAt ?? incident.updatedAt) < since) {
      return [];
    }
    const statements = (incident.statements ?? [])
      .filter((s) => s.status === 'published' && s.publishedAt)
      .sort((a, b) => Date.parse(a.publishedAt ?? '') - Date.parse(b.publishedAt ?? ''));
    const latest = statements.at(-1);
    if (!latest) return [];
    const closed = incident.status === 'resolved' ? (incident.resolvedAt ?? null) : null;
    const updatedAt = [latest.publishedAt ?? '', closed ?? ''].sort().at(-1) ?? '';
    return [
      {
        incident,
        statements,
        nextUpdateAt: incident.status === 'open' ? (latest.nextUpdateAt ?? null) : null,
        updatedAt,
      },
    ];
  });
  const open = (p: PublicIncident) => (p.incident.status === 'open' ? 0 : 1);
  return shown.sort((a, b) => open(a) - open(b) || b.updatedAt.localeCompare(a.updatedAt));
}

function isListed(severity: Severity | null, severities: number[]): boolean {
  return severity !== null && severities.includes(severity);
}
