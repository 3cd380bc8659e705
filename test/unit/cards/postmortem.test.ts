import fc from 'fast-check';
import { cell, checklistSummary, incidentMetrics, postmortemMarkdown } from '../../../src/cards/postmortem';
import { defaultReminderPolicy } from '../../../src/config/schema';
import type { ReminderPolicy } from '../../../src/core/reminders';
import { textHash } from '../../../src/core/statement';
import {
  CHECKLIST_ITEMS,
  CHECKLIST_WARNINGS,
  type ChecklistItem,
  type Incident,
  LOCALES,
  type Locale,
  ROLES,
  type Severity,
  type Statement,
  type TimelineEntry,
} from '../../../src/core/types';
import { translator } from '../../../src/i18n';
import type { Playbook } from '../../../src/playbook/schema';
import { anIncident } from '../../support/fixtures';

/**
 * A scripted SEV2 → SEV1 crisis that runs past midnight: opened 2026-11-22 23:40 UTC, resolved
 * 2026-11-23 02:05 UTC. Times below are written as `d22('23:40')` / `d23('00:10')` so the dates read.
 */
const d22 = (hhmm: string) => `2026-11-22T${hhmm}:00.000Z`;
const d23 = (hhmm: string) => `2026-11-23T${hhmm}:00.000Z`;
const MINUTE = 60_000;

// The calma.yaml defaults: SEV1 every 20 min, SEV2 every 30; after 120 min the interval doubles.
const policy: ReminderPolicy = defaultReminderPolicy;

const text = (en: string, es: string, fr: string) => ({ en, es, fr });

const playbook: Playbook = {
  id: 'hacked-account',
  title: text('Hacked account', 'Cuenta hackeada', 'Compte piraté'),
  description: text('An account posts what we did not write.', 'Una cuenta publica…', 'Un compte publie…'),
  severity: 1,
  kind: 'crisis',
  private: false,
  codename: false,
  posture: {
    cluster: 'victim',
    strategies: ['instruct', 'apology'],
    why: text('Why.', 'Por qué.', 'Pourquoi.'),
  },
  roles: ['lead', 'comms', 'approver', 'support'],
  rules: [],
  steps: [
    {
      id: 'kill-switch',
      title: text('Pause all scheduled posts', 'Pausa todas las publicaciones', 'Suspendez les publications'),
      role: 'lead',
      due: 0,
      what: text('Pause.', 'Pausa.', 'Suspendez.'),
      approval: [],
    },
    {
      id: 'holding',
      title: text(
        'Post a holding statement',
        'Publica un comunicado de espera',
        'Publiez un message d’attente',
      ),
      role: 'comms',
      due: 15,
      what: text('Hold.', 'Espera.', 'Attendez.'),
      approval: [],
    },
    {
      id: 'dm-affected',
      title: text('Reply privately to affected users', 'Responde en privado', 'Répondez en privé'),
      role: 'support',
      due: 30,
      what: text('Reply.', 'Responde.', 'Répondez.'),
      approval: [],
    },
    {
      id: 'root-cause',
      title: text('Publish the root cause', 'Publica la causa', 'Publiez la cause'),
      role: 'comms',
      due: 120,
      what: text('Explain.', 'Explica.', 'Expliquez.'),
      approval: [],
    },
  ],
};

const checklist = (covered: ChecklistItem[], warnings: Statement['checklist']['warnings'] = []) => ({
  covered,
  missing: CHECKLIST_ITEMS.filter((item) => !covered.includes(item)),
  warnings,
});

const S1_TEXT = 'We are sorry: our account posted spam.\nWe paused all posts while we fix it.';
const S2_TEXT = 'Update: passwords were not affected. Next update at 01:10 UTC.';
const statements: Statement[] = [
  {
    n: 1,
    text: S1_TEXT,
    authors: ['U0BOB'],
    createdAt: d22('23:58'),
    targets: ['status-page'],
    requires: ['approver'],
    approvals: [{ by: 'U0CARA', as: 'approver', at: d23('00:10'), sha256: textHash(S1_TEXT) }],
    status: 'published',
    version: 1,
    checklist: checklist(['apology', 'empathy', 'actions']),
    publishedAt: d23('00:10'),
    deliveries: {
      room: { state: 'delivered', at: d23('00:10') },
      'target:status-page': { state: 'failed', at: d23('00:11'), error: 'HTTP 502' },
    },
  },
  {
    n: 2,
    text: S2_TEXT,
    authors: ['U0BOB', 'U0ANA'],
    createdAt: d23('00:40'),
    editedAt: d23('00:45'),
    targets: [],
    requires: ['approver'],
    approvals: [{ by: 'U0CARA', as: 'approver', at: d23('00:50'), sha256: textHash(S2_TEXT) }],
    status: 'published',
    version: 2,
    checklist: checklist(
      CHECKLIST_ITEMS.filter((item) => item !== 'next-update'),
      [{ kind: 'blame', excerpt: 'our vendor' }],
    ),
    publishedAt: d23('00:50'),
    nextUpdateAt: d23('01:10'),
    deliveries: { room: { state: 'delivered', at: d23('00:50') } },
  },
  {
    n: 3,
    text: 'Root cause: a compromised scheduling tool.',
    authors: ['U0BOB'],
    createdAt: d23('01:30'),
    targets: [],
    requires: ['approver'],
    approvals: [],
    status: 'pending',
    version: 1,
    checklist: checklist(['what-happened', 'actions']),
  },
];

