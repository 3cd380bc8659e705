import { incidentStats, median } from '../../../src/core/stats';
import type { Incident, Statement } from '../../../src/core/types';
import { anIncident } from '../../support/fixtures';

const NOW = new Date('2026-11-22T12:00:00.000Z');
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const iso = (ms: number) => new Date(ms).toISOString();

const statement = (n: number, publishedAt?: number): Statement => ({
  n,
  text: `S${n}`,
  authors: ['U0ANA'],
  createdAt: iso(NOW.getTime() - 90 * DAY),
  targets: [],
  requires: ['approver'],
  approvals: [],
  status: publishedAt === undefined ? 'pending' : 'published',
  version: 1,
  checklist: { covered: [], missing: [], warnings: [] },
  ...(publishedAt === undefined ? {} : { publishedAt: iso(publishedAt) }),
});

/** An incident opened `ago` ms before NOW, its statements published / its resolution `after` minutes in. */
function incident(
  ago: number,
  spec: Partial<Incident> & { statementsAfter?: (number | null)[]; resolvedAfter?: number } = {},
): Incident {
  const { statementsAfter = [], resolvedAfter, ...overrides } = spec;
  const opened = NOW.getTime() - ago;
  return anIncident({
    openedAt: iso(opened),
    statements: statementsAfter.map((m, i) => statement(i + 1, m === null ? undefined : opened + m * MIN)),
    ...(resolvedAfter === undefined
      ? {}
      : { status: 'resolved', resolvedAt: iso(opened + resolvedAfter * MIN) }),
    ...overrides,
  });
}

describe('median', () => {
  it.each([
    [[], null],
    [[7], 7],
    [[30, 10, 20], 20],
    [[40, 10, 30, 20], 25],
    [[5, 5, 1, 100], 5],
    [[3, 1], 2],
  ])('GIVEN %j WHEN the median is taken THEN it is %p', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it('GIVEN values WHEN the median is taken THEN they are left in their order', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('incidentStats', () => {
  it('GIVEN no incident at all WHEN computed THEN every count is 0 and the medians are unknown', () => {
    expect(incidentStats([], NOW, 30)).toEqual({
      days: 30,
      from: '2026-10-23T12:00:00.000Z',
      to: '2026-11-22T12:00:00.000Z',
      opened: 0,
      resolved: 0,
      stillOpen: 0,
      bySeverity: { sev1: 0, sev2: 0, sev3: 0, sev4: 0, unset: 0 },
      medianToFirstStatementMs: null,
      withStatement: 0,
      medianToResolutionMs: null,
      drillsExcluded: 0,
      auditsExcluded: 0,
    });
  });

  it('GIVEN incidents inside and outside the period WHEN computed THEN only those opened in it count (its first instant included)', () => {
    const stats = incidentStats(
      [
        incident(30 * DAY, { severity: 1 }),
        incident(30 * DAY + 1, { severity: 2 }),
        incident(-MIN, { severity: 3 }),
        incident(0, { severity: 4 }),
      ],
      NOW,
      30,
    );
    expect(stats.opened).toBe(2);
    expect(stats.bySeverity).toEqual({ sev1: 1, sev2: 0, sev3: 0, sev4: 1, unset: 0 });
  });

  it('GIVEN an odd number of statements and an even number of resolutions WHEN computed THEN the medians are the middle value and the mean of the two middle ones', () => {
    const stats = incidentStats(
      [
        incident(DAY, { statementsAfter: [30], resolvedAfter: 120 }),
        incident(2 * DAY, { statementsAfter: [10], resolvedAfter: 300 }),
        incident(3 * DAY, { statementsAfter: [20], severity: null }),
        incident(4 * DAY, { severity: 2 }),
      ],
      NOW,
      30,
    );
    expect(stats).toMatchObject({
      opened: 4,
      resolved: 2,
      stillOpen: 2,
      bySeverity: { sev1: 2, sev2: 1, sev3: 0, sev4: 0, unset: 1 },
      medianToFirstStatementMs: 20 * MIN,
      withStatement: 3,
      medianToResolutionMs: 210 * MIN,
    });
  });

  it('GIVEN statements drafted but not published and one published later than another WHEN computed THEN the earliest publication counts', () => {
    const stats = incidentStats([incident(DAY, { statementsAfter: [null, 45, 15] })], NOW, 30);
    expect(stats.medianToFirstStatementMs).toBe(15 * MIN);
    expect(incidentStats([incident(DAY, { statementsAfter: [null] })], NOW, 30)).toMatchObject({
      medianToFirstStatementMs: null,
      withStatement: 0,
    });
  });

  it('GIVEN drills among the incidents WHEN computed THEN they count nowhere but in drillsExcluded', () => {
    const real = incident(DAY, { statementsAfter: [40], resolvedAfter: 100, severity: 2 });
    const drills = [
      incident(DAY, { drill: true, statementsAfter: [1], resolvedAfter: 2, severity: 1 }),
      incident(2 * DAY, { drill: true, severity: 1 }),
    ];
    const oldDrill = incident(60 * DAY, { drill: true });

    expect(incidentStats([real, ...drills, oldDrill], NOW, 30)).toEqual({
      ...incidentStats([real], NOW, 30),
      drillsExcluded: 2,
    });
    expect(incidentStats(drills, NOW, 30)).toMatchObject({ opened: 0, medianToResolutionMs: null });
  });

  it('GIVEN a scheduled audit among the incidents WHEN computed THEN it counts nowhere but in auditsExcluded', () => {
    const real = incident(DAY, { statementsAfter: [40], resolvedAfter: 100, severity: 2 });
    const audit = incident(2 * DAY, { audit: true, resolvedAfter: 3 * 24 * 60, severity: 4 });

    expect(incidentStats([real, audit], NOW, 30)).toEqual({
      ...incidentStats([real], NOW, 30),
      auditsExcluded: 1,
    });
  });
});
