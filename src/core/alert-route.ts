import type { Alert } from './alert';
import type { AlertSource, Severity } from './types';

/**
 * Alert routing: which alerts open an incident, which ask a human first (a triage card), which are
 * ignored. Rules come from calma.yaml `alerts.routes` and are tried in order; the first that matches
 * decides. Pure: no I/O, no clock.
 */

export const ROUTE_ACTIONS = ['open', 'triage', 'ignore'] as const;
export type RouteAction = (typeof ROUTE_ACTIONS)[number];

/** `<=2`, `<3`, `>=3`, `>1`, `=1` or `1`: SEV1 is the worst, so `<=2` means SEV1 or SEV2. */
export interface SeverityCondition {
  op: '<=' | '<' | '>=' | '>' | '=';
  level: Severity;
}

/** A label's expected value: exactly this text, or a regular expression written `/…/` (or `/…/i`). */
export type LabelPattern = string | RegExp;

export interface AlertRoute {
  match: {
    /** Any of these sources; absent: any source. */
    sources?: AlertSource[];
    /** Every label named must be present and match. */
    labels?: Record<string, LabelPattern>;
    /** An alert without a severity never matches a severity condition. */
    severity?: SeverityCondition;
  };
  action: RouteAction;
  /** The playbook to open (required for `open`; for `triage`, the one the card offers). */
  playbook?: string;
  /** The incident's severity; absent: the alert's own, else unset ("SEV?"). */
  severity?: Severity;
}

/** What happens to an alert no route matches: a human decides, calma neither opens nor drops it. */
export const DEFAULT_ROUTE: AlertRoute = { match: {}, action: 'triage' };

export interface RouteDecision {
  action: RouteAction;
  playbook: string | null;
  severity: Severity | null;
  /** Index of the matching rule in `alerts.routes`, or `default`. */
  rule: number | 'default';
}

/** The first matching route decides; none matching: `DEFAULT_ROUTE`. */
export function routeAlert(alert: Alert, routes: readonly AlertRoute[]): RouteDecision {
  const index = routes.findIndex((route) => matches(route, alert));
  const route = routes[index] ?? DEFAULT_ROUTE;
  return {
    action: route.action,
    playbook: route.playbook ?? null,
    severity: route.severity ?? alert.severity ?? null,
    rule: index === -1 ? 'default' : index,
  };
}

export function matches(route: AlertRoute, alert: Alert): boolean {
  const { sources, labels, severity } = route.match;
  if (sources && !sources.includes(alert.source)) return false;
  if (severity && (alert.severity === null || !meets(alert.severity, severity))) return false;
  for (const [name, pattern] of Object.entries(labels ?? {})) {
    const value = Object.hasOwn(alert.labels, name) ? alert.labels[name] : undefined;
    if (value === undefined) return false;
    if (typeof pattern === 'string' ? value !== pattern : !pattern.test(value)) return false;
  }
  return true;
}

function meets(level: Severity, condition: SeverityCondition): boolean {
  switch (condition.op) {
    case '<=':
      return level <= condition.level;
    case '<':
      return level < condition.level;
    case '>=':
      return level >= condition.level;
    case '>':
      return level > condition.level;
    case '=':
      return level === condition.level;
  }
}

/** `<=2`, `< 3`, `=1`, `1` (or the number 1); null when it is none of these. */
export function parseSeverityCondition(text: string | number): SeverityCondition | null {
  const found = /^\s*(<=|<|>=|>|=)?\s*(?:sev)?([1-4])\s*$/i.exec(String(text));
  if (!found) return null;
  const op = (found[1] ?? '=') as SeverityCondition['op'];
  return { op, level: Number(found[2]) as Severity };
}

/**
 * A label value from calma.yaml: `/…/` or `/…/i` is a regular expression (tested anywhere in the value:
 * anchor it with ^ and $ for a whole match), anything else an exact value. Null: an invalid expression.
 */
export function parseLabelPattern(text: string): LabelPattern | null {
  const regex = /^\/(.*)\/(i?)$/s.exec(text);
  if (!regex) return text;
  try {
    return new RegExp(regex[1] ?? '', regex[2]);
  } catch {
    return null;
  }
}

/** A route as written in calma.yaml (validated by the config schema). */
export interface RouteSetting {
  match?: {
    source?: AlertSource | AlertSource[];
    labels?: Record<string, string>;
    severity?: string | number;
  };
  action: RouteAction;
  playbook?: string;
  severity?: number;
}

/** calma.yaml's routes in the shape the matcher uses. Throws on a rule the schema should have refused. */
export function compileRoutes(settings: readonly RouteSetting[]): AlertRoute[] {
  return settings.map((setting, i) => {
    const match: AlertRoute['match'] = {};
    const source = setting.match?.source;
    if (source !== undefined) match.sources = Array.isArray(source) ? source : [source];
    if (setting.match?.labels) {
      match.labels = {};
      for (const [name, text] of Object.entries(setting.match.labels)) {
        const pattern = parseLabelPattern(text);
        if (pattern === null) throw new Error(`alerts.routes[${i}]: invalid label expression ${text}`);
        match.labels[name] = pattern;
      }
    }
    if (setting.match?.severity !== undefined) {
      const condition = parseSeverityCondition(setting.match.severity);
      if (!condition) throw new Error(`alerts.routes[${i}]: invalid severity ${setting.match.severity}`);
      match.severity = condition;
    }
    return {
      match,
      action: setting.action,
      ...(setting.playbook ? { playbook: setting.playbook } : {}),
      ...(setting.severity ? { severity: setting.severity as Severity } : {}),
    };
  });
}

/** Playbooks the routes name that are not loaded: calma refuses to start with them. */
export function unknownRoutePlaybooks(routes: readonly AlertRoute[], known: readonly string[]): string[] {
  return [...new Set(routes.flatMap((r) => (r.playbook && !known.includes(r.playbook) ? [r.playbook] : [])))];
}
