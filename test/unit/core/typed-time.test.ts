import { readPastMoment } from '../../../src/core/typed-time';
import { errorOf, successOf } from '../../support/result';

/** Monday 7 December 2026, 16:30 UTC: 17:30 in Madrid and Paris (UTC+1 in winter). */
const NOW = new Date('2026-12-07T16:30:00.000Z');

const at = (text: string, zone = 'UTC') => successOf(readPastMoment(text, NOW, zone)).at.toISOString();

describe('readPastMoment: a past moment as people type it', () => {
  test('GIVEN a time of day already past today WHEN read THEN it is today, in the zone of the person typing', () => {
    expect(at('09:30')).toBe('2026-12-07T09:30:00.000Z');
    expect(at('9:30')).toBe('2026-12-07T09:30:00.000Z');
    expect(at('09:30', 'Europe/Madrid')).toBe('2026-12-07T08:30:00.000Z');
    // French write hours with an h.
    expect(at('9h30', 'Europe/Paris')).toBe('2026-12-07T08:30:00.000Z');
    expect(at('9h', 'Europe/Paris')).toBe('2026-12-07T08:00:00.000Z');
  });

  test('GIVEN a time of day still to come today WHEN read THEN it is yesterday’s (nobody records an awareness to come)', () => {
    expect(at('21:15')).toBe('2026-12-06T21:15:00.000Z');
    // It is 17:30 in Madrid: 17:45 there is a quarter of an hour away, so it was yesterday's.
    expect(at('17:45', 'Europe/Madrid')).toBe('2026-12-06T16:45:00.000Z');
    // The current minute typed a few seconds early is now, not yesterday.
    expect(at('16:31')).toBe(NOW.toISOString());
  });

  test('GIVEN yesterday or today in three languages WHEN read THEN that day at that time', () => {
    for (const text of [
      'yesterday 21:15',
      'yesterday at 21:15',
      'ayer 21:15',
      'ayer a las 21:15',
      'hier 21h15',
      'hier à 21h15',
    ]) {
      expect({ text, at: at(text) }).toEqual({ text, at: '2026-12-06T21:15:00.000Z' });
    }
    expect(at('today 08:00', 'Europe/Paris')).toBe('2026-12-07T07:00:00.000Z');
    expect(at('hoy 08:00')).toBe('2026-12-07T08:00:00.000Z');
    expect(at("aujourd'hui 08h00")).toBe('2026-12-07T08:00:00.000Z');
  });

  test('GIVEN a date and a time, or ISO WHEN read THEN the date in the typist’s zone, an ISO offset as written', () => {
    expect(at('2026-12-06 21:15', 'Europe/Madrid')).toBe('2026-12-06T20:15:00.000Z');
    expect(at('2026-12-06T21:15', 'Europe/Madrid')).toBe('2026-12-06T20:15:00.000Z');
    expect(at('2026-12-06T21:15:00Z', 'Europe/Madrid')).toBe('2026-12-06T21:15:00.000Z');
    expect(at('2026-12-06T21:15:00+01:00')).toBe('2026-12-06T20:15:00.000Z');
    // Summer time in Madrid is UTC+2: the zone's offset on that date, not today's.
    expect(at('2026-07-01 10:00', 'Europe/Madrid')).toBe('2026-07-01T08:00:00.000Z');
  });

  test('GIVEN now in three languages WHEN read THEN now', () => {
    for (const word of ['now', 'ahora', 'maintenant', 'NOW']) expect(at(word)).toBe(NOW.toISOString());
  });

  test('GIVEN words after the moment WHEN read THEN they are the rest, as typed', () => {
    expect(successOf(readPastMoment('yesterday 21:15 the DPO  confirmed it', NOW, 'UTC')).rest).toBe(
      'the DPO  confirmed it',
    );
    expect(successOf(readPastMoment('09:30', NOW, 'UTC')).rest).toBe('');
  });

  test('GIVEN a moment still to come, said explicitly WHEN read THEN it is refused, naming it', () => {
    expect(errorOf(readPastMoment('2026-12-08 09:00', NOW, 'UTC'))).toEqual({
      key: 'time.future',
      params: { when: '2026-12-08T09:00:00.000Z' },
    });
    expect(errorOf(readPastMoment('today 23:00', NOW, 'UTC')).key).toBe('time.future');
  });

  test('GIVEN what is not a moment WHEN read THEN it is refused, quoting it (slash dates too: 06/12 is June or December)', () => {
    for (const text of [
      'tomorrow',
      'soon',
      '25:00',
      '09:75',
      '2026-02-30 10:00',
      '2026-12-06',
      '06/12 21:15',
      '',
    ]) {
      expect({ text, key: errorOf(readPastMoment(text, NOW, 'UTC')).key }).toEqual({
        text,
        key: 'time.unreadable',
      });
    }
    expect(errorOf(readPastMoment('tomorrow 9:00', NOW, 'UTC')).params).toEqual({ text: 'tomorrow 9:00' });
  });
});
