import type { PlaybookClock, ReminderPolicy } from '../core/reminders';
import type { Incident, TimelineEntry } from '../core/types';
import type { Translator } from '../i18n';
import { clock, when } from './format';
import { duration, updatesDue } from './postmortem';

/**
 * The timeline chart of an incident as an SVG document: alerts per time bucket (bars), statements
 * published (S<n> diamonds), when each update was due (dashed ticks) and how late it came (a hatched
 * segment from due to published, labelled). Pure: the same incident, timeline and `now` give the same
 * bytes. Its `<title>` and `<desc>` say the data in words for screen readers and for chat previews,
 * which do not render SVG. Lateness is the postmortem's (`updatesDue`), so both say the same numbers.
 */

export interface ChartInput {
  incident: Incident;
  timeline: readonly TimelineEntry[];
  playbook: PlaybookClock;
  policy: ReminderPolicy;
  minuteMs: number;
  /** The incident's language, the team's zone. */
  t: Translator;
  /** Where an open incident's axis ends. */
  now: Date;
}

/** Bars at most: a week-long crisis still draws as many shapes as an hour-long one. */
export const MAX_BUCKETS = 48;
/** Bucket sizes tried in turn, in playbook minutes: the smallest that keeps to MAX_BUCKETS wins. */
const BUCKET_MINUTES = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080] as const;
/** Statement markers drawn at most (the last ones); the `<desc>` still counts them all. */
const MAX_MARKERS = 60;

const WIDTH = 960;
const HEIGHT = 320;
const LEFT = 48;
const RIGHT = 24;
const PLOT_TOP = 76;
const PLOT_BOTTOM = 200;
const MARKER_Y = 236;
const AXIS_Y = 270;

/** Text for XML: markup characters escaped, and the control characters XML 1.0 forbids dropped. */
export const xml = (text: string): string =>
  text
    // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the ones to drop.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

/** A coordinate with one decimal at most, so output is short and stable. */
const n = (value: number): string => String(Math.round(value * 10) / 10);

/** The smallest bucket (playbook minutes) that covers `span` ms in MAX_BUCKETS bars; whole weeks beyond. */
export function bucketMinutes(spanMs: number, minuteMs: number): number {
  const minutes = spanMs / minuteMs;
  const fits = BUCKET_MINUTES.find((size) => Math.ceil(minutes / size) <= MAX_BUCKETS);
  return fits ?? Math.ceil(minutes / MAX_BUCKETS / 10080) * 10080;
}

export interface ChartFacts {
  start: number;
  end: number;
  bucketMs: number;
  /** Alerts per bucket, from `start`. */
  buckets: number[];
  alerts: number;
  updates: { n: number; at: number; due: number | null; lateMs: number }[];
  /** When the update after the last is due, for an open incident (the axis reaches it); null when none is. */
  nextDue: number | null;
  /** The moment the chart shows the incident as of: its closing, else now. */
  asOf: number;
  resolved: number | null;
}

/** What the chart shows, as numbers: the drawing and its words both come from these. */
export function chartFacts(input: ChartInput): ChartFacts {
  const { incident, timeline, playbook, policy, minuteMs, now } = input;
  const opened = Date.parse(incident.openedAt);
  const resolved =
    incident.status === 'resolved' && incident.resolvedAt ? Date.parse(incident.resolvedAt) : null;
  const alertTimes = timeline.filter((e) => e.kind === 'alert').map((e) => Date.parse(e.at));
  const { updates, dueAfter } = updatesDue(incident, timeline, playbook, policy, minuteMs);
  const last = Math.max(opened, ...alertTimes, ...updates.map((u) => u.at));
  const start = Math.min(opened, ...alertTimes);
  const asOf = Math.max(resolved ?? now.getTime(), last);
  const nextDue = resolved === null ? dueAfter(updates.at(-1)?.at ?? opened) : null;
  const end = Math.max(asOf, nextDue ?? asOf, start + minuteMs);
  const bucketMs = bucketMinutes(end - start, minuteMs) * minuteMs;
  const buckets = new Array<number>(Math.max(1, Math.ceil((end - start) / bucketMs))).fill(0);
  for (const at of alertTimes) {
    const index = Math.min(buckets.length - 1, Math.floor((at - start) / bucketMs));
    buckets[index] = (buckets[index] ?? 0) + 1;
  }
  return {
    start,
    end,
    bucketMs,
    buckets,
    alerts: alertTimes.length,
    updates: updates.map((u) => ({ ...u, lateMs: u.due === null ? 0 : Math.max(0, u.at - u.due) })),
    nextDue,
    asOf,
    resolved,
  };
}

