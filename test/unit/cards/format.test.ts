import { clock, day, when } from '../../../src/cards/format';
import type { Locale } from '../../../src/core/types';
import { translator } from '../../../src/i18n';

const at = (locale: Locale, timeZone: string, iso: string) => when(iso, translator(locale, timeZone));

describe('when: a moment in the reader’s language and time zone, with the zone', () => {
  it.each([
    ['en', 'UTC', '23 Nov 2026 12:05 UTC'],
    ['es', 'UTC', '23 nov 2026 12:05 UTC'],
    ['fr', 'UTC', '23 nov. 2026 12:05 UTC'],
    ['en', 'Europe/Madrid', '23 Nov 2026 13:05 UTC+1'],
    ['es', 'Europe/Madrid', '23 nov 2026 13:05 UTC+1'],
    ['fr', 'Europe/Madrid', '23 nov. 2026 13:05 UTC+1'],
    ['en', 'America/New_York', '23 Nov 2026 07:05 UTC-5'],
    ['es', 'America/Mexico_City', '23 nov 2026 06:05 UTC-6'],
    ['fr', 'Asia/Kolkata', '23 nov. 2026 17:35 UTC+5:30'],
  ] as const)(
    'GIVEN %s readers in %s WHEN 2026-11-23 12:05 UTC is shown THEN it reads "%s"',
    (locale, zone, text) => {
      expect(at(locale, zone, '2026-11-23T12:05:00Z')).toBe(text);
    },
  );

  it('GIVEN a team in Madrid WHEN the clocks go forward (29 Mar 2026, 02:00 → 03:00) THEN the minute before and the minute after read an hour apart, each with its own offset', () => {
    expect(at('en', 'Europe/Madrid', '2026-03-29T00:59:00Z')).toBe('29 Mar 2026 01:59 UTC+1');
    expect(at('en', 'Europe/Madrid', '2026-03-29T01:00:00Z')).toBe('29 Mar 2026 03:00 UTC+2');
  });

  it('GIVEN a team in New York WHEN the clocks go back (1 Nov 2026, 02:00 → 01:00) THEN the repeated hour is told apart by its offset', () => {
    expect(at('es', 'America/New_York', '2026-11-01T05:30:00Z')).toBe('1 nov 2026 01:30 UTC-4');
    expect(at('es', 'America/New_York', '2026-11-01T06:30:00Z')).toBe('1 nov 2026 01:30 UTC-5');
  });

  it('GIVEN a French team in Madrid WHEN a time past midnight there is still the day before in UTC THEN the local date is shown', () => {
    expect(at('fr', 'Europe/Madrid', '2026-07-14T22:30:00Z')).toBe('15 juil. 2026 00:30 UTC+2');
    expect(at('fr', 'UTC', '2026-07-14T22:30:00Z')).toBe('14 juil. 2026 22:30 UTC');
  });

  it('GIVEN no zone for the translator (user errors) THEN times are in UTC', () => {
    expect(when(new Date('2026-11-23T12:05:00Z'), translator('en'))).toBe('23 Nov 2026 12:05 UTC');
  });
});

describe('day: the date of a moment in the reader’s zone', () => {
  it('GIVEN 23:30 UTC WHEN read in Madrid, New York and UTC THEN each gets its own date', () => {
    expect(day('2026-11-22T23:30:00Z', translator('en', 'Europe/Madrid'))).toBe('23 Nov 2026');
    expect(day('2026-11-22T23:30:00Z', translator('es', 'America/New_York'))).toBe('22 nov 2026');
    expect(day('2026-11-22T23:30:00Z', translator('fr', 'UTC'))).toBe('22 nov. 2026');
  });
});

describe('clock: the time of day in the reader’s zone, for templates that say “today, at {time}”', () => {
  it.each([
    ['en', 'UTC', '2026-11-23T12:05:00Z', '12:05 UTC'],
    ['fr', 'Europe/Madrid', '2026-11-23T12:05:00Z', '13:05 UTC+1'],
    ['es', 'Europe/Madrid', '2026-07-01T12:05:00Z', '14:05 UTC+2'],
    ['en', 'Asia/Kolkata', '2026-11-23T12:05:00Z', '17:35 UTC+5:30'],
  ] as const)('GIVEN %s in %s THEN %s reads %s', (locale, zone, iso, expected) => {
    expect(clock(iso, translator(locale, zone))).toBe(expected);
  });
});
