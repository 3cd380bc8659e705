import { postmortemMarkdown } from '../../../src/cards/postmortem';
import { summaryCard } from '../../../src/cards/summary';
import { defaultReminderPolicy } from '../../../src/config/schema';
import { deadlineState, recordAwareness } from '../../../src/core/deadline';
import { completeStep, skipStep } from '../../../src/core/incident';
import { countSent, plan, type Reminder, reminderAudience, stillWanted } from '../../../src/core/reminders';
import type { Incident, Locale } from '../../../src/core/types';
import { translator } from '../../../src/i18n';
import { anIncident } from '../../support/fixtures';
import { useShippedPlaybook } from '../../support/playbooks';
import { errorOf, successOf } from '../../support/result';

const HOUR = 3_600_000;
const OPENED = Date.parse('2026-12-07T08:00:00.000Z');
/** The team became aware at 07:30 UTC, before opening the incident at 08:00. */
const AWARE = new Date('2026-12-07T07:30:00.000Z');

describe('the GDPR deadline of the data-breach playbook, counted from awareness', () => {
  const breach = useShippedPlaybook('data-breach');
  const notify = () => breach.playbook().steps.findIndex((s) => s.id === 'notify-regulator');

  /** An open data-breach incident, every step open, the legal role held. */
  const opened = (overrides: Partial<Incident> = {}): Incident =>
    anIncident({
      playbook: 'data-breach',
      steps: breach.playbook().steps.map(() => ({ state: 'open' as const })),
      roles: { lead: 'U0LEAD', legal: 'U0LEGAL' },
      openedAt: new Date(OPENED).toISOString(),
      updatedAt: new Date(OPENED).toISOString(),
      ...overrides,
    });
  const aware = (incident: Incident, at: Date = AWARE, by = 'U0LEGAL') =>
    successOf(recordAwareness(incident, breach.playbook(), { at, note: '' }, by, new Date(OPENED + 60_000)))
      .incident;

  /** The deadline's reminders the incident wants, as hours after awareness. */
  const deadlineHours = (incident: Incident, minuteMs = 60_000): number[] =>
    plan(incident, breach.playbook(), defaultReminderPolicy, minuteMs, OPENED)
      .filter((r) => r.kind === 'deadline')
      .map((r) => (r.dueAt - Date.parse(incident.awareness?.at ?? '')) / (60 * minuteMs));

  test('GIVEN awareness recorded WHEN the reminders are planned THEN they come 48, 60 and 70 hours after it, for the step that notifies the authority, to its owner (legal)', () => {
    const incident = aware(opened());
    expect(deadlineHours(incident)).toEqual([48, 60, 70]);
    const first = plan(incident, breach.playbook(), defaultReminderPolicy, 60_000, OPENED).find(
      (r) => r.kind === 'deadline',
    );
    expect(first).toEqual({
      kind: 'deadline',
      step: notify(),
      attempt: 1,
      dueAt: AWARE.getTime() + 48 * HOUR,
    });
    expect(reminderAudience(incident, breach.playbook(), first as Reminder)).toBe('U0LEGAL');
    // In playbook minutes: a test-sized minute scales the hours too.
    expect(deadlineHours(incident, 40)).toEqual([48, 60, 70]);
  });

  test('GIVEN no awareness recorded WHEN planned THEN no deadline reminder: the clock has not started', () => {
    expect(deadlineHours(opened())).toEqual([]);
  });

  test('GIVEN the 48-hour reminder sent WHEN planned again THEN the 60 and 70-hour ones are left, and the sent one is no longer wanted', () => {
    const incident = aware(opened());
    const first: Reminder = {
      kind: 'deadline',
      step: notify(),
      attempt: 1,
      dueAt: AWARE.getTime() + 48 * HOUR,
    };
    const sent = countSent(incident, first, new Date(first.dueAt)).incident;
    expect(deadlineHours(sent)).toEqual([60, 70]);
    expect(stillWanted(sent, breach.playbook(), defaultReminderPolicy, 60_000, first)).toBe(false);
  });

  test('GIVEN the authority notified, the step skipped or the incident closed WHEN planned THEN no deadline reminder', () => {
    const incident = aware(opened());
    const done = successOf(
      completeStep(incident, breach.playbook(), notify(), 'U0LEGAL', new Date(OPENED + HOUR)),
    );
    expect(deadlineHours(done.incident)).toEqual([]);
    const skipped = successOf(skipStep(incident, notify(), 'no risk to people', 'U0LEGAL', new Date(OPENED)));
    expect(deadlineHours(skipped.incident)).toEqual([]);
    expect(deadlineHours({ ...incident, status: 'resolved' })).toEqual([]);
  });

  test('GIVEN awareness corrected to later, after the 48-hour reminder was sent WHEN planned THEN every reminder counts from the new moment, the 48-hour one again', () => {
    const incident = aware(opened());
    const first: Reminder = {
      kind: 'deadline',
      step: notify(),
      attempt: 1,
      dueAt: AWARE.getTime() + 48 * HOUR,
    };
    const sent = countSent(incident, first, new Date(first.dueAt)).incident;
    const later = new Date(AWARE.getTime() + 10 * HOUR);
    const corrected = successOf(
      recordAwareness(
        sent,
        breach.playbook(),
        { at: later, note: '' },
        'U0LEGAL',
        new Date(first.dueAt + HOUR),
      ),
    );
    expect(deadlineHours(corrected.incident)).toEqual([48, 60, 70]);
    expect(corrected.events).toEqual([
      expect.objectContaining({ kind: 'aware', since: later.toISOString(), previous: AWARE.toISOString() }),
    ]);
  });

  test('GIVEN awareness WHEN recorded THEN who and when are kept; the same moment again, a closed incident or a playbook without a deadline are refused', () => {
    const incident = aware(opened());
    expect(incident.awareness).toEqual({
      at: AWARE.toISOString(),
      by: 'U0LEGAL',
      recordedAt: new Date(OPENED + 60_000).toISOString(),
    });
    const again = recordAwareness(
      incident,
      breach.playbook(),
      { at: AWARE, note: '' },
      'U0A',
      new Date(OPENED),
    );
    expect(errorOf(again).key).toBe('aware.unchanged');
    const closed = recordAwareness(
      { ...opened(), status: 'resolved' },
      breach.playbook(),
      { at: AWARE, note: '' },
      'U0A',
      new Date(OPENED),
    );
    expect(errorOf(closed).key).toBe('incident.closed');
    const hacked = { id: 'hacked-account', steps: [{ id: 'open' }] };
    expect(
      errorOf(recordAwareness(opened(), hacked, { at: AWARE, note: '' }, 'U0A', new Date(OPENED))),
    ).toEqual({
      key: 'aware.noDeadline',
      params: { playbook: 'hacked-account' },
    });
  });

  test('GIVEN the deadline WHEN the time passes THEN it is running, then overdue; once the step is done, met', () => {
    const incident = aware(opened());
    const due = AWARE.getTime() + 72 * HOUR;
    expect(deadlineState(incident, breach.playbook(), 60_000, due - HOUR)).toMatchObject({
      state: 'running',
      leftMs: HOUR,
    });
    expect(deadlineState(incident, breach.playbook(), 60_000, due + 2 * HOUR)).toMatchObject({
      state: 'overdue',
      lateMs: 2 * HOUR,
    });
    const done = successOf(
      completeStep(incident, breach.playbook(), notify(), 'U0LEGAL', new Date(AWARE.getTime() + 30 * HOUR)),
    );
    expect(deadlineState(done.incident, breach.playbook(), 60_000, due + 2 * HOUR)).toMatchObject({
      state: 'met',
    });
  });

  describe('the countdown on the pinned summary', () => {
    const line = (incident: Incident, now: number, locale: Locale = 'en', zone = 'UTC') => {
      const card = summaryCard(
        { ...incident, locale },
        breach.playbook(),
        translator(locale, zone),
        (u) => `@${u}`,
        { now, minuteMs: 60_000 },
      );
      return card.fields?.find((f) => f.label === breach.playbook().deadline?.name[locale]);
    };

    test('GIVEN no awareness recorded WHEN the summary is drawn THEN it says the clock has not started and how to start it, in three languages', () => {
      expect(line(opened(), OPENED)?.value).toBe(
        'Clock not started: record when we became aware with `/crisis aware <time>`.',
      );
      expect(line(opened(), OPENED, 'es')?.value).toContain('`/crisis aware <hora>`');
      expect(line(opened(), OPENED, 'fr')?.value).toContain('`/crisis aware <heure>`');
    });

    test('GIVEN awareness at 07:30 WHEN drawn 31 hours later THEN it counts down the hours left to the due time, as of the drawing, in the team’s zone', () => {
      const now = AWARE.getTime() + 31 * HOUR;
      expect(line(aware(opened()), now)).toEqual({
        label: 'GDPR notification to the authority',
        value: 'Due 10 Dec 2026 07:30 UTC: 41 h left at 14:30 UTC. Aware since 7 Dec 2026 07:30 UTC.',
      });
      expect(line(aware(opened()), now, 'es', 'Europe/Madrid')?.value).toBe(
        'Vence el 10 dic 2026 08:30 UTC+1: quedan 41 h a las 15:30 UTC+1. Tuvimos constancia el 7 dic 2026 08:30 UTC+1.',
      );
      expect(line(aware(opened()), now, 'fr')?.value).toContain('il reste 41 h');
    });

    test('GIVEN the 72 hours passed WHEN drawn THEN overdue; once the authority is notified, met and how long it took', () => {
      const incident = aware(opened());
      expect(line(incident, AWARE.getTime() + 75 * HOUR)?.value).toBe(
        'Overdue: it was due 10 Dec 2026 07:30 UTC, 3 h ago at 10:30 UTC. Do it now and record why it is late.',
      );
      const done = successOf(
        completeStep(incident, breach.playbook(), notify(), 'U0LEGAL', new Date(AWARE.getTime() + 30 * HOUR)),
      );
      expect(line(done.incident, AWARE.getTime() + 75 * HOUR)?.value).toBe(
        `Met: step ${notify() + 1} done 8 Dec 2026 13:30 UTC, 30 h after we became aware.`,
      );
    });

    test('GIVEN a playbook without a deadline WHEN drawn THEN no such line', () => {
      const hacked = { ...breach.playbook(), deadline: undefined };
      const card = summaryCard(opened(), hacked, translator('en'), (u) => u, {
        now: OPENED,
        minuteMs: 60_000,
      });
      expect(card.fields?.some((f) => f.value.includes('/crisis aware'))).toBe(false);
    });
  });

  describe('the postmortem', () => {
    const summaryLine = (incident: Incident, locale: Locale = 'en') =>
      postmortemMarkdown({
        incident: { ...incident, locale },
        timeline: [],
        playbook: breach.playbook(),
        policy: defaultReminderPolicy,
        minuteMs: 60_000,
        t: translator(locale),
        person: (u) => `@${u}`,
      })
        .split('\n')
        .find((line) => line.includes(breach.playbook().deadline?.name[locale] ?? '?'));

    test('GIVEN the authority notified 30 h after awareness WHEN the postmortem is written THEN it says when we became aware, who recorded it and that the deadline was met in 30 h', () => {
      const done = successOf(
        completeStep(
          aware(opened()),
          breach.playbook(),
          notify(),
          'U0LEGAL',
          new Date(AWARE.getTime() + 30 * HOUR),
        ),
      );
      expect(summaryLine(done.incident)).toBe(
        `- **GDPR notification to the authority:** Aware 7 Dec 2026 07:30 UTC (recorded by @U0LEGAL); met: step ${notify() + 1} done 8 Dec 2026 13:30 UTC, 30 h after we became aware.`,
      );
    });

    test('GIVEN awareness never recorded WHEN the postmortem is written THEN it says so, in three languages', () => {
      expect(summaryLine(opened())).toContain('When we became aware was never recorded');
      expect(summaryLine(opened(), 'es')).toContain('Nunca se registró cuándo tuvimos constancia');
      expect(summaryLine(opened(), 'fr')).toContain('La prise de connaissance n’a jamais été consignée');
    });
  });
});