const scripted: Incident = anIncident({
  seq: 7,
  title: 'Hacked account posting spam',
  playbook: 'hacked-account',
  severity: 1,
  status: 'resolved',
  roles: { lead: 'U0ANA', comms: 'U0BOB', approver: 'U0CARA' },
  steps: [
    { state: 'done', by: 'U0ANA', at: d22('23:45') },
    { state: 'done', by: 'U0BOB', at: d23('00:12') },
    { state: 'skipped', by: 'U0ANA', at: d23('00:25'), reason: 'No private channel | DMs closed' },
    { state: 'open' },
  ],
  statements,
  questions: [
    {
      n: 1,
      text: 'Were our passwords leaked?',
      askedBy: 'U0DAN',
      askedAt: d23('00:20'),
      answer: { text: 'S2', by: 'U0BOB', at: d23('00:52'), statement: 2 },
    },
    { n: 2, text: 'Will you refund the ads?', askedBy: 'U0DAN', askedAt: d23('01:00') },
  ],
  openedBy: 'U0ANA',
  openedAt: d22('23:40'),
  updatedAt: d23('02:05'),
  resolvedAt: d23('02:05'),
  resolution: 'Access restored and tokens rotated.\nScheduled posts resumed.',
});

const spam = 'Lose weight fast | click here\nlimited offer';

const timeline: TimelineEntry[] = [
  {
    kind: 'opened',
    title: scripted.title,
    playbook: 'hacked-account',
    severity: 2,
    drill: false,
    at: d22('23:40'),
    by: 'U0ANA',
  },
  // Written with the opening (the lead named in the open form): not an acknowledgement.
  { kind: 'role', role: 'lead', user: 'U0ANA', at: d22('23:40'), by: 'U0ANA' },
  { kind: 'room', room: 'C0ROOM', name: 'crisis-7-hacked-account', at: d22('23:40'), by: 'calma' },
  { kind: 'step-done', step: 0, at: d22('23:45'), by: 'U0ANA' },
  { kind: 'role', role: 'comms', user: 'U0BOB', at: d22('23:46'), by: 'U0ANA' },
  { kind: 'role', role: 'approver', user: 'U0CARA', at: d22('23:47'), by: 'U0ANA' },
  { kind: 'severity', from: 2, to: 1, at: d22('23:55'), by: 'U0ANA' },
  {
    kind: 'statement-drafted',
    n: 1,
    missing: checklist(['apology', 'empathy', 'actions']).missing,
    warnings: [],
    at: d22('23:58'),
    by: 'U0BOB',
  },
  {
    kind: 'captured',
    message: {
      author: 'U0MALLORY',
      text: spam,
      postedAt: d22('23:38'),
      link: 'https://chat.example/archives/C1/p123',
    },
    at: d23('00:05'),
    by: 'U0FAY',
  },
  { kind: 'statement-approved', n: 1, as: 'approver', at: d23('00:10'), by: 'U0CARA' },
  { kind: 'statement-published', n: 1, at: d23('00:10'), by: 'U0CARA' },
  { kind: 'statement-delivered', n: 1, destination: 'room', at: d23('00:10'), by: 'calma' },
  {
    kind: 'statement-delivery-failed',
    n: 1,
    destination: 'target:status-page',
    error: 'HTTP 502',
    at: d23('00:11'),
    by: 'calma',
  },
  { kind: 'step-done', step: 1, at: d23('00:12'), by: 'U0BOB' },
  { kind: 'question', n: 1, text: 'Were our passwords leaked?', at: d23('00:20'), by: 'U0DAN' },
  { kind: 'step-skipped', step: 2, reason: 'No private channel | DMs closed', at: d23('00:25'), by: 'U0ANA' },
  {
    kind: 'statement-drafted',
    n: 2,
    missing: ['next-update'],
    warnings: ['blame'],
    at: d23('00:40'),
    by: 'U0BOB',
  },
  {
    kind: 'statement-edited',
    n: 2,
    missing: ['next-update'],
    warnings: ['blame'],
    at: d23('00:45'),
    by: 'U0ANA',
  },
  { kind: 'statement-approved', n: 2, as: 'approver', at: d23('00:50'), by: 'U0CARA' },
  { kind: 'statement-published', n: 2, nextUpdateAt: d23('01:10'), at: d23('00:50'), by: 'U0CARA' },
  { kind: 'statement-delivered', n: 2, destination: 'room', at: d23('00:50'), by: 'calma' },
  { kind: 'question-answered', n: 1, text: 'S2', statement: 2, at: d23('00:52'), by: 'U0BOB' },
  { kind: 'question', n: 2, text: 'Will you refund the ads?', at: d23('01:00'), by: 'U0DAN' },
  { kind: 'statement-drafted', n: 3, missing: [], warnings: [], at: d23('01:30'), by: 'U0BOB' },
  {
    kind: 'evidence',
    url: 'https://x.com/acme/status/123',
    note: 'attacker post',
    at: d23('01:40'),
    by: 'U0FAY',
  },
  {
    kind: 'closed',
    resolution: 'Access restored and tokens rotated.\nScheduled posts resumed.',
    finalUpdate: false,
    at: d23('02:05'),
    by: 'U0ANA',
  },
];

