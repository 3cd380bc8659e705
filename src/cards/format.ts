import type { Locale, Severity } from '../core/types';
import type { Translator } from '../i18n';
import type { Text } from '../playbook/schema';

/** Mentions a user through the platform's own syntax. */
export type Mention = (user: string) => string;

/** Playbook texts carry all three languages. */
export const local = (text: Text, t: Translator): string => text[t.locale];

/** `SEV1`…`SEV4`, or `SEV?` while unset: short enough for titles, topics and channel headers. */
export const severityLabel = (severity: Severity | null): string => (severity ? `SEV${severity}` : 'SEV?');

/** Per language: the month as a word, so nobody swaps day and month; a 24-hour clock. */
const INTL_LOCALES: Record<Locale, string> = { en: 'en-GB', es: 'es-ES', fr: 'fr-FR' };
const formats = new Map<string, Intl.DateTimeFormat>();

/** `date`: the day, `moment`: the day and the time of day, `clock`: the time of day alone, `month`: the month. */
type Shape = 'date' | 'moment' | 'clock' | 'month';

const SHAPES: Record<Shape, Intl.DateTimeFormatOptions> = {
  date: { day: 'numeric', month: 'short', year: 'numeric' },
  moment: {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'shortOffset',
  },
  clock: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'shortOffset' },
  month: { month: 'long', year: 'numeric' },
};

/** Building an Intl.DateTimeFormat is costly: one per language, zone and shape, kept. */
function dateTimeFormat(locale: Locale, timeZone: string, shape: Shape): Intl.DateTimeFormat {
  const key = `${locale} ${timeZone} ${shape}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_LOCALES[locale], { timeZone, ...SHAPES[shape] });
    formats.set(key, format);
  }
  return format;
}

/**
 * The zone as its UTC offset at that moment (`UTC+1`, `UTC-4`, `UTC+5:30`, `UTC`): abbreviations are
 * ambiguous (IST, CST) and missing in most languages, while an offset says the exact instant in every
 * language and shows daylight saving time changing it.
 */
function offsetLabel(icu: string): string {
  const match = /^(?:GMT|UTC)(?:([+\-\u2212])(\d{1,2})(?::(\d{2}))?)?$/.exec(icu);
  if (!match) return icu;
  const [, sign, hours, minutes] = match;
  if (!sign || (Number(hours) === 0 && !minutes)) return 'UTC';
  return `UTC${sign === '+' ? '+' : '-'}${Number(hours)}${minutes ? `:${minutes}` : ''}`;
}

const toDate = (iso: string | Date): Date => (typeof iso === 'string' ? new Date(iso) : iso);

/**
 * A moment in the reader's language and time zone, the date always shown and the zone as its offset:
 * crises run past midnight and responders sit in several zones, so `23 Nov 2026 13:05 UTC+1` is local
 * to the team and still exact for everyone else.
 */
export const when = (iso: string | Date, t: Pick<Translator, 'locale' | 'timeZone'>): string =>
  dateTimeFormat(t.locale, t.timeZone, 'moment')
    .formatToParts(toDate(iso))
    .map((part, i, parts) => {
      if (part.type === 'timeZoneName') return offsetLabel(part.value);
      // `23 Nov 2026 13:05`, not `23 Nov 2026, 13:05`: the time is often inside a sentence with commas.
      if (part.type === 'literal' && parts[i - 1]?.type === 'year') return ' ';
      return part.value;
    })
    .join('');

/** The date of a moment in the reader's time zone (`23 Nov 2026`), for periods of whole days. */
export const day = (iso: string | Date, t: Pick<Translator, 'locale' | 'timeZone'>): string =>
  dateTimeFormat(t.locale, t.timeZone, 'date').format(toDate(iso));

/** The time of day in the reader's zone, with the zone (`13:05 UTC+1`), for a moment of today. */
export const clock = (iso: string | Date, t: Pick<Translator, 'locale' | 'timeZone'>): string =>
  dateTimeFormat(t.locale, t.timeZone, 'clock')
    .formatToParts(toDate(iso))
    .map((part) => (part.type === 'timeZoneName' ? offsetLabel(part.value) : part.value))
    .join('');

/** The month of a calendar day written `YYYY-MM-DD` (`December 2026`): a day, not a moment, so no zone. */
export const month = (calendarDay: string, t: Pick<Translator, 'locale'>): string =>
  dateTimeFormat(t.locale, 'UTC', 'month').format(new Date(`${calendarDay}T00:00:00Z`));
