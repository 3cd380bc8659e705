import { drillReportCard } from '../../../src/cards/drill';
import { defaultReminderPolicy } from '../../../src/config/schema';
import { drillReport } from '../../../src/core/drill-report';
import { approveStatement, draftStatement, textHash } from '../../../src/core/statement';
import type { Incident, Statement } from '../../../src/core/types';
import { translator } from '../../../src/i18n';
import { builtinPlaybooksDir, loadPlaybooks } from '../../../src/playbook/loader';
import type { Playbook } from '../../../src/playbook/schema';
import { anIncident } from '../../support/fixtures';
import { textOf } from '../../support/recording-chat';
import { successOf } from '../../support/result';

/** One playbook minute is a real minute here: times read as they would in a real drill. */
const MINUTE = 60_000;
const OPENED = Date.parse('2026-11-22T09:30:00.000Z');
/** The instant `minutes` (and `seconds`) after the opening, as stored. */
const at = (minutes: number, seconds = 0) =>
  new Date(OPENED + minutes * MINUTE + seconds * 1000).toISOString();

/** Four steps due at T+0, 5, 15 and 60; two injects at T+0 and T+45. */
const clock = { steps: [{ due: 0 }, { due: 5 }, { due: 15 }, { due: 60 }], injects: [{ at: 0 }, { at: 45 }] };

function published(n: number, minutes: number): Statement {
  return {
    n,
    text: 'We were hacked…',
    authors: ['U0COMMS'],
    createdAt: at(minutes - 2),
    targets: [],
    requires: ['approver'],
    approvals: [{ by: 'U0BOSS', as: 'approver', at: at(minutes), sha256: textHash('We were hacked…') }],
    status: 'published',
    version: 1,
    checklist: { covered: [], missing: [], warnings: [] },
    publishedAt: at(minutes),
  };
}

/** A drill closed at T+40: step 1 on time, step 2 three minutes late, step 3 skipped, step 4 not due. */
function drill(overrides: Partial<Incident> = {}): Incident {
  return anIncident({
    drill: true,
    scenario: 'buffer-2013',
    status: 'resolved',
    resolvedAt: at(40),
    steps: [
      { state: 'done', by: 'U0LEAD', at: at(0, 30) },
      { state: 'done', by: 'U0SME', at: at(8, 10) },
      { state: 'skipped', by: 'U0LEAD', at: at(20), reason: 'no access to the scheduler' },
      { state: 'open' },
    ],
    reminders: { 'inject-0': { nags: 1, lastAt: at(0) } },
    ...overrides,
  });
}

describe('drillReport', () => {
  test('GIVEN a drill closed at T+40 WHEN reported THEN each step is on time, late by its minutes, skipped with its reason, or not due yet', () => {
    const report = drillReport(drill(), clock, MINUTE);

    expect(report.duration).toBe(40);
    expect(report.steps).toEqual([
      { step: 0, outcome: 'on-time', due: 0, at: 0 },
      { step: 1, outcome: 'late', due: 5, at: 8, late: 3 },
      { step: 2, outcome: 'skipped', due: 15, at: 20, reason: 'no access to the scheduler' },
      { step: 3, outcome: 'not-due', due: 60 },
    ]);
    expect(report.tally).toEqual({ 'on-time': 1, late: 1, skipped: 1, never: 0, 'not-due': 1 });
  });

  test('GIVEN a step still open whose due minute had passed when the drill closed THEN it was never done', () => {
    const report = drillReport(drill({ resolvedAt: at(75) }), clock, MINUTE);

    expect(report.steps[3]).toEqual({ step: 3, outcome: 'never', due: 60 });
    expect(report.tally.never).toBe(1);
  });

  test('GIVEN a step done within its due minute (T+5 min 59 s for T+5) THEN it is on time; at T+6 it is one minute late', () => {
    const steps = drill().steps.map((s, i) => (i === 1 ? { ...s, at: at(5, 59) } : s));
    expect(drillReport(drill({ steps }), clock, MINUTE).steps[1]).toMatchObject({ outcome: 'on-time' });

    const late = steps.map((s, i) => (i === 1 ? { ...s, at: at(6) } : s));
    expect(drillReport(drill({ steps: late }), clock, MINUTE).steps[1]).toMatchObject({
      outcome: 'late',
      late: 1,
    });
  });

  test('GIVEN a SEV1 drill whose first statement came at T+22 THEN it is 7 minutes past the 15-minute target', () => {
    const report = drillReport(
      drill({ statements: [published(1, 22), published(2, 35), { ...published(3, 30), status: 'pending' }] }),
      clock,
      MINUTE,
    );

    expect(report.statements).toEqual({ drafted: 3, published: 2, firstAt: 22, target: 15, late: 7 });
  });

  test('GIVEN a SEV2 drill whose first statement came at T+40 THEN it is within the 60-minute target', () => {
    const report = drillReport(drill({ severity: 2, statements: [published(1, 40)] }), clock, MINUTE);

    expect(report.statements).toMatchObject({ firstAt: 40, target: 60, late: 0 });
  });

  test('GIVEN a SEV3 drill or one without a statement THEN there is no target, or no first statement', () => {
    expect(
      drillReport(drill({ severity: 3, statements: [published(1, 40)] }), clock, MINUTE).statements,
    ).toMatchObject({
      firstAt: 40,
      target: null,
      late: null,
    });
    expect(drillReport(drill(), clock, MINUTE).statements).toMatchObject({
      published: 0,
      firstAt: null,
      target: 15,
    });
  });

  test('GIVEN two injects of which one was posted THEN the report counts one of two', () => {
    expect(drillReport(drill(), clock, MINUTE).injects).toEqual({ count: 2, posted: 1 });
    expect(drillReport(drill(), { steps: clock.steps }, MINUTE).injects).toEqual({ count: 0, posted: 0 });
  });

  test('GIVEN questions from the public, one answered THEN the report counts both', () => {
    const questions = [
      { n: 1, text: 'Were our passwords leaked?', askedBy: 'U0SL', askedAt: at(45) },
      {
        n: 2,
        text: 'Is it you?',
        askedBy: 'U0SL',
        askedAt: at(15),
        answer: { text: 'Yes, we are on it', by: 'U0CL', at: at(18) },
      },
    ];
    expect(drillReport(drill({ questions }), clock, MINUTE).questions).toEqual({ asked: 2, answered: 1 });
  });
});

