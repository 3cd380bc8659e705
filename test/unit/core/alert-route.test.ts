import type { Alert } from '../../../src/core/alert';
import {
  compileRoutes,
  matches,
  parseLabelPattern,
  parseSeverityCondition,
  type RouteSetting,
  routeAlert,
  unknownRoutePlaybooks,
} from '../../../src/core/alert-route';

const alert = (overrides: Partial<Alert> = {}): Alert => ({
  source: 'alertmanager',
  dedupKey: 'fp-1',
  groupKey: '{}:{alertname="MentionsSpike"}',
  status: 'firing',
  severity: 2,
  title: 'Mentions of the brand up 900%',
  summary: '',
  url: null,
  startedAt: '2026-11-22T09:30:00.000Z',
  labels: { alertname: 'MentionsSpike', team: 'social', env: 'prod' },
  ...overrides,
});

const routes = (settings: RouteSetting[]) => compileRoutes(settings);

describe('routeAlert', () => {
  it('GIVEN no routes WHEN an alert comes THEN the default route sends it to triage, with its own severity', () => {
    expect(routeAlert(alert({ severity: 3 }), [])).toEqual({
      action: 'triage',
      playbook: null,
      severity: 3,
      rule: 'default',
    });
  });

  it('GIVEN rules in order WHEN two match THEN the first one decides', () => {
    const table = routes([
      { match: { labels: { team: 'social' } }, action: 'open', playbook: 'hacked-account', severity: 1 },
      { match: {}, action: 'ignore' },
    ]);

    expect(routeAlert(alert(), table)).toEqual({
      action: 'open',
      playbook: 'hacked-account',
      severity: 1,
      rule: 0,
    });
    expect(routeAlert(alert({ labels: { team: 'web' } }), table)).toMatchObject({
      action: 'ignore',
      rule: 1,
    });
  });

  it('GIVEN a rule without a severity WHEN it matches THEN the incident takes the alert severity, or none', () => {
    const table = routes([{ match: {}, action: 'open', playbook: 'hacked-account' }]);

    expect(routeAlert(alert({ severity: 2 }), table).severity).toBe(2);
    expect(routeAlert(alert({ severity: null }), table).severity).toBeNull();
  });

  it('GIVEN a source condition (one or a list) WHEN alerts of other sources come THEN they do not match', () => {
    const [one, list] = routes([
      { match: { source: 'grafana' }, action: 'ignore' },
      { match: { source: ['pagerduty', 'generic'] }, action: 'ignore' },
    ]);
    if (!one || !list) throw new Error('two routes expected');

    expect(matches(one, alert({ source: 'grafana' }))).toBe(true);
    expect(matches(one, alert({ source: 'alertmanager' }))).toBe(false);
    expect(matches(list, alert({ source: 'generic' }))).toBe(true);
    expect(matches(list, alert({ source: 'grafana' }))).toBe(false);
  });

  it('GIVEN label conditions WHEN a label is missing, different, or fails the regex THEN no match; all present THEN match', () => {
    const [route] = routes([
      { match: { labels: { team: 'social', alertname: '/^mentions(spike|surge)$/i' } }, action: 'ignore' },
    ]);
    if (!route) throw new Error('one route expected');

    expect(matches(route, alert())).toBe(true);
    expect(matches(route, alert({ labels: { team: 'social', alertname: 'MentionsSurge' } }))).toBe(true);
    expect(matches(route, alert({ labels: { team: 'social', alertname: 'MentionsSpikeOld' } }))).toBe(false);
    expect(matches(route, alert({ labels: { team: 'Social', alertname: 'MentionsSpike' } }))).toBe(false);
    expect(matches(route, alert({ labels: { alertname: 'MentionsSpike' } }))).toBe(false);
  });

  it('GIVEN a label named like an Object property WHEN the alert lacks it THEN no match', () => {
    const [route] = routes([{ match: { labels: { constructor: '/./' } }, action: 'ignore' }]);
    if (!route) throw new Error('one route expected');

    expect(matches(route, alert())).toBe(false);
  });

  it.each([
    ['<=2', [1, 2], [3, 4]],
    ['<3', [1, 2], [3, 4]],
    ['>=3', [3, 4], [1, 2]],
    ['>1', [2, 3, 4], [1]],
    ['=1', [1], [2, 3, 4]],
    ['sev2', [2], [1, 3, 4]],
  ] as const)(
    'GIVEN severity %s WHEN alerts of each level come THEN %j match and %j do not',
    (text, yes, no) => {
      const [route] = routes([{ match: { severity: text }, action: 'ignore' }]);
      if (!route) throw new Error('one route expected');

      for (const level of yes) expect(matches(route, alert({ severity: level }))).toBe(true);
      for (const level of no) expect(matches(route, alert({ severity: level }))).toBe(false);
    },
  );

  it('GIVEN a severity condition WHEN the alert has no severity THEN it does not match', () => {
    const [route] = routes([{ match: { severity: '>=1' }, action: 'open', playbook: 'x' }]);
    if (!route) throw new Error('one route expected');

    expect(matches(route, alert({ severity: null }))).toBe(false);
  });
});

describe('parsing calma.yaml conditions', () => {
  it('GIVEN severity conditions WHEN parsed THEN numbers and comparisons are read, nonsense is null', () => {
    expect(parseSeverityCondition(2)).toEqual({ op: '=', level: 2 });
    expect(parseSeverityCondition(' <= 2 ')).toEqual({ op: '<=', level: 2 });
    expect(parseSeverityCondition('SEV1')).toEqual({ op: '=', level: 1 });
    expect(parseSeverityCondition('<=5')).toBeNull();
    expect(parseSeverityCondition('=<2')).toBeNull();
    expect(parseSeverityCondition('')).toBeNull();
  });

  it('GIVEN label values WHEN parsed THEN /…/ is a regex, anything else exact text, a broken regex null', () => {
    expect(parseLabelPattern('prod')).toBe('prod');
    expect(parseLabelPattern('/^prod-\\d+$/')).toEqual(/^prod-\d+$/);
    expect(parseLabelPattern('/x/i')).toEqual(/x/i);
    expect(parseLabelPattern('/(/')).toBeNull();
    expect(parseLabelPattern('a/b/')).toBe('a/b/');
  });

  it('GIVEN routes naming playbooks WHEN checked against the loaded ones THEN the unknown are listed once', () => {
    const table = routes([
      { action: 'open', playbook: 'hacked-account' },
      { action: 'open', playbook: 'nope' },
      { action: 'triage', playbook: 'nope' },
    ]);

    expect(unknownRoutePlaybooks(table, ['hacked-account'])).toEqual(['nope']);
  });
});
