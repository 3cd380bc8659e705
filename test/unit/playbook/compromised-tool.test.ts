import { LOCALES } from '../../../src/core/types';
import { translator } from '../../../src/i18n';
import { templateProblems } from '../../../src/playbook/template-check';
import {
  expectEveryTextWrittenPerLanguage,
  expectStatementPassesChecklist,
  useShippedPlaybook,
} from '../../support/playbooks';

/** Slack's longest button or option text: a triage card's "Open: <title>" must fit it whole. */
const SLACK_BUTTON = 75;

describe('the compromised-tool playbook (the Buffer case)', () => {
  const { playbook, registry, step } = useShippedPlaybook('compromised-tool');

  it('GIVEN the shipped file WHEN loaded THEN it is a public SEV1 crisis whose posture is ours to own: preventable, instruct first, apologise, correct', () => {
    expect(playbook()).toMatchObject({ severity: 1, private: false, kind: 'crisis', codename: false });
    expect(playbook().posture).toMatchObject({
      cluster: 'preventable',
      strategies: ['instruct', 'apology', 'correction'],
    });
  });

  it('GIVEN its steps THEN the kill switch, the revocation and the evidence come before the first word, which comes within 15 minutes', () => {
    expect(playbook().steps.map((s) => s.id)).toEqual([
      'open',
      'kill-switch',
      'revoke-connections',
      'archive-evidence',
      'severity-and-roles',
      'holding-statement',
      'coordinate-platforms',
      'reconnect-guide',
      'personal-data',
      'status-updates',
      'email-customers',
      'answer-everyone',
      'full-statement',
      'resume-publishing',
      'close-and-learn',
    ]);
    expect(step('holding-statement').due).toBeLessThanOrEqual(15);
  });

  it('GIVEN the kill switch and the revocation THEN neither waits for an approval, and together they stop every customer’s posts, revoke the tool’s tokens on each network and rotate its own secrets', () => {
    const kill = step('kill-switch');
    const revoke = step('revoke-connections');
    expect(kill).toMatchObject({ role: 'sme', approval: [] });
    expect(kill.due).toBeLessThanOrEqual(5);
    expect(kill.what.en).toMatch(/Pause every scheduled post of every customer, stop the\s+publishing queue/);
    expect(revoke).toMatchObject({ role: 'sme', approval: [] });
    expect(revoke.due).toBeLessThanOrEqual(10);
    for (const network of ['Meta', 'X', 'LinkedIn', 'TikTok']) expect(revoke.what.en).toContain(network);
    expect(revoke.what.en).toMatch(/Revoke every access token/);
    expect(revoke.what.en).toMatch(/Rotate the tool's own secrets/);
  });

  it('GIVEN its steps THEN the platforms, the safe-reconnect guide, the customers’ email, the resumption and the postmortem each have one', () => {
    expect(step('coordinate-platforms').what.en).toMatch(/developer or partner support/);
    expect(step('coordinate-platforms').what.en).toMatch(/remove the spam/);
    expect(step('reconnect-guide').what.en).toMatch(/reconnect only from inside the tool/);
    expect(step('reconnect-guide').what.en).toMatch(/never from a link in\s+an email or a direct message/);
    expect(step('reconnect-guide').what.en).toMatch(/apps connected to the account/);
    expect(step('email-customers')).toMatchObject({ role: 'comms', approval: ['lead', 'approver'] });
    expect(step('personal-data').what.en).toMatch(/open the data breach playbook/);
    expect(step('resume-publishing').approval).toEqual(['lead']);
    expect(step('close-and-learn').what.en).toMatch(/postmortem/);
  });

  it('GIVEN its statements THEN the holding and full ones need the approvals of a public word, and the update is the recurring cadence', () => {
    expect(step('holding-statement')).toMatchObject({ statement: 'holding', approval: ['lead', 'approver'] });
    expect(step('full-statement')).toMatchObject({ statement: 'full', approval: ['approver'] });
    expect(step('status-updates')).toMatchObject({ statement: 'update', recurring: true });
  });

  it('GIVEN its templates WHEN checked like `npm run playbooks:check` THEN there is no problem', () => {
    expect(templateProblems(playbook())).toEqual([]);
  });

  it.each(LOCALES)(
    'GIVEN the %s email to customers and full statement WHEN checked THEN they cover the whole checklist and trip no warning',
    (locale) => {
      for (const id of ['email-customers', 'full-statement'])
        expectStatementPassesChecklist(step(id), locale);
    },
  );

  const cleared = {
    en: /you did nothing wrong/i,
    es: /no has hecho nada mal/i,
    fr: /vous n'y êtes pour rien/i,
  };
  const reconnect = {
    en: /only from inside \{product\}, never from a link in an email or a private message/,
    es: /solo desde dentro de \{product\}, nunca desde un enlace recibido por correo o por mensaje privado/,
    fr: /uniquement depuis \{product\}, jamais depuis un lien reçu par e-mail ou en message privé/,
  };
  it.each(LOCALES)(
    'GIVEN the %s holding statement, email and full statement THEN each tells customers they did nothing wrong and to reconnect only from inside the tool',
    (locale) => {
      for (const id of ['holding-statement', 'email-customers', 'full-statement']) {
        const template = step(id).template?.[locale] ?? '';
        expect({ id, cleared: cleared[locale].test(template) }).toEqual({ id, cleared: true });
      }
      for (const id of ['status-updates', 'email-customers', 'full-statement']) {
        const template = (step(id).template?.[locale] ?? '').replace(/\s+/g, ' ');
        expect({ id, reconnect: reconnect[locale].test(template) }).toEqual({ id, reconnect: true });
      }
    },
  );

  // hacked-account's reassurance is true of our own account and exactly wrong here.
  const falseComfort = {
    en: /never yours|passwords are (?:safe|not at risk)/i,
    es: /no en la tuya|contraseñas no han quedado expuestas/i,
    fr: /pas sur le vôtre|mots de passe ne sont (?:donc )?pas exposés/i,
  };
  it.each(LOCALES)(
    'GIVEN every %s template THEN none says the customers’ passwords or accounts are safe: what was reached is a field the team fills',
    (locale) => {
      const templates = playbook().steps.flatMap((s) => (s.template ? [[s.id, s.template[locale]]] : []));
      expect(templates.length).toBe(4);
      for (const [id, template] of templates) {
        expect({ id, comfort: falseComfort[locale].exec(template ?? '')?.[0] }).toEqual({
          id,
          comfort: undefined,
        });
      }
      for (const id of ['email-customers', 'full-statement']) {
        expect(step(id).template?.[locale]).toContain('{data}');
        expect(step(id).template?.[locale]).toContain('{what_happened}');
      }
    },
  );

  it('GIVEN every text THEN English, Spanish and French are each written, not copied from another', () => {
    expectEveryTextWrittenPerLanguage(playbook());
  });

  it.each(LOCALES)(
    'GIVEN its %s title THEN a triage card’s “Open: …” button shows it whole on Slack',
    (locale) => {
      const label = translator(locale)('alerts.openWith', { playbook: playbook().title[locale] });
      expect(label.length).toBeLessThanOrEqual(SLACK_BUTTON);
    },
  );

  it.each([
    ["Buffer hacked: spam posted from customers' accounts", 'en'],
    ["Hootsuite compromised - spam going out from our users' accounts", 'en'],
    ['Scheduler compromised, unauthorized posts on client accounts', 'en'],
    ['Han hackeado nuestra herramienta: spam publicado desde las cuentas de nuestros clientes', 'es'],
    ['Outil de programmation piraté : du spam publié depuis les comptes de nos clients', 'fr'],
  ] as const)(
    'GIVEN the alert or title "%s" WHEN suggesting THEN compromised-tool comes first',
    (title, locale) => {
      expect(registry().suggest(title, locale)[0]).toBe('compromised-tool');
    },
  );

  it.each([
    ['Our Instagram account was hacked', 'en'],
    ['Our scheduler posted spam from our account', 'en'],
    ['Nos han hackeado la cuenta de Instagram', 'es'],
    ['Notre compte Instagram a été piraté', 'fr'],
  ] as const)(
    'GIVEN the title "%s" WHEN suggesting THEN hacked-account still comes first',
    (title, locale) => {
      expect(registry().suggest(title, locale)[0]).toBe('hacked-account');
    },
  );

  it('GIVEN hacked-account’s description THEN it sends the case of a tool posting from customers’ accounts here, in every language', () => {
    const hacked = registry().get('hacked-account');
    expect(hacked?.description.en).toMatch(
      /posted from their accounts, use the compromised\s+publishing tool/,
    );
    expect(hacked?.description.es).toMatch(
      /publicó desde sus cuentas, usa en su lugar el protocolo de\s+herramienta/,
    );
    expect(hacked?.description.fr).toMatch(
      /a publié depuis leurs comptes, passez plutôt à la procédure « outil/,
    );
  });

  it('GIVEN the Buffer drill THEN it practises this playbook', () => {
    expect(registry().scenario('buffer-2013')?.playbook).toBe('compromised-tool');
    expect(
      registry()
        .scenarios('compromised-tool')
        .map((s) => s.id),
    ).toEqual(['buffer-2013']);
  });
});