describe('a step done by publishing', () => {
  test('GIVEN step 3 asks for a statement WHEN its statement is published at T+12 THEN the report counts step 3 done on time at T+12; published at T+17 it is 2 minutes late', () => {
    const report = (published: number) => {
      const open = drill({
        status: 'open',
        steps: drill().steps.map((s, i) => (i === 2 ? { state: 'open' as const } : s)),
        roles: { lead: 'U0LEAD', approver: 'U0BOSS' },
      });
      const drafted = successOf(
        draftStatement(open, {
          text: 'Our account was hacked. Do not click its links.',
          by: 'U0COMMS',
          step: 2,
          targets: [],
          requires: ['approver'],
          now: new Date(at(published - 2)),
        }),
      ).incident;
      const outcome = successOf(
        approveStatement(
          drafted,
          1,
          { user: 'U0BOSS', roles: [] },
          {
            requires: ['approver'],
            configured: {},
            playbook: { steps: [] },
            policy: defaultReminderPolicy,
            minuteMs: MINUTE,
            destinations: ['room'],
          },
          new Date(at(published)),
        ),
      );
      return drillReport({ ...outcome.incident, status: 'resolved', resolvedAt: at(40) }, clock, MINUTE);
    };

    expect(report(12).steps[2]).toEqual({ step: 2, outcome: 'on-time', due: 15, at: 12 });
    expect(report(17).steps[2]).toEqual({ step: 2, outcome: 'late', due: 15, at: 17, late: 2 });
  });
});

describe('drillReportCard', () => {
  let playbook: Playbook;

  beforeAll(async () => {
    const loaded = await loadPlaybooks([builtinPlaybooksDir]);
    const found = loaded.playbooks.find((p) => p.id === 'hacked-account');
    if (!found) throw new Error('hacked-account is not shipped');
    playbook = found;
  });

  test('GIVEN the report of a drill WHEN drawn in English THEN it names each step with its outcome, the statement target and the injects', () => {
    const steps = playbook.steps.map((s) => ({ due: s.due }));
    const incident = drill({
      steps: playbook.steps.map((_, i) =>
        i === 0
          ? { state: 'done' as const, at: at(0, 30) }
          : i === 1
            ? { state: 'done' as const, at: at(8) }
            : i === 2
              ? { state: 'skipped' as const, at: at(12), reason: 'no access' }
              : { state: 'open' as const },
      ),
      statements: [published(1, 22)],
    });
    const card = drillReportCard(
      incident,
      playbook,
      drillReport(incident, { steps, injects: clock.injects }, MINUTE),
      translator('en'),
    );
    const text = textOf(card);

    expect(card.title).toBe('📋 Drill report · #1 Hacked account posting spam');
    expect(text).toContain('✅ 1. Open the incident and take the lead: done on time at T+0 min (due T+0)');
    expect(text).toContain('⚠️ 2. Pull the kill switch: done 3 min late, at T+8 min (due T+5)');
    expect(text).toContain('↪️ 3. Archive every post we did not write: skipped at T+12 min: no access');
    expect(text).toContain('❌ 6. Publish a holding statement: never done (due T+15)');
    expect(text).toContain('⏸️ 9. Publish the full statement: not due yet when the drill ended (due T+60)');
    expect(text).toContain('First statement at T+22 min: 7 min past the SEV1 target of 15 min.');
    expect(text).toContain('1 of 2 injects arrived before the drill ended.');
    expect(card.tone).toBe('warning');
  });

  test.each([
    ['es', 'Informe del simulacro', 'hecho con 3 min de retraso'],
    ['fr', 'Bilan de l’exercice', 'faite avec 3 min de retard'],
  ] as const)(
    'GIVEN the same report WHEN drawn in %s THEN it reads in that language',
    (locale, title, late) => {
      const incident = drill();
      const card = drillReportCard(
        incident,
        playbook,
        drillReport(incident, clock, MINUTE),
        translator(locale),
      );

      expect(card.title).toContain(title);
      expect(textOf(card)).toContain(late);
    },
  );
});