/** The chart's words: what a screen reader says, and what a reader without the picture gets. */
export function chartDescription(facts: ChartFacts, input: ChartInput): string {
  const { t, incident, minuteMs } = input;
  const late = (ms: number) => duration(ms / minuteMs, t);
  const parts = [
    facts.alerts > 0
      ? t('chart.alerts', {
          count: facts.alerts,
          from: when(new Date(facts.start), t),
          to: when(new Date(facts.asOf), t),
        })
      : t('chart.noAlerts'),
    facts.updates.length > 0
      ? t('chart.statements', { count: facts.updates.length })
      : t('chart.noStatements'),
  ];
  const lateOnes = facts.updates.filter((u) => u.lateMs > 0 && u.due !== null);
  if (lateOnes.length > 0) {
    for (const u of lateOnes) {
      parts.push(t('chart.late', { n: u.n, late: late(u.lateMs), due: when(new Date(u.due ?? 0), t) }));
    }
  } else if (facts.updates.some((u) => u.due !== null)) {
    parts.push(t('chart.onTime'));
  } else if (facts.updates.length > 0 || facts.nextDue === null) {
    parts.push(t('chart.noCadence'));
  }
  if (facts.nextDue !== null) parts.push(t('chart.nextDue', { due: when(new Date(facts.nextDue), t) }));
  parts.push(t('chart.opened', { when: when(incident.openedAt, t) }));
  parts.push(
    facts.resolved === null
      ? t('chart.stillOpen', { when: when(new Date(facts.asOf), t) })
      : t('chart.closed', { when: when(new Date(facts.resolved), t) }),
  );
  const sentence = parts.join(t('chart.separator'));
  return `${sentence.charAt(0).toLocaleUpperCase(t.locale)}${sentence.slice(1)}.`;
}

