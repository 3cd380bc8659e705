import { fold } from './grammar';
import { fail, ok, type Result } from './result';

/**
 * A past moment as people type it in a crisis channel, read in their time zone: `09:30` or `9h30`
 * (today, or yesterday when today's is still to come), `yesterday 21:15` / `ayer a las 21:15` /
 * `hier à 21h15`, `today 08:00`, `2026-12-06 21:15`, ISO (`2026-12-06T21:15:00Z`, with or without an
 * offset), and `now` / `ahora` / `maintenant`. Dates with slashes are refused: `06/12` is June to some
 * readers and December to others. Words after the moment are returned as the rest (a note).
 */

/** A moment up to this far ahead is the current minute typed a little early, and counts as now. */
const SKEW_MS = 60_000;

const NOW = new Set(['now', 'ahora', 'maintenant']);
const TODAY = new Set(['today', 'hoy', "aujourd'hui", 'aujourd’hui', 'aujourdhui']);
const YESTERDAY = new Set(['yesterday', 'ayer', 'hier']);
/** Words between the day and the time, accents removed: `yesterday at 21:15`, `ayer a las 21:15`, `hier à 21h15`. */
const CONNECTORS = new Set(['at', 'a', 'las', 'la', 'vers']);

const CLOCK = /^(\d{1,2})(?::(\d{2})(?::(\d{2}))?|h(\d{2})?)$/i;
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:t(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(z|[+-]\d{2}:?\d{2})?)?$/i;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface TypedTime {
  at: Date;
  /** What followed the moment, spacing kept. */
  rest: string;
}

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/**
 * The moment at the start of `text`, as of `now` in `timeZone`. Mistakes: `time.unreadable` (nothing
 * there reads as a moment) and `time.future` (a moment still to come), with `when` the ISO of it.
 */
export function readPastMoment(text: string, now: Date, timeZone: string): Result<TypedTime> {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const found = momentAt(words, now, timeZone);
  if (!found) return fail('time.unreadable', { text: words.slice(0, 4).join(' ').slice(0, 60) });
  const { at, used, bare } = found;
  const rest = restAfter(text, used);
  if (at.getTime() > now.getTime() + SKEW_MS) {
    // A bare time of day still to come today is yesterday's: nobody records an awareness to come.
    if (bare) return ok({ at: new Date(at.getTime() - 24 * 3600_000), rest });
    return fail('time.future', { when: at.toISOString() });
  }
  return ok({ at: new Date(Math.min(at.getTime(), now.getTime())), rest });
}

/** The moment the first words say, how many words it took, and whether it was a bare time of day. */
function momentAt(
  words: string[],
  now: Date,
  timeZone: string,
): { at: Date; used: number; bare: boolean } | null {
  const first = fold(words[0] ?? '');
  if (NOW.has(first)) return { at: now, used: 1, bare: false };
  const iso = ISO.exec(words[0] ?? '');
  if (iso) return isoMoment(iso, words, timeZone);
  const day = dayWord(first);
  if (day !== null) {
    let at = 1;
    while (at < words.length && CONNECTORS.has(fold(words[at] ?? ''))) at++;
    const clock = clockOf(words[at]);
    if (!clock) return null;
    const today = wallAt(now, timeZone);
    const date = shiftDays(today, day);
    return { at: zoned({ ...date, ...clock }, timeZone), used: at + 1, bare: false };
  }
  const clock = clockOf(words[0]);
  if (!clock) return null;
  return { at: zoned({ ...wallAt(now, timeZone), ...clock }, timeZone), used: 1, bare: true };
}

/** `2026-12-06T21:15Z`, or `2026-12-06 21:15` in two words; a date alone is not a moment. */
function isoMoment(
  match: RegExpExecArray,
  words: string[],
  timeZone: string,
): { at: Date; used: number; bare: boolean } | null {
  const [, y, mo, d, h, mi, s, offset] = match;
  const date = validDate(Number(y), Number(mo), Number(d));
  if (!date) return null;
  if (h === undefined) {
    if (!DAY.test(words[0] ?? '')) return null;
    const clock = clockOf(words[1]);
    return clock ? { at: zoned({ ...date, ...clock }, timeZone), used: 2, bare: false } : null;
  }
  const clock = validClock(Number(h), Number(mi), Number(s ?? 0));
  if (!clock) return null;
  const wall = { ...date, ...clock };
  if (offset === undefined) return { at: zoned(wall, timeZone), used: 1, bare: false };
  const utc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return { at: new Date(utc - offsetMinutes(offset) * 60_000), used: 1, bare: false };
}

/** `Z` → 0, `+01:00` / `+0100` → 60, `-04:30` → -270. */
function offsetMinutes(offset: string): number {
  if (/^z$/i.test(offset)) return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
}

/** 0 for today, -1 for yesterday, null for another word. */
function dayWord(word: string): number | null {
  if (TODAY.has(word)) return 0;
  if (YESTERDAY.has(word)) return -1;
  return null;
}

function clockOf(word: string | undefined): Pick<Wall, 'hour' | 'minute' | 'second'> | null {
  const match = word ? CLOCK.exec(word) : null;
  if (!match) return null;
  const [, h, mi, s, frenchMinutes] = match;
  return validClock(Number(h), Number(mi ?? frenchMinutes ?? 0), Number(s ?? 0));
}

function validClock(hour: number, minute: number, second: number) {
  return hour <= 23 && minute <= 59 && second <= 59 ? { hour, minute, second } : null;
}

function validDate(year: number, month: number, day: number) {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
    ? { year, month, day }
    : null;
}

function shiftDays(date: Pick<Wall, 'year' | 'month' | 'day'>, days: number) {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** The text after its first `used` words, its spacing kept. */
function restAfter(text: string, used: number): string {
  let rest = text.trimStart();
  for (let i = 0; i < used; i++) rest = rest.replace(/^\S+\s*/, '');
  return rest.trim();
}

const walls = new Map<string, Intl.DateTimeFormat>();

/** The wall clock of `timeZone` at a moment. */
function wallAt(at: Date, timeZone: string): Wall {
  let format = walls.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    walls.set(timeZone, format);
  }
  const part = (type: string) => Number(format.formatToParts(at).find((p) => p.type === type)?.value);
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
    second: part('second'),
  };
}

/**
 * The moment a wall clock of `timeZone` shows. Asked twice: the zone's offset at a first guess, then at
 * the answer, so a time just past a daylight saving change lands on the right side of it.
 */
function zoned(wall: Wall, timeZone: string): Date {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const offsetAt = (ms: number) => {
    const w = wallAt(new Date(ms), timeZone);
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(ms / 1000) * 1000;
  };
  const first = asUtc - offsetAt(asUtc);
  return new Date(asUtc - offsetAt(first));
}
