/**
 * `/crisis stats [days]`: counts and medians over the incidents of a period, drills left out, computed
 * from incidents stored through the real store (scripted) and through the real commands.
 */
import { textHash } from '../../../src/core/statement';
import type { Incident, Severity, Statement } from '../../../src/core/types';
import { anIncident } from '../../support/fixtures';
import { ana, OPENED_AT, replyText, useWorld, WORKSPACE, type World } from './world';

const world = useWorld();

const NOW = Date.parse(OPENED_AT);
const DAY = 24 * 60 * 60_000;
const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

function published(n: number, at: number): Statement {
  return {
    n,
    text: `Statement ${n}`,
    authors: ['U0ANA'],
    createdAt: iso(at - MIN),
    targets: [],
    requires: ['approver'],
    approvals: [{ by: 'U0BOB', as: 'approver', at: iso(at), sha256: textHash(`Statement ${n}`) }],
    status: 'published',
    version: 1,
    checklist: { covered: [], missing: [], warnings: [] },
    publishedAt: iso(at),
  };
}

/**
 * Stores an incident opened `daysAgo` days before the world's clock, with its first statements published
 * and its resolution that many minutes after the opening.
 */
async function stored(
  w: World,
  seq: number,
  spec: {
    daysAgo: number;
    severity: Severity | null;
    statementsAfter?: number[];
    resolvedAfter?: number;
    drill?: boolean;
  },
): Promise<void> {
  const opened = NOW - spec.daysAgo * DAY;
  const incident: Incident = anIncident({
    workspace: WORKSPACE,
    seq,
    severity: spec.severity,
    drill: spec.drill ?? false,
    openedAt: iso(opened),
    updatedAt: iso(opened),
    statements: (spec.statementsAfter ?? []).map((minutes, i) => published(i + 1, opened + minutes * MIN)),
    ...(spec.resolvedAfter === undefined
      ? {}
      : { status: 'resolved' as const, resolvedAt: iso(opened + spec.resolvedAfter * MIN) }),
  });
  await w.store.create({ incident, events: [] });
}

/** The stats card's fields as `label: value` lines. */
async function stats(w: World, text: string): Promise<Record<string, string>> {
  const reply = await w.command(ana, text);
  return Object.fromEntries((reply.cards[0]?.fields ?? []).map((f) => [f.label, f.value]));
}

describe('/crisis stats', () => {
  test('GIVEN four incidents, a drill and an older incident WHEN `/crisis stats` is sent THEN the last 30 days are counted without the drill, with the median of odd and even counts', async () => {
    const w = world();
    // Statements first out after 30, 10 and 20 min; resolved after 120 and 300 min.
    await stored(w, 1, { daysAgo: 10, severity: 1, statementsAfter: [50, 30], resolvedAfter: 120 });
    await stored(w, 2, { daysAgo: 5, severity: 2, statementsAfter: [10], resolvedAfter: 300 });
    await stored(w, 3, { daysAgo: 2, severity: 2, statementsAfter: [20] });
    await stored(w, 4, { daysAgo: 1, severity: null });
    // A drill, fast at everything: counted, it would pull both medians down.
    await stored(w, 5, { daysAgo: 3, severity: 1, statementsAfter: [1], resolvedAfter: 2, drill: true });
    await stored(w, 6, { daysAgo: 40, severity: 1, statementsAfter: [40], resolvedAfter: 60 });

    const reply = await w.command(ana, 'stats');
    expect(reply.cards[0]?.title).toBe('Incidents of the last 30 days');
    expect(reply.cards[0]?.context).toBe(
      'Opened from 23 Oct 2026 to 22 Nov 2026 (UTC dates) · drills left out: 1',
    );
    expect(await stats(w, 'stats')).toEqual({
      Opened: '4',
      Resolved: '2',
      'Still open': '2',
      'By severity': 'SEV1: 1 · SEV2: 2 · not set: 1',
      'Median time to the first public statement': '20 min (incidents counted: 3)',
      'Median time to resolution': '3 h 30 min (incidents counted: 2)',
    });

    // Over 60 days #6 counts too: statements 10, 20, 30, 40 → 25; resolutions 60, 120, 300 → 120.
    expect(await stats(w, 'stats 60')).toMatchObject({
      Opened: '5',
      Resolved: '3',
      'Median time to the first public statement': '25 min (incidents counted: 4)',
      'Median time to resolution': '2 h 00 min (incidents counted: 3)',
    });
  });

  test('GIVEN an incident opened and closed through the commands and a drill opened through the form WHEN `/crisis stats 7` THEN only the incident counts', async () => {
    const w = world();
    await w.open(ana, 'open hacked-account sev2 Our account is posting spam');
    const form = (await w.command(ana, 'open')).form;
    await w.submit(ana, form, {
      title: 'Practice run',
      playbook: 'hacked-account',
      severity: 'sev1',
      drill: 'true',
    });
    expect((await w.incident(2)).drill).toBe(true);
    w.clock.advanceMinutes(45);
    await w.command(ana, 'close #1 Account recovered.');

    expect(await stats(w, 'stats 7')).toEqual({
      Opened: '1',
      Resolved: '1',
      'Still open': '0',
      'By severity': 'SEV2: 1',
      'Median time to the first public statement': 'no statement was published',
      'Median time to resolution': '45 min (incidents counted: 1)',
    });
  });

  test('GIVEN only a drill in the period WHEN stats are asked in French THEN the card says nothing was opened, in French', async () => {
    const w = world();
    await stored(w, 1, { daysAgo: 1, severity: 1, resolvedAfter: 10, drill: true });

    const reply = await w.command({ ...ana, locale: 'fr' }, 'stats');

    expect(reply.cards[0]?.title).toBe('Crises des 30 derniers jours');
    expect(replyText(reply)).toContain('Aucune crise n’a été ouverte sur cette période');
    expect(reply.cards[0]?.context).toContain('exercices exclus : 1');
  });

  test.each(['stats 0', 'stats soon', 'stats 30 60'])(
    'GIVEN `/crisis %s` WHEN sent THEN it explains the usage',
    async (text) => {
      const w = world();

      expect(replyText(await w.command(ana, text))).toContain('Over how many days? `/crisis stats`');
    },
  );
});