const person = (id: string) => `@${id}`;

const render = (locale: Locale, incident: Incident = scripted, entries: TimelineEntry[] = timeline) =>
  postmortemMarkdown({
    incident: { ...incident, locale },
    timeline: entries,
    playbook,
    policy,
    minuteMs: MINUTE,
    t: translator(locale),
    person,
  });

const headings = (markdown: string) => markdown.split('\n').filter((line) => /^#{1,6} /.test(line));

/** The lines of a section, from its `## ` heading to the next one. */
function sectionOf(markdown: string, heading: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(`## ${heading}`);
  if (start === -1) throw new Error(`no section "${heading}"`);
  const end = lines.findIndex((line, i) => i > start && line.startsWith('## '));
  return lines.slice(start + 1, end === -1 ? undefined : end);
}

/** The pipes of a Markdown table row that separate cells (a pipe after a backslash escape does not). */
const separators = (row: string) => [...row.matchAll(/\\.|\|/g)].filter((m) => m[0] === '|').length;

const tableRows = (markdown: string, heading: string) =>
  sectionOf(markdown, heading).filter((line) => line.startsWith('|'));

const EN_HEADINGS = [
  '# Postmortem: #7 Hacked account posting spam',
  '## Summary',
  '## Severity history',
  '## Roles',
  '## Timeline',
  '## Playbook steps',
  '### Done',
  '### Skipped',
  '### Never reached',
  '## Public statements',
  '### Statement S1: published',
  '### Statement S2: published',
  '### Statement S3: waiting for approval',
  '## Questions from the public',
  '### Answered',
  '### Unanswered',
  '## Evidence',
  '## Metrics',
  '## What went well',
  '## What went badly',
  '## What the drills did not foresee',
  '## Follow-up actions',
];

describe('incidentMetrics', () => {
  it('GIVEN the scripted multi-day incident WHEN measured THEN every number is the one worked out by hand', () => {
    // Opened 23:40 at SEV2; SEV1 from 23:55.
    // - acknowledgement: the lead and the room at 23:40 come with the opening; the first later action by
    //   a person is step 1 done at 23:45 → 5 min.
    // - first statement: S1 published 00:10 → 30 min.
    // - resolution: 02:05 − 23:40 → 2 h 25 min = 145 min.
    // - S1 at 00:10: anchor = opening 23:40 at SEV2 (30 min) → due 00:10 → on time (not after it).
    // - S2 at 00:50: anchor = S1 00:10, SEV1 by then (20 min); 00:10 is before the long mark
    //   (23:40 + 120 min = 01:40) → due 00:30 → 20 min late.
    // - close at 02:05: anchor = S2 00:50 at SEV1, before 01:40 → next due 01:10 → overran.
    expect(incidentMetrics(scripted, timeline, playbook, policy, MINUTE)).toEqual({
      timeToAcknowledge: 5,
      timeToFirstStatement: 30,
      timeToResolution: 145,
      updates: 2,
      lateUpdates: 1,
      maxLateMinutes: 20,
      totalLateMinutes: 20,
      missedAtClose: true,
    });
  });

  it('GIVEN the same incident at a test-sized minute WHEN measured THEN the numbers are in playbook minutes', () => {
    const minuteMs = 50;
    // Every instant at `n` playbook minutes after opening becomes opened + n·50 ms.
    const scale = (iso: string) =>
      new Date(
        Date.parse(scripted.openedAt) +
          ((Date.parse(iso) - Date.parse(scripted.openedAt)) / MINUTE) * minuteMs,
      ).toISOString();
    const scaled = timeline.map((e) => ({ ...e, at: scale(e.at) }));
    const incident = { ...scripted, resolvedAt: scale(d23('02:05')) };

    expect(incidentMetrics(incident, scaled, playbook, policy, minuteMs)).toMatchObject({
      timeToAcknowledge: 5,
      timeToFirstStatement: 30,
      timeToResolution: 145,
      lateUpdates: 1,
      maxLateMinutes: 20,
      missedAtClose: true,
    });
  });

  it('GIVEN an open incident where only calma acted WHEN measured THEN what does not apply is null', () => {
    const incident = { ...scripted, status: 'open' as const, resolvedAt: undefined };
    const quiet = timeline.filter((e) => e.kind === 'opened' || e.kind === 'room' || e.by === 'calma');

    expect(incidentMetrics(incident, quiet, playbook, policy, MINUTE)).toEqual({
      timeToAcknowledge: null,
      timeToFirstStatement: null,
      timeToResolution: null,
      updates: 0,
      lateUpdates: 0,
      maxLateMinutes: 0,
      totalLateMinutes: 0,
      missedAtClose: null,
    });
  });

  it('GIVEN updates after the long mark WHEN measured THEN the slowed cadence applies, as in the reminders', () => {
    // SEV1 from the start (20 min). Updates at +130 and +165: the first is 110 min late (due +20); the
    // second's anchor (+130) is past the long mark (+120), so it is due 40 min later (+170): on time.
    const at = (n: number) => new Date(Date.parse(d22('23:40')) + n * MINUTE).toISOString();
    const entries: TimelineEntry[] = [
      {
        kind: 'opened',
        title: 't',
        playbook: 'hacked-account',
        severity: 1,
        drill: false,
        at: at(0),
        by: 'U0ANA',
      },
      { kind: 'statement-published', n: 1, at: at(130), by: 'U0CARA' },
      { kind: 'statement-published', n: 2, at: at(165), by: 'U0CARA' },
    ];
    const incident = { ...scripted, severity: 1 as const, resolvedAt: at(200) };

    expect(incidentMetrics(incident, entries, playbook, policy, MINUTE)).toMatchObject({
      updates: 2,
      lateUpdates: 1,
      maxLateMinutes: 110,
      totalLateMinutes: 110,
      // Anchor +165, past the mark: due +205, closed at +200.
      missedAtClose: false,
    });
  });

  it('GIVEN a playbook cadence override WHEN measured THEN it replaces the policy cadence', () => {
    // SEV2 stays; the playbook says 45 min instead of 30: S1 at +30 and S2 at +70 are both on time.
    const at = (n: number) => new Date(Date.parse(d22('23:40')) + n * MINUTE).toISOString();
    const entries: TimelineEntry[] = [
      {
        kind: 'opened',
        title: 't',
        playbook: 'hacked-account',
        severity: 2,
        drill: false,
        at: at(0),
        by: 'U0ANA',
      },
      { kind: 'statement-published', n: 1, at: at(30), by: 'U0CARA' },
      { kind: 'statement-published', n: 2, at: at(70), by: 'U0CARA' },
    ];
    const incident = { ...scripted, severity: 2 as const, resolvedAt: at(100) };
    const slower = { ...playbook, cadence: { sev2: 45 } };

    expect(incidentMetrics(incident, entries, slower, policy, MINUTE)).toMatchObject({
      lateUpdates: 0,
      missedAtClose: false,
    });
    expect(incidentMetrics(incident, entries, playbook, policy, MINUTE)).toMatchObject({
      lateUpdates: 1,
      maxLateMinutes: 10,
      missedAtClose: false,
    });
  });
});

describe('postmortemMarkdown', () => {
  const en = render('en');

  it('GIVEN the scripted incident WHEN rendered in English THEN every section heading is there, in order', () => {
    expect(headings(en)).toEqual(EN_HEADINGS);
  });

  it('GIVEN the scripted incident WHEN rendered THEN it shows the timeline chart attached beside it, captioned in its language', () => {
    expect(render('en')).toContain('\n![Timeline chart](timeline.svg)\n');
    expect(render('fr')).toContain('\n![Graphique de la chronologie](timeline.svg)\n');
  });

  it('GIVEN an incident past midnight WHEN rendered THEN every time carries its date', () => {
    expect(sectionOf(en, 'Severity history')).toEqual([
      '',
      '- 22 Nov 2026 23:40 UTC · SEV2 at opening',
      '- 22 Nov 2026 23:55 UTC · SEV2 → SEV1, by @U0ANA',
      '',
    ]);
    expect(en).toContain('| 22 Nov 2026 23:55 UTC | @U0ANA | severity SEV2 → SEV1 |');
    expect(en).toContain(
      '| 23 Nov 2026 00:50 UTC | @U0CARA | statement S2 published; next update due 23 Nov 2026 01:10 UTC |',
    );
    const body = tableRows(en, 'Timeline').slice(2);
    expect(body).toHaveLength(timeline.length);
    for (const row of body) expect(row).toMatch(/^\| 2[23] Nov 2026 \d\d:\d\d UTC \| /);
  });

  it('GIVEN the scripted incident WHEN rendered THEN the summary says what, when, by whom and how it ended', () => {
    expect(sectionOf(en, 'Summary').join('\n')).toBe(
      [
        '',
        '- **Playbook:** Hacked account (`hacked-account`)',
        '- **Final severity:** SEV1',
        '- **Opened:** 22 Nov 2026 23:40 UTC by @U0ANA',
        '- **Resolved:** 23 Nov 2026 02:05 UTC by @U0ANA',
        '- **Duration:** 2 h 25 min',
        '- **Final public update:** no',
        '',
        '**Resolution:**',
        '',
        '> Access restored and tokens rotated.',
        '> Scheduled posts resumed.',
        '',
      ].join('\n'),
    );
  });

  it('GIVEN roles named during the crisis WHEN rendered THEN each playbook role shows its holder or nobody', () => {
    expect(sectionOf(en, 'Roles')).toEqual([
      '',
      '- **incident lead:** @U0ANA, since 22 Nov 2026 23:40 UTC',
      '- **comms lead:** @U0BOB, since 22 Nov 2026 23:46 UTC',
      '- **approver:** @U0CARA, since 22 Nov 2026 23:47 UTC',
      '- **support / moderation:** nobody',
      '',
    ]);
  });

  it('GIVEN steps done, skipped and open WHEN rendered THEN each list names who, when and why', () => {
    expect(sectionOf(en, 'Playbook steps').join('\n')).toBe(
      [
        '',
        '### Done',
        '',
        '- 1. Pause all scheduled posts: done 22 Nov 2026 23:45 UTC by @U0ANA',
        '- 2. Post a holding statement: done 23 Nov 2026 00:12 UTC by @U0BOB',
        '',
        '### Skipped',
        '',
        '- 3. Reply privately to affected users: skipped 23 Nov 2026 00:25 UTC by @U0ANA. Reason: No private channel | DMs closed',
        '',
        '### Never reached',
        '',
        '- 4. Publish the root cause (comms lead: @U0BOB; due 120 min after opening)',
        '',
      ].join('\n'),
    );
  });

  it('GIVEN step 2 done by publishing S1 WHEN rendered in each language THEN the step says so, and so does the timeline', () => {
    const steps = scripted.steps.map((s, i) =>
      i === 1 ? { state: 'done' as const, by: 'U0CARA', at: d23('00:10') } : s,
    );
    const entries = timeline.map((e) =>
      e.kind === 'step-done' && e.step === 1 ? { ...e, statement: 1, by: 'U0CARA', at: d23('00:10') } : e,
    );
    const rendered = (locale: Locale) => render(locale, { ...scripted, steps }, entries);

    expect(sectionOf(rendered('en'), 'Playbook steps')).toContain(
      '- 2. Post a holding statement: done 23 Nov 2026 00:10 UTC by @U0CARA (by publishing S1)',
    );
    expect(rendered('en')).toContain('step 2 done by publishing S1');
    expect(rendered('es')).toContain('hecho el 23 nov 2026 00:10 UTC por @U0CARA (al publicar S1)');
    expect(rendered('es')).toContain('paso 2 hecho al publicar S1');
    expect(rendered('fr')).toContain('(par la publication de S1)');
    expect(rendered('fr')).toContain('étape 2 faite par la publication de S1');
  });

  it('GIVEN three statements WHEN rendered THEN each shows authors, approvers, checklist, publication and deliveries', () => {
    const s1 = en.slice(en.indexOf('### Statement S1'), en.indexOf('### Statement S2'));
    const s2 = en.slice(en.indexOf('### Statement S2'), en.indexOf('### Statement S3'));
    const s3 = en.slice(en.indexOf('### Statement S3'), en.indexOf('## Questions'));

    expect(s1).toContain('- **Written by:** @U0BOB; drafted 22 Nov 2026 23:58 UTC');
    expect(s1).toContain('- **Approved by:** @U0CARA as approver, 23 Nov 2026 00:10 UTC');
    expect(s1).toContain(
      '- **Checklist:** 3 of 11 items covered; missing: what happened, with a time; who is and is not affected; ' +
        'what people should do; what data is / is not affected; where updates are posted; ' +
        'how to ask questions, and a promise to answer; a human signature; the time of the next update',
    );
    expect(s1).toContain('- **Published:** 23 Nov 2026 00:10 UTC');
    expect(s1).toContain(
      '- **Deliveries:** the incident channel: delivered 23 Nov 2026 00:10 UTC; status-page: failed 23 Nov 2026 00:11 UTC (HTTP 502)',
    );
    expect(s1).toContain('> We are sorry: our account posted spam.\n> We paused all posts while we fix it.');

    expect(s2).toContain('- **Written by:** @U0BOB, @U0ANA; drafted 23 Nov 2026 00:40 UTC');
    expect(s2).toContain(
      '- **Checklist:** 10 of 11 items covered; missing: the time of the next update; ' +
        'to reconsider: blaming a third party (“our vendor”)',
    );
    expect(s2).toContain('- **Next update promised:** 23 Nov 2026 01:10 UTC');

    expect(s3).toContain('- **Approved by:** nobody');
    expect(s3).toContain('- **Still needs:** approver');
    expect(s3).toContain('- **Checklist:** 2 of 11 items covered; missing: an apology;');
    expect(s3).toContain('- **Published:** never published');
  });

  it('GIVEN one question answered and one not WHEN rendered THEN they are listed apart', () => {
    expect(sectionOf(en, 'Questions from the public').join('\n')).toBe(
      [
        '',
        '### Answered',
        '',
        '- Q1 “Were our passwords leaked?”, asked 23 Nov 2026 00:20 UTC by @U0DAN',
        '  - answered 23 Nov 2026 00:52 UTC by @U0BOB with statement S2',
        '',
        '### Unanswered',
        '',
        '- Q2 “Will you refund the ads?”, asked 23 Nov 2026 01:00 UTC by @U0DAN',
        '',
      ].join('\n'),
    );
  });

  it('GIVEN a captured message and an evidence link WHEN rendered THEN both are in the evidence', () => {
    expect(sectionOf(en, 'Evidence').join('\n')).toBe(
      [
        '',
        '- Message by @U0MALLORY, posted 22 Nov 2026 23:38 UTC, kept 23 Nov 2026 00:05 UTC by @U0FAY ' +
          '[link](<https://chat.example/archives/C1/p123>)',
        '',
        '  > Lose weight fast | click here',
        '  > limited offer',
        '',
        '- <https://x.com/acme/status/123>: attacker post (kept 23 Nov 2026 01:40 UTC by @U0FAY)',
        '',
      ].join('\n'),
    );
  });

  it('GIVEN the scripted metrics WHEN rendered THEN they read as durations', () => {
    const metrics = sectionOf(en, 'Metrics');
    expect(metrics.slice(0, 8)).toEqual([
      '',
      '- **Time to first acknowledgement:** 5 min',
      '- **Time to first public statement:** 30 min',
      '- **Time to resolution:** 2 h 25 min',
      '- **Public updates:** 2',
      '- **Late updates:** 1 of 2 (at worst 20 min late; 20 min late in all)',
      '- **An update was overdue at closing:** yes',
      '',
    ]);
  });

  it('GIVEN the sections left to the team WHEN rendered THEN they are there, empty, with a follow-up template', () => {
    expect(sectionOf(en, 'What went well')).toEqual(['', '_For the team to write._', '']);
    expect(sectionOf(en, 'What went badly')).toEqual(['', '_For the team to write._', '']);
    expect(sectionOf(en, 'What the drills did not foresee')).toEqual(['', '_For the team to write._', '']);
    expect(sectionOf(en, 'Follow-up actions')).toEqual(['', '- [ ] … (owner: …)', '']);
  });

  it('GIVEN follow-ups on the incident WHEN rendered THEN they are listed with owners, the done ones ticked', () => {
    const markdown = render('en', {
      ...scripted,
      followups: [
        {
          n: 1,
          text: 'Rotate the scheduler API keys',
          owner: 'U0BOB',
          by: 'U0ANA',
          at: d23('02:10'),
          done: { by: 'U0BOB', at: '2026-11-24T09:00:00.000Z' },
        },
        { n: 2, text: 'Brief support\non refunds', by: 'U0ANA', at: d23('02:12') },
      ],
    });

    expect(sectionOf(markdown, 'Follow-up actions')).toEqual([
      '',
      '- [x] F1: Rotate the scheduler API keys (owner: @U0BOB); done 24 Nov 2026 09:00 UTC by @U0BOB',
      '- [ ] F2: Brief support on refunds (owner: nobody)',
      '',
    ]);
  });

  it('GIVEN pipes and line breaks in what people wrote WHEN in the timeline table THEN the cells are escaped', () => {
    expect(en).toContain(
      '| 23 Nov 2026 00:25 UTC | @U0ANA | step 3 skipped (No private channel \\| DMs closed) |',
    );
    expect(en).toContain('“Lose weight fast \\| click here<br>limited offer”');
    for (const row of tableRows(en, 'Timeline')) expect(separators(row)).toBe(4);
    expect(cell('a\\|b\nc\r\nd')).toBe('a\\\\\\|b<br>c<br>d');
  });

  it('GIVEN a drill WHEN rendered THEN the title and a note mark it as one', () => {
    const drill = render('en', { ...scripted, drill: true });

    expect(drill.split('\n')[0]).toBe('# DRILL · Postmortem: #7 Hacked account posting spam');
    expect(drill).toContain('**DRILL:** This was a practice incident, kept out of the incident statistics.');
    expect(render('es', { ...scripted, drill: true }).split('\n')[0]).toMatch(/^# SIMULACRO · /);
    expect(render('fr', { ...scripted, drill: true }).split('\n')[0]).toMatch(/^# EXERCICE · /);
  });

  it.each([
    [
      'es',
      [
        '# Análisis poscrisis: crisis #7, Hacked account posting spam',
        '## Resumen',
        '## Evolución de la gravedad',
        '## Roles y responsables',
        '## Cronología',
        '## Pasos del protocolo',
        '### Hechos',
        '### Omitidos',
        '### Nunca alcanzados',
        '## Comunicados públicos',
        '### Comunicado S1: publicado',
        '### Comunicado S2: publicado',
        '### Comunicado S3: pendiente de aprobación',
        '## Preguntas del público',
        '### Respondidas',
        '### Sin responder',
        '## Pruebas',
        '## Métricas',
        '## Qué salió bien',
        '## Qué salió mal',
        '## Qué no previeron los simulacros',
        '## Acciones de seguimiento',
      ],
    ],
    [
      'fr',
      [
        '# Retour d’expérience : crise n°7, Hacked account posting spam',
        '## Résumé',
        '## Évolution de la gravité',
        '## Rôles',
        '## Chronologie',
        '## Étapes de la procédure',
        '### Faites',
        '### Passées',
        '### Jamais atteintes',
        '## Communiqués publics',
        '### Communiqué S1 : publié',
        '### Communiqué S2 : publié',
        '### Communiqué S3 : en attente d’approbation',
        '## Questions du public',
        '### Avec réponse',
        '### Sans réponse',
        '## Preuves',
        '## Indicateurs',
        '## Ce qui a bien fonctionné',
        '## Ce qui a mal fonctionné',
        '## Ce que les exercices n’avaient pas prévu',
        '## Actions de suivi',
      ],
    ],
  ] as const)(
    'GIVEN the incident in %s WHEN rendered THEN every heading is translated',
    (locale, expected) => {
      const markdown = render(locale);

      expect(headings(markdown)).toEqual(expected);
      // Not one English heading is left (the incident's own title is the only English on the title line).
      const english = new Set(EN_HEADINGS.slice(1));
      expect(headings(markdown).filter((h) => english.has(h))).toEqual([]);
      expect(markdown).not.toMatch(/postmortem\.\w|checklist\.\w|timeline\.(?!svg\))\w/);
    },
  );

  it.each([
    [
      'es',
      '- **Tiempo hasta la resolución:** 2 h 25 min',
      ' by @',
      '22 nov 2026 23:55 UTC · SEV2 → SEV1, por @U0ANA',
    ],
    [
      'fr',
      '- **Délai de résolution :** 2 h 25 min',
      ' by @',
      '22 nov. 2026 23:55 UTC · SEV2 → SEV1, par @U0ANA',
    ],
  ] as const)(
    'GIVEN the incident in %s WHEN rendered THEN labels, values and times read in that language',
    (locale, resolution, absent, severity) => {
      const markdown = render(locale);

      expect(markdown).toContain(resolution);
      expect(markdown).toContain(severity);
      expect(markdown).not.toContain(absent);
      expect(markdown).toContain(
        checklistSummary(statements[1]?.checklist ?? checklist([]), translator(locale)),
      );
    },
  );

  it('GIVEN French WHEN labels are rendered THEN a space precedes the colon, as French typography wants', () => {
    const fr = render('fr');

    expect(fr).toContain('- **Gravité finale :** SEV1');
    expect(fr).toContain('- **Ouverte :** le 22 nov. 2026 23:40 UTC par @U0ANA');
    expect(fr).toContain('(« our vendor »)');
  });
});

describe('postmortemMarkdown with any timeline', () => {
  const users = fc.constantFrom('U0ANA', 'U0BOB', 'calma', 'U0|PIPE');
  const words = fc.string({
    unit: fc.constantFrom('a', 'Z', ' ', '|', '\\', '\n', '\r', '#', '>', '*', '`', 'é', '«', '\u2028', '<'),
    maxLength: 30,
  });
  const iso = fc
    .date({
      min: new Date('2026-11-20T00:00:00Z'),
      max: new Date('2026-11-26T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString());
  const severity = fc.constantFrom<Severity>(1, 2, 3, 4);
  const n = fc.integer({ min: 1, max: 5 });
  const role = fc.constantFrom(...ROLES);
  const event = fc.oneof(
    fc.record({
      kind: fc.constant('opened' as const),
      title: words,
      playbook: fc.constant('hacked-account'),
      severity: fc.option(severity, { nil: null }),
      drill: fc.boolean(),
    }),
    fc.record({
      kind: fc.constant('severity' as const),
      from: fc.option(severity, { nil: null }),
      to: severity,
    }),
    fc.record({ kind: fc.constant('role' as const), role, user: users }),
    fc.record({ kind: fc.constant('step-done' as const), step: fc.integer({ min: 0, max: 6 }) }),
    fc.record({
      kind: fc.constant('step-skipped' as const),
      step: fc.integer({ min: 0, max: 6 }),
      reason: words,
    }),
    fc.record({
      kind: fc.constant('step-assigned' as const),
      step: fc.integer({ min: 0, max: 6 }),
      user: users,
    }),
    fc.record({ kind: fc.constant('note' as const), text: words }),
    fc.record({ kind: fc.constant('locale' as const), locale: fc.constantFrom(...LOCALES) }),
    fc.record({ kind: fc.constant('room' as const), room: fc.constant('C1'), name: words }),
    fc.record({
      kind: fc.constant('captured' as const),
      message: fc.record(
        { author: users, text: words, postedAt: iso, link: fc.webUrl() },
        { requiredKeys: ['author', 'text', 'postedAt'] },
      ),
    }),
    fc.record(
      { kind: fc.constant('evidence' as const), url: fc.webUrl(), note: words },
      { requiredKeys: ['kind', 'url'] },
    ),
    fc.record({ kind: fc.constant('reminder-snoozed' as const), reminder: words, until: iso }),
    fc.record({ kind: fc.constant('reminder-dismissed' as const), reminder: words }),
    fc.record({
      kind: fc.constantFrom('statement-drafted' as const, 'statement-edited' as const),
      n,
      missing: fc.array(fc.constantFrom(...CHECKLIST_ITEMS)),
      warnings: fc.array(fc.constantFrom(...CHECKLIST_WARNINGS)),
    }),
    fc.record({ kind: fc.constant('statement-approved' as const), n, as: role }),
    fc.record({ kind: fc.constant('statement-rejected' as const), n, reason: words }),
    fc.record(
      { kind: fc.constant('statement-published' as const), n, nextUpdateAt: iso },
      { requiredKeys: ['kind', 'n'] },
    ),
    fc.record({
      kind: fc.constant('statement-delivered' as const),
      n,
      destination: fc.constantFrom('room', 'announcements', 'target:x'),
    }),
    fc.record({
      kind: fc.constant('statement-delivery-failed' as const),
      n,
      destination: fc.constantFrom('room', 'target:x'),
      error: words,
    }),
    fc.record({ kind: fc.constant('closed' as const), resolution: words, finalUpdate: fc.boolean() }),
    fc.record({ kind: fc.constant('reopened' as const), reason: words }),
    fc.record({ kind: fc.constant('question' as const), n, text: words }),
    fc.record(
      { kind: fc.constant('question-answered' as const), n, text: words, statement: n },
      { requiredKeys: ['kind', 'n', 'text'] },
    ),
  );
  const entry = fc.tuple(event, iso, users).map(([e, at, by]) => ({ ...e, at, by }) as TimelineEntry);
  const incident = fc.record({
    severity: fc.option(severity, { nil: null }),
    resolved: fc.option(iso, { nil: undefined }),
    openedAt: iso,
    drill: fc.boolean(),
    locale: fc.constantFrom(...LOCALES),
    title: words,
    resolution: fc.option(words, { nil: undefined }),
    steps: fc.array(
      fc.record(
        {
          state: fc.constantFrom('open' as const, 'done' as const, 'skipped' as const),
          by: users,
          at: iso,
          reason: words,
        },
        { requiredKeys: ['state'] },
      ),
      { maxLength: 6 },
    ),
  });

  it('GIVEN random valid events WHEN a postmortem is rendered THEN it never throws and the table holds one row per entry', () => {
    fc.assert(
      fc.property(
        incident,
        fc.array(entry, { maxLength: 30 }),
        fc.constantFrom(MINUTE, 50),
        (i, entries, minuteMs) => {
          const subject: Incident = anIncident({
            severity: i.severity,
            status: i.resolved ? 'resolved' : 'open',
            openedAt: i.openedAt,
            drill: i.drill,
            locale: i.locale,
            title: i.title,
            steps: i.steps,
            ...(i.resolved ? { resolvedAt: i.resolved } : {}),
            ...(i.resolution === undefined ? {} : { resolution: i.resolution }),
          });
          const markdown = postmortemMarkdown({
            incident: subject,
            timeline: entries,
            playbook,
            policy,
            minuteMs,
            t: translator(i.locale),
            person,
          });
          const t = translator(i.locale);
          const rows = tableRows(markdown, t('postmortem.timeline'));

          expect(markdown.startsWith('# ')).toBe(true);
          expect(rows.length).toBe(entries.length === 0 ? 0 : entries.length + 2);
          for (const row of rows) expect(separators(row)).toBe(4);

          const m = incidentMetrics(subject, entries, playbook, policy, minuteMs);
          expect(m.lateUpdates).toBeLessThanOrEqual(m.updates);
          expect(m.maxLateMinutes).toBeGreaterThanOrEqual(0);
          expect(m.totalLateMinutes).toBeGreaterThanOrEqual(m.maxLateMinutes);
          expect(m.missedAtClose === null).toBe(subject.status === 'open');
        },
      ),
      { numRuns: 300 },
    );
  });
});
