import { bucketMinutes, chartFacts, MAX_BUCKETS, timelineChart } from '../../../src/cards/chart';
import { incidentMetrics } from '../../../src/cards/postmortem';
import { defaultReminderPolicy } from '../../../src/config/schema';
import type { PlaybookClock } from '../../../src/core/reminders';
import type { Incident, Locale, TimelineEntry } from '../../../src/core/types';
import { translator } from '../../../src/i18n';
import { anIncident, anOpenedEntry } from '../../support/fixtures';

/**
 * A SEV2 crisis in Madrid (UTC+1 in December): opened 09:00 local, 120 alerts in its first hour,
 * S1 published at 09:20 (due 09:30: on time), S2 at 10:02 (due 09:50: 12 minutes late), closed 11:00.
 * The default cadence: SEV2 every 30 minutes, doubled after 120 minutes.
 */
const MINUTE = 60_000;
const utc = (hhmm: string) => `2026-12-07T${hhmm}:00.000Z`;
const OPENED = utc('08:00');
const playbook: PlaybookClock = { steps: [] };

function crisis(overrides: Partial<Incident> = {}): { incident: Incident; timeline: TimelineEntry[] } {
  const incident = anIncident({
    severity: 2,
    openedAt: OPENED,
    status: 'resolved',
    resolvedAt: utc('10:00'),
    ...overrides,
  });
  const alerts: TimelineEntry[] = Array.from({ length: 120 }, (_, i) => ({
    kind: 'alert',
    source: 'alertmanager',
    status: 'firing',
    title: 'HighErrorRate',
    url: null,
    dedupKey: 'k',
    at: new Date(Date.parse(OPENED) + i * 30_000).toISOString(),
    by: 'calma',
  }));
  const timeline: TimelineEntry[] = [
    anOpenedEntry(incident),
    ...alerts,
    { kind: 'statement-published', n: 1, at: utc('08:20'), by: 'U0COMMS' },
    { kind: 'statement-published', n: 2, at: utc('09:02'), by: 'U0COMMS' },
  ];
  return { incident, timeline };
}

const chart = (locale: Locale, overrides: Partial<Incident> = {}, now = utc('10:00')) => {
  const { incident, timeline } = crisis({ locale, ...overrides });
  const input = {
    incident,
    timeline,
    playbook,
    policy: defaultReminderPolicy,
    minuteMs: MINUTE,
    t: translator(locale, 'Europe/Madrid'),
    now: new Date(now),
  };
  return { svg: timelineChart(input), facts: chartFacts(input), input };
};

const count = (svg: string, pattern: RegExp) => svg.match(pattern)?.length ?? 0;
const desc = (svg: string) => /<desc id="chart-desc">([^<]*)<\/desc>/.exec(svg)?.[1];

