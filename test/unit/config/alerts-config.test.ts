import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../../src/config/load';
import { compileRoutes, routeAlert } from '../../../src/core/alert-route';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'calma-alerts-config-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function load(yaml: string) {
  const file = path.join(dir, 'calma.yaml');
  await writeFile(file, yaml);
  return loadConfig({ CALMA_CONFIG: file });
}

async function problems(yaml: string) {
  const error = await load(yaml).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ConfigError)) throw new Error(`expected a ConfigError, got ${String(error)}`);
  return error.problems.map((p) => ({ line: p.line, key: p.key, message: p.message }));
}

describe('calma.yaml alerts', () => {
  it('GIVEN routes in calma.yaml WHEN loaded and compiled THEN alerts are routed by them', async () => {
    const config = await load(
      [
        'alerts:',
        '  workspace: T0ACME',
        '  triage_channel: C0TRIAGE',
        '  group_window: 5',
        '  routes:',
        '    - match: { source: [generic, grafana], labels: { tool: "/^brand(watch|24)$/", code: 500 }, severity: "<=2" }',
        '      action: open',
        '      playbook: hacked-account',
        '      severity: 1',
        '    - match: { labels: { env: staging } }',
        '      action: ignore',
      ].join('\n'),
    );
    const { alerts } = config.settings;
    expect(alerts).toMatchObject({ workspace: 'T0ACME', triage_channel: 'C0TRIAGE', group_window: 5 });
    const routes = compileRoutes(alerts.routes);
    const alert = {
      source: 'generic' as const,
      dedupKey: 'k',
      groupKey: 'k',
      status: 'firing' as const,
      severity: 2 as const,
      title: 'Mentions spike',
      summary: '',
      url: null,
      startedAt: '2026-11-22T09:30:00.000Z',
      labels: { tool: 'brandwatch', code: '500' },
    };

    expect(routeAlert(alert, routes)).toMatchObject({
      action: 'open',
      playbook: 'hacked-account',
      severity: 1,
    });
    expect(routeAlert({ ...alert, labels: { env: 'staging' } }, routes)).toMatchObject({ action: 'ignore' });
    expect(routeAlert({ ...alert, severity: 3 }, routes)).toMatchObject({
      action: 'triage',
      rule: 'default',
    });
  });

  it('GIVEN broken routes WHEN loading THEN each problem is reported with its line and key', async () => {
    const found = await problems(
      [
        'alerts:',
        '  routes:',
        '    - action: open',
        '    - match: { labels: { team: "/(/" }, severity: "<=9", source: nagios }',
        '      action: page',
        '  group_window: 0',
      ].join('\n'),
    );

    expect(found).toEqual(
      expect.arrayContaining([
        { line: 3, key: 'alerts.routes.0.playbook', message: expect.stringContaining('needs a playbook') },
        {
          line: 4,
          key: 'alerts.routes.1.match.labels.team',
          message: expect.stringContaining('regular expression'),
        },
        { line: 4, key: 'alerts.routes.1.match.severity', message: expect.stringContaining('<=2') },
        { line: 4, key: 'alerts.routes.1.match.source', message: expect.stringContaining('alertmanager') },
        { line: 5, key: 'alerts.routes.1.action', message: expect.stringContaining('open, triage, ignore') },
        { line: 6, key: 'alerts.group_window', message: expect.any(String) },
      ]),
    );
  });
});
