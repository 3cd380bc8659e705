/**
 * A step card shows the step's platform facts under its text, one line per platform ("Meta Business:
 * …"), then the month they were checked in the reader's language, and says a year-old fact is suspect.
 */
import { stepCard } from '../../../src/cards/step';
import { plainStyle, renderCard } from '../../../src/console/render';
import type { Locale } from '../../../src/core/types';
import { translator } from '../../../src/i18n';
import { builtinPlaybooksDir, loadPlaybooks } from '../../../src/playbook/loader';
import type { PlatformFact, Playbook } from '../../../src/playbook/schema';
import { cardToMessages, SLACK_LIMITS } from '../../../src/slack/blocks';
import { anIncident } from '../../support/fixtures';

const MINUTE = 60_000;

/** The playbook with one step's platform facts changed by `edit`, to draw a case the library does not ship. */
function withFacts(
  playbook: Playbook,
  stepId: string,
  edit: (facts: PlatformFact[]) => PlatformFact[],
): Playbook {
  return {
    ...playbook,
    steps: playbook.steps.map((step) => {
      if (step.id !== stepId) return step;
      if (!step.platforms) throw new Error(`${stepId} has no platform facts`);
      return { ...step, platforms: edit(step.platforms) };
    }),
  };
}

describe('the platform facts on a step card', () => {
  let hacked: Playbook;
  beforeAll(async () => {
    const { playbooks } = await loadPlaybooks([builtinPlaybooksDir]);
    const found = playbooks.find((p) => p.id === 'hacked-account');
    if (!found) throw new Error('hacked-account is not shipped');
    hacked = found;
  });

  /** The card of a step of `playbook` as the console shows it, drawn on `day`. */
  const consoleCard = (playbook: Playbook, stepId: string, locale: Locale, day = '2026-12-07') => {
    const index = playbook.steps.findIndex((s) => s.id === stepId);
    const card = stepCard(anIncident({ locale }), playbook, index, translator(locale), (user) => `@${user}`, {
      now: Date.parse(`${day}T10:00:00Z`),
      minuteMs: MINUTE,
    });
    return { card, text: renderCard(card, plainStyle, 1) };
  };

  test('GIVEN the kill-switch step, whose X fact cites the help page it was checked against WHEN shown THEN the card says how, never the source address (it is for maintainers)', () => {
    const source = hacked.steps
      .find((s) => s.id === 'kill-switch')
      ?.platforms?.find((f) => f.platform === 'x')?.source;
    const { text } = consoleCard(hacked, 'kill-switch', 'en');

    expect(source).toMatch(/^https:\/\/help\.x\.com\//);
    expect(text).toContain('• X: Settings → Security and account access → Apps and sessions');
    expect(text).not.toContain(source?.replace('https://', ''));
  });

  test('GIVEN the kill-switch step in French WHEN shown in the console THEN each platform gets a line under the step text, then the month they were checked', () => {
    const { text } = consoleCard(hacked, 'kill-switch', 'fr');
    const lines = text.split('\n');
    const what = lines.findIndex((line) => line.includes("Action autorisée d'avance"));
    const who = lines.findIndex((line) => line.startsWith('  Qui :'));

    expect(lines.slice(what + 1, who).map((line) => line.replace(/ :.*/, ''))).toEqual([
      '  • Meta Business',
      '  • Facebook',
      '  • Instagram',
      '  • X',
      '  • TikTok',
      '  • LinkedIn',
      '  • YouTube',
      '  • Google',
      '  • Bluesky',
      '  Indications par plateforme vérifiées en décembre 2026.',
    ]);
    expect(text).toContain(
      "  • Meta Business : Paramètres de l'entreprise (Meta Business Suite → Paramètres) : dans Personnes,",
    );
  });

  test('GIVEN the same step in Spanish drawn 13 months after the check THEN the card says the facts are over a year old', () => {
    const { text } = consoleCard(hacked, 'kill-switch', 'es', '2028-01-08');

    expect(text).toContain(
      '  Indicaciones por plataforma comprobadas en diciembre de 2026. Hace más de un año: los menús cambian, así que confírmalo en la propia plataforma.',
    );
  });

  test('GIVEN facts checked in different months THEN the card gives the span, oldest first', () => {
    const playbook = withFacts(hacked, 'kill-switch', ([first, ...rest]) =>
      first ? [{ ...first, checked: '2027-03-02' }, ...rest] : rest,
    );

    expect(consoleCard(playbook, 'kill-switch', 'en').text).toContain(
      '  Platform details checked between December 2026 and March 2027.',
    );
  });

  test('GIVEN a step without platform facts THEN its card is unchanged: no checked line', () => {
    const { text } = consoleCard(hacked, 'open', 'en');

    expect(text).not.toMatch(/Platform details/);
  });

  test('GIVEN the kill-switch card on Slack THEN the platform names are bold, the text is escaped like the step text, and every section fits Block Kit', () => {
    const playbook = withFacts(hacked, 'kill-switch', ([first, ...rest]) =>
      first ? [{ ...first, how: { en: 'Ask <!channel> & check', es: 'x', fr: 'x' } }, ...rest] : rest,
    );
    const { card } = consoleCard(playbook, 'kill-switch', 'en');

    const sections = cardToMessages(card)
      .flatMap((m) => m.blocks)
      .flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : []));
    const all = sections.join('\n');

    expect(all).toContain('• *Meta Business:* Ask &lt;!channel&gt; &amp; check');
    expect(all).toContain('• *Bluesky:* Settings → Privacy and security → App passwords');
    expect(all).toContain('Platform details checked in December 2026.');
    for (const text of sections) expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
  });
});