describe('the timeline chart', () => {
  it('GIVEN 120 alerts in the first hour of a two-hour crisis WHEN it is drawn THEN each bucket with alerts has one bar and the counts add up to 120', () => {
    const { svg, facts } = chart('en');
    // 120 minutes of crisis in 5-minute buckets: 24 buckets, 12 of them with alerts (10 each).
    expect(facts.bucketMs).toBe(5 * MINUTE);
    expect(facts.buckets).toHaveLength(24);
    expect(count(svg, /<g class="bar">/g)).toBe(12);
    const counts = [...svg.matchAll(/<g class="bar">.*?>(\d+)<\/text><\/g>/gs)].map((m) => Number(m[1]));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(120);
    expect(svg).toContain('<title>10 alerts, 09:00 UTC+1 to 09:05 UTC+1</title>');
  });

  it('GIVEN two updates, the second after its due time WHEN drawn THEN there are two S<n> markers, two due ticks, one late segment of 12 minutes, as the postmortem counts it', () => {
    const { svg, facts, input } = chart('en');
    expect(count(svg, /<g class="statement">/g)).toBe(2);
    expect(svg).toContain('>S1</text>');
    expect(svg).toContain('>S2</text>');
    expect(count(svg, /<g class="due">/g)).toBe(2);
    expect(count(svg, /<g class="late">/g)).toBe(1);
    expect(svg).toContain('>+12 min</text>');
    expect(facts.updates.map((u) => u.lateMs / MINUTE)).toEqual([0, 12]);
    const metrics = incidentMetrics(input.incident, input.timeline, playbook, defaultReminderPolicy, MINUTE);
    expect(metrics.maxLateMinutes).toBe(12);
    expect(metrics.lateUpdates).toBe(1);
  });

  it('GIVEN the crisis WHEN drawn THEN the SVG is an image with a title and a description that says the data in words, in the team zone', () => {
    const { svg } = chart('en');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]* role="img"/);
    expect(svg).toContain(
      '<title id="chart-title">Timeline of incident #1: Hacked account posting spam</title>',
    );
    expect(desc(svg)).toBe(
      '120 alerts between 7 Dec 2026 09:00 UTC+1 and 7 Dec 2026 11:00 UTC+1; 2 statements published; S2 came 12 min late (due 7 Dec 2026 09:50 UTC+1); opened 7 Dec 2026 09:00 UTC+1; closed 7 Dec 2026 11:00 UTC+1.',
    );
  });

  it('GIVEN a Spanish or French incident WHEN drawn THEN the description is in its language', () => {
    expect(desc(chart('es').svg)).toBe(
      '120 alertas entre el 7 dic 2026 09:00 UTC+1 y el 7 dic 2026 11:00 UTC+1; 2 comunicados publicados; S2 llegó con 12 min de retraso (previsto el 7 dic 2026 09:50 UTC+1); abierto el 7 dic 2026 09:00 UTC+1; cerrado el 7 dic 2026 11:00 UTC+1.',
    );
    expect(desc(chart('fr').svg)).toBe(
      '120 alertes entre le 7 déc. 2026 09:00 UTC+1 et le 7 déc. 2026 11:00 UTC+1 ; 2 communiqués publiés ; S2 est arrivé avec 12 min de retard (prévu le 7 déc. 2026 09:50 UTC+1) ; ouvert le 7 déc. 2026 09:00 UTC+1 ; clos le 7 déc. 2026 11:00 UTC+1.',
    );
  });

  it('GIVEN a title with markup WHEN drawn THEN it is text, never an element', () => {
    const { svg } = chart('en', { title: '<script>alert("x")</script> & co' });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co');
  });

  it('GIVEN an open incident WHEN drawn twice THEN the bytes are the same and the next update due is marked', () => {
    const open = { status: 'open' as const, resolvedAt: undefined };
    const first = chart('en', open, utc('09:10'));
    expect(chart('en', open, utc('09:10')).svg).toBe(first.svg);
    // After S2 at 10:02 local, the next is due 30 minutes later.
    expect(first.facts.nextDue).toBe(Date.parse(utc('09:32')));
    expect(desc(first.svg)).toContain('the next update is due 7 Dec 2026 10:32 UTC+1; opened');
    expect(desc(first.svg)).toContain('still open at 7 Dec 2026 10:10 UTC+1');
  });

  it('GIVEN a crisis of any length WHEN bucketed THEN there are never more than MAX_BUCKETS bars', () => {
    for (const minutes of [1, 59, 240, 1440, 7 * 1440, 90 * 1440]) {
      const size = bucketMinutes(minutes * MINUTE, MINUTE);
      expect(Math.ceil(minutes / size)).toBeLessThanOrEqual(MAX_BUCKETS);
    }
    const month = chart('en', { resolvedAt: '2027-01-07T08:00:00.000Z' });
    expect(month.facts.buckets.length).toBeLessThanOrEqual(MAX_BUCKETS);
    expect(month.svg.length).toBeLessThan(40_000);
  });
});
