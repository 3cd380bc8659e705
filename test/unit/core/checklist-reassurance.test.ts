/**
 * Two warnings about what a statement promises or owns: a reassurance ("your passwords are safe") with
 * no recorded fact of its topic behind it, and an apology for how people feel or on a condition
 * ("sorry if anyone was offended"), in English, Spanish and French.
 */
import { checkStatement, factTopics } from '../../../src/core/checklist';
import type { FactTopic, Locale } from '../../../src/core/types';
import { cpuMs } from '../../support/cpu-time';

const unbacked = (text: string, locale: Locale, facts: FactTopic[] = []) =>
  checkStatement(text, locale, { facts })
    .warnings.filter((w) => w.kind === 'unbacked-reassurance')
    .map((w) => w.excerpt);

const apologies = (text: string, locale: Locale) =>
  checkStatement(text, locale)
    .warnings.filter((w) => w.kind === 'conditional-apology')
    .map((w) => w.excerpt);

describe('a reassurance needs a recorded fact of its topic', () => {
  it.each<[Locale, FactTopic, string]>([
    ['en', 'passwords', 'Your passwords are not at risk from this.'],
    ['en', 'payment', 'Your card details were not exposed.'],
    ['en', 'data', 'No customer data was affected.'],
    ['en', 'access', 'Nothing was hacked.'],
    ['es', 'passwords', 'Tus contraseñas no han quedado expuestas por este ataque.'],
    ['es', 'payment', 'Tus tarjetas están a salvo.'],
    ['es', 'data', 'Tus datos personales no se han visto afectados.'],
    ['es', 'access', 'Aquí no ha habido ningún hackeo.'],
    ['fr', 'passwords', 'Vos mots de passe ne sont pas exposés.'],
    ['fr', 'payment', 'Vos cartes bancaires sont en sécurité.'],
    ['fr', 'data', 'Aucune donnée personnelle n’a été touchée.'],
    ['fr', 'access', 'Il n’y a eu aucun piratage.'],
  ])(
    'GIVEN a %s statement reassuring about %s WHEN no fact of it is recorded THEN it warns; WHEN one is THEN it does not',
    (locale, topic, text) => {
      expect(unbacked(text, locale)).toHaveLength(1);
      expect(unbacked(text, locale, [topic])).toEqual([]);
    },
  );

  it.each<[Locale, string]>([
    ['en', 'Your payment details and personal data are not affected.'],
    ['es', 'Tus datos personales y de pago no se han visto afectados.'],
    ['fr', 'Vos données personnelles et bancaires ne sont pas concernées.'],
  ])(
    'GIVEN a %s reassurance on two topics WHEN only the payment fact is recorded THEN it still warns, for the personal data',
    (locale, text) => {
      expect(unbacked(text, locale, ['payment'])).toHaveLength(1);
      expect(unbacked(text, locale, ['payment', 'data'])).toEqual([]);
    },
  );

  it.each<[Locale, string]>([
    ['en', 'Until we tell you the account is safe again, please don’t send us personal details.'],
    ['en', 'Keep your password safe, and never type it into a page a link opened.'],
    ['en', 'We are checking whether any data is affected, and will say so plainly.'],
    ['en', 'We will never ask you for your password or your card details.'],
    ['es', 'Hasta que te confirmemos que la cuenta vuelve a ser segura, no nos mandes datos personales.'],
    ['es', 'Estamos comprobando si hay datos afectados.'],
    ['fr', 'Tant que nous ne vous avons pas confirmé que le compte est de nouveau sûr, attendez.'],
    ['fr', 'Nous vérifions si des données sont touchées.'],
    // The condition between the topic and the safe word.
    ['en', 'Do not reconnect your accounts until we have said here that it is safe.'],
    ['en', 'These were your accounts, and it was our job to keep them safe.'],
    ['es', 'No vuelvas a conectar tus cuentas hasta que digamos aquí que es seguro.'],
    ['fr', 'Ne reconnectez pas vos comptes tant que nous n’avons pas dit ici que c’est sûr.'],
  ])(
    'GIVEN a %s condition, advice or honest doubt WHEN checked THEN it is no reassurance: “%s”',
    (locale, text) => {
      expect(unbacked(text, locale)).toEqual([]);
    },
  );

  it('GIVEN a text checked outside an incident (no facts given) WHEN it reassures THEN the checklist does not look for reassurances', () => {
    const kinds = checkStatement('Your passwords are safe.', 'en').warnings.map((w) => w.kind);

    expect(kinds).not.toContain('unbacked-reassurance');
  });

  it('GIVEN 4,000 characters of reassurance heads WHEN checked with no facts THEN it still takes milliseconds, not seconds', () => {
    const text = 'your passwords and your data and your card '.repeat(100).slice(0, 4_000);
    let fastest = Number.POSITIVE_INFINITY;
    // CPU time, not wall time: a loaded machine must not redden it (test/support/cpu-time.ts).
    for (let k = 0; k < 5; k += 1)
      fastest = Math.min(
        fastest,
        cpuMs(() => checkStatement(text, 'fr', { facts: [] })),
      );

    expect(fastest).toBeLessThan(50);
  });
});