/** The SVG document. */
export function timelineChart(input: ChartInput): string {
  const { incident, t, minuteMs } = input;
  const facts = chartFacts(input);
  const span = facts.end - facts.start;
  const x = (at: number) => LEFT + ((at - facts.start) / span) * (WIDTH - LEFT - RIGHT);
  const title = t('chart.title', { seq: incident.seq, title: incident.title });
  const top = Math.max(1, ...facts.buckets);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="chart-title chart-desc" font-family="system-ui, sans-serif" font-size="12">`,
    `<title id="chart-title">${xml(title)}</title>`,
    `<desc id="chart-desc">${xml(chartDescription(facts, input))}</desc>`,
    // Hatching tells lateness apart without colour.
    '<defs><pattern id="late" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fde2e1"/><line x1="0" y1="0" x2="0" y2="6" stroke="#a4161a" stroke-width="3"/></pattern></defs>',
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${LEFT}" y="24" font-size="15" font-weight="bold" fill="#111111">${xml(title)}</text>`,
    `<text x="${LEFT}" y="42" fill="#333333">${xml(
      `${t('chart.bucket', { size: duration(facts.bucketMs / minuteMs, t) })} · ${t('chart.zone', { zone: t.timeZone })}`,
    )}</text>`,
  );

  // Alert volume: one bar per bucket with alerts, its count above it.
  const bucketWidth = (WIDTH - LEFT - RIGHT) / facts.buckets.length;
  out.push('<g class="alerts">');
  facts.buckets.forEach((count, index) => {
    if (count === 0) return;
    const from = facts.start + index * facts.bucketMs;
    const height = (count / top) * (PLOT_BOTTOM - PLOT_TOP - 14);
    const label = t('chart.bar', {
      count,
      from: clock(new Date(from), t),
      to: clock(new Date(Math.min(facts.end, from + facts.bucketMs)), t),
    });
    out.push(
      `<g class="bar"><title>${xml(label)}</title><rect x="${n(x(from) + 1)}" y="${n(PLOT_BOTTOM - height)}" width="${n(Math.max(1, bucketWidth - 2))}" height="${n(height)}" fill="#4a5a6a"/>`,
      `<text x="${n(x(from) + bucketWidth / 2)}" y="${n(PLOT_BOTTOM - height - 3)}" text-anchor="middle" font-size="10" fill="#111111">${count}</text></g>`,
    );
  });
  out.push('</g>');
  out.push(
    `<line x1="${LEFT}" y1="${PLOT_BOTTOM}" x2="${WIDTH - RIGHT}" y2="${PLOT_BOTTOM}" stroke="#111111"/>`,
  );

  // Opening and closing: solid vertical lines with their names.
  const edge = (at: number, label: string, anchor: 'start' | 'end') =>
    `<g class="edge"><line x1="${n(x(at))}" y1="${PLOT_TOP - 8}" x2="${n(x(at))}" y2="${AXIS_Y}" stroke="#111111" stroke-width="2"/><text x="${n(x(at) + (anchor === 'start' ? 4 : -4))}" y="${PLOT_TOP - 10}" text-anchor="${anchor}" fill="#111111">${xml(label)}</text></g>`;
  out.push(edge(Date.parse(incident.openedAt), t('chart.openedMark'), 'start'));
  if (facts.resolved !== null) out.push(edge(facts.resolved, t('chart.closedMark'), 'end'));

  // Updates: when each was due (dashed tick), the late stretch (hatched), the publication (diamond, S<n>).
  out.push('<g class="updates">');
  for (const u of facts.updates.slice(-MAX_MARKERS)) {
    if (u.due !== null) {
      out.push(
        `<g class="due"><title>${xml(t('chart.due', { when: when(new Date(u.due), t) }))}</title><line x1="${n(x(u.due))}" y1="${MARKER_Y - 16}" x2="${n(x(u.due))}" y2="${MARKER_Y + 16}" stroke="#111111" stroke-dasharray="3 2"/></g>`,
      );
    }
    if (u.due !== null && u.lateMs > 0) {
      const late = t('chart.lateMark', { late: duration(u.lateMs / minuteMs, t) });
      out.push(
        `<g class="late"><rect x="${n(x(u.due))}" y="${MARKER_Y - 5}" width="${n(Math.max(1, x(u.at) - x(u.due)))}" height="10" fill="url(#late)" stroke="#a4161a"/><text x="${n((x(u.due) + x(u.at)) / 2)}" y="${MARKER_Y + 28}" text-anchor="middle" font-size="11" fill="#a4161a">${xml(late)}</text></g>`,
      );
    }
    const cx = x(u.at);
    out.push(
      `<g class="statement"><title>${xml(t('chart.published', { n: u.n, when: when(new Date(u.at), t) }))}</title><path d="M${n(cx)} ${MARKER_Y - 8}l8 8l-8 8l-8 -8z" fill="#0b5394" stroke="#111111"/><text x="${n(cx)}" y="${MARKER_Y - 12}" text-anchor="middle" font-weight="bold" fill="#0b5394">S${u.n}</text></g>`,
    );
  }
  if (facts.nextDue !== null) {
    out.push(
      `<g class="due"><title>${xml(t('chart.due', { when: when(new Date(facts.nextDue), t) }))}</title><line x1="${n(x(facts.nextDue))}" y1="${MARKER_Y - 16}" x2="${n(x(facts.nextDue))}" y2="${MARKER_Y + 16}" stroke="#111111" stroke-dasharray="3 2"/></g>`,
    );
  }
  out.push('</g>');

  // Time axis: five ticks, times in the team's zone with its offset; the ends with their date.
  out.push(`<line x1="${LEFT}" y1="${AXIS_Y}" x2="${WIDTH - RIGHT}" y2="${AXIS_Y}" stroke="#111111"/>`);
  for (let i = 0; i <= 4; i++) {
    const at = facts.start + (span * i) / 4;
    const anchor = i === 0 ? 'start' : i === 4 ? 'end' : 'middle';
    out.push(
      `<line x1="${n(x(at))}" y1="${AXIS_Y}" x2="${n(x(at))}" y2="${AXIS_Y + 5}" stroke="#111111"/><text x="${n(x(at))}" y="${AXIS_Y + 18}" text-anchor="${anchor}" fill="#111111">${xml(i === 0 || i === 4 ? when(new Date(at), t) : clock(new Date(at), t))}</text>`,
    );
  }

  // Legend: shapes and words, never colour alone.
  const ly = HEIGHT - 12;
  out.push(
    `<g class="legend" fill="#111111"><path d="M${LEFT + 6} ${ly - 10}l6 6l-6 6l-6 -6z" fill="#0b5394" stroke="#111111"/><text x="${LEFT + 16}" y="${ly}">${xml(t('chart.legendStatement'))}</text>`,
    `<line x1="${LEFT + 226}" y1="${ly - 11}" x2="${LEFT + 226}" y2="${ly + 3}" stroke="#111111" stroke-dasharray="3 2"/><text x="${LEFT + 234}" y="${ly}">${xml(t('chart.legendDue'))}</text>`,
    `<rect x="${LEFT + 440}" y="${ly - 9}" width="18" height="10" fill="url(#late)" stroke="#a4161a"/><text x="${LEFT + 464}" y="${ly}">${xml(t('chart.legendLate'))}</text></g>`,
    '</svg>',
  );
  return `${out.join('\n')}\n`;
}
