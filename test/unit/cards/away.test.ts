import { type AwayContext, awayCard } from '../../../src/cards/away';
import type { Reminder } from '../../../src/core/reminders';
import type { Locale } from '../../../src/core/types';
import { translator } from '../../../src/i18n';
import { anIncident } from '../../support/fixtures';
import { useShippedPlaybook } from '../../support/playbooks';

const MINUTE = 60_000;
const OPENED = Date.parse('2026-11-22T09:30:00.000Z');
const at = (minutes: number) => OPENED + minutes * MINUTE;

describe('the card of reminders missed while calma was away', () => {
  const hacked = useShippedPlaybook('hacked-account');

  function card(locale: Locale, missed: AwayContext['missed'], nowMinutes: number) {
    return awayCard({
      incident: anIncident({
        locale,
        followups: [{ n: 2, text: 'Rotate the API key', by: 'U0A', at: new Date(OPENED).toISOString() }],
      }),
      playbook: hacked.playbook(),
      missed,
      escalateAfter: 10,
      minuteMs: MINUTE,
      now: at(nowMinutes),
      t: translator(locale),
    });
  }
  const step3 = (attempt: number): Reminder => ({
    kind: 'step',
    step: 2,
    attempt,
    dueAt: at(10 + (attempt - 1) * 10),
  });
  const cadence: Reminder = { kind: 'cadence', attempt: 1, dueAt: at(70) };

  test('GIVEN step 3 and its escalation, then a status update, missed WHEN the card is made 2 h after step 3 was due THEN it has one line each, oldest first, saying how long ago in hours and for whom', () => {
    const made = card(
      'en',
      [
        { reminder: cadence, audience: '<@U0LEAD>' },
        { reminder: step3(2), audience: '<@U0LEAD>' },
        { reminder: step3(1), audience: '<@U0BOB>' },
      ],
      130,
    );

    expect(made.title).toBe('⏰ While calma was away, 2 reminders fell due');
    expect(made.lines).toEqual([
      'Step 3 (Archive every post we did not write): due 2 hours ago, for <@U0LEAD>, <@U0BOB>.',
      'A public status update: due 1 hour ago, for <@U0LEAD>.',
      'They count as sent. Reminders due from now on come as usual.',
    ]);
  });

  test.each<[Locale, string, string]>([
    [
      'en',
      '⏰ While calma was away, a reminder fell due',
      'Follow-up F2 (Rotate the API key): due 3 days ago.',
    ],
    [
      'es',
      '⏰ Mientras calma no estaba en marcha venció un recordatorio',
      'Acción de seguimiento F2 (Rotate the API key): con 3 días de retraso.',
    ],
    [
      'fr',
      '⏰ Pendant l’absence de calma, un rappel est arrivé à échéance',
      'Action de suivi F2 (Rotate the API key) : en retard de 3 jours.',
    ],
  ])(
    'GIVEN one follow-up missed for three days WHEN the card is in %s THEN it is singular and says days',
    (locale, title, line) => {
      const followup: Reminder = { kind: 'followup', followup: 2, attempt: 1, dueAt: at(0) };

      const made = card(locale, [{ reminder: followup, audience: undefined }], 3 * 24 * 60);

      expect(made.title).toBe(title);
      expect(made.lines?.[0]).toBe(line);
    },
  );

  test.each<[Locale, string]>([
    ['en', 'Naming an incident lead: due 1 minute ago.'],
    ['es', 'Nombrar a un responsable de la crisis: con 1 minuto de retraso.'],
    ['fr', 'Désigner un responsable de crise : en retard de 1 minute.'],
  ])(
    'GIVEN a nag missed by a minute WHEN the card is in %s THEN it says one minute, singular',
    (locale, line) => {
      const nag: Reminder = { kind: 'no-lead', attempt: 1, dueAt: at(10) };

      expect(card(locale, [{ reminder: nag, audience: undefined }], 11).lines?.[0]).toBe(line);
    },
  );

  test('GIVEN two nags missed in Spanish and French WHEN the card is made THEN the title is plural', () => {
    const missed = [
      { reminder: { kind: 'no-lead', attempt: 1, dueAt: at(10) } as Reminder, audience: undefined },
      { reminder: { kind: 'no-severity', attempt: 1, dueAt: at(5) } as Reminder, audience: undefined },
    ];

    expect(card('es', missed, 45).title).toBe(
      '⏰ Mientras calma no estaba en marcha vencieron 2 recordatorios',
    );
    expect(card('fr', missed, 45).title).toBe(
      '⏰ Pendant l’absence de calma, 2 rappels sont arrivés à échéance',
    );
    expect(card('fr', missed, 45).lines?.slice(0, 2)).toEqual([
      'Fixer la gravité : en retard de 40 minutes.',
      'Désigner un responsable de crise : en retard de 35 minutes.',
    ]);
  });
});