describe('what a fact is about', () => {
  it.each<[Locale, string, FactTopic[]]>([
    ['en', 'Card numbers never reach our servers: checked with the payment provider', ['payment']],
    ['en', 'Passwords were never stored by the scheduling tool', ['passwords']],
    ['en', 'Nobody accessed customer accounts: login history checked at 14:00', ['access']],
    ['es', 'Los datos de pago no se han visto afectados: confirmado con el banco', ['payment']],
    ['es', 'Nadie ha accedido a los datos personales de los clientes', ['data', 'access']],
    ['fr', 'Les mots de passe sont chiffrés et n’ont pas été consultés', ['passwords']],
    ['fr', 'Aucun piratage : le compte n’a jamais quitté nos mains', ['access']],
    ['en', 'The team is calm and the coffee is hot', []],
  ])('GIVEN the %s fact “%s” THEN it is about %j', (locale, text, topics) => {
    expect(factTopics(text, locale)).toEqual(topics);
  });
});

describe('an apology owns the act, never how people feel', () => {
  it.each<[Locale, string]>([
    ['en', 'We are sorry if anyone was offended by the post.'],
    ['en', 'To everyone who was hurt or offended, we apologise.'],
    ['en', 'We apologise for any inconvenience.'],
    ['en', 'We regret that you feel this way.'],
    ['es', 'Lamentamos si alguien se ha sentido ofendido.'],
    ['es', 'Pedimos disculpas a quienes se hayan sentido ofendidos.'],
    ['es', 'Disculpen las molestias ocasionadas.'],
    ['fr', 'Nous sommes désolés si certains ont été choqués.'],
    ['fr', 'Nous regrettons que vous ayez été choqués par ce message.'],
    ['fr', 'Nous nous excusons pour la gêne occasionnée.'],
  ])('GIVEN the %s apology “%s” WHEN checked THEN it warns', (locale, text) => {
    expect(apologies(text, locale)).toHaveLength(1);
  });

  it.each<[Locale, string]>([
    ['en', 'The post was wrong, and it hurt people. We are sorry.'],
    ['en', 'We got this wrong, and we are sorry: first to the customer who told their story.'],
    ['es', 'La publicación estuvo mal e hizo daño. Lo sentimos.'],
    ['es', 'Nos equivocamos y lo sentimos.'],
    ['fr', 'La publication était inacceptable, et elle a blessé des personnes. Nous en sommes désolés.'],
    ['fr', 'Nous nous sommes trompés, et nous vous présentons nos excuses.'],
  ])('GIVEN the %s apology that owns the act “%s” WHEN checked THEN it does not warn', (locale, text) => {
    expect(apologies(text, locale)).toEqual([]);
  });
});

describe('the brand’s own handles', () => {
  it('GIVEN @acme among the own accounts WHEN a statement names @ACME and @janedoe THEN only @janedoe is a named person', () => {
    const named = (ownAccounts?: string[]) =>
      checkStatement(
        'Our account @ACME wrote to @janedoe by mistake.',
        'en',
        ownAccounts ? { ownAccounts } : {},
      )
        .warnings.filter((hit) => hit.kind === 'named-victim')
        .map((hit) => hit.excerpt);

    expect(named()).toEqual(['@ACME', '@janedoe']);
    expect(named(['@acme'])).toEqual(['@janedoe']);
  });
});
