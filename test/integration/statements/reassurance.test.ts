/**
 * A template never asserts what may be false: through the real handlers and store, the hacked-account
 * full statement asks its passwords line with the playbook's prompt, "-" leaves the line out, an answer
 * is recorded as the team's fact, and a reassurance typed with no fact behind it warns on the card
 * until `/crisis fact` records one.
 */
import type { Form } from '../../../src/ports/chat';
import { textOf } from '../../support/recording-chat';
import { ana, bob, replyText } from '../handlers/world';
import { inRoom, useStatements } from './statement-world';

const { world } = useStatements();

const CONTACT = 'help@acme.example';
const SIGNATURE = 'Ana García, head of social media';

const fieldOf = (form: Form | undefined, id: string) => form?.fields.find((f) => f.id === id);
const initialText = (form: Form | undefined) => fieldOf(form, 'text')?.initial ?? '';

const WARNING = 'Reconsider: a reassurance no recorded fact backs (`/crisis fact`) (“passwords are safe”)';

/** The hacked-account incident and its full statement's form, calma.yaml naming the contact and signature. */
async function fullStatementForm() {
  const w = world();
  w.deps.statements = { contact: CONTACT, signature: SIGNATURE, channel: 'Instagram (@acme)' };
  const room = await w.open(ana);
  const { form } = await w.command(inRoom(ana, room), 'update final');
  return { w, room, form };
}

/** What a draft's card says to the room now (redrawn in place as it changes). */
async function cardText(w: ReturnType<typeof world>, seq: number, n: number): Promise<string> {
  const ref = (await w.incident(seq)).statements?.find((s) => s.n === n)?.card;
  const card = ref ? w.chat.currentCard(ref) : undefined;
  return card ? textOf(card).replaceAll('*', '') : '';
}

describe('a template never asserts what may be false', () => {
  test('GIVEN the full statement WHEN its form opens THEN the passwords line is a field asked with the playbook’s prompt and example, saying “-” leaves it out, before placeholders the playbook does not describe', async () => {
    const { form } = await fullStatementForm();

    expect(form?.fields.map((f) => f.id)).toEqual([
      'text',
      'fill:account',
      'fill:not_affected',
      'fill:passwords',
      'target:statuspage',
    ]);
    expect(fieldOf(form, 'fill:passwords')).toMatchObject({
      label: 'Passwords: what you have checked (“-”: leave the line out)',
      placeholder:
        'e.g. safe, as the attacker had our account, never yours, unless you typed one on such a page',
    });
    expect(initialText(form)).toContain('\nYour passwords: {passwords}\n');
    expect(initialText(form)).not.toMatch(/passwords are safe|never yours/);
  });

  test('GIVEN a Spanish-speaking team WHEN the full statement form opens THEN the field is asked in Spanish', async () => {
    const w = world();
    const room = await w.open(ana);
    await w.command(inRoom(ana, room), 'lang es');

    const { form } = await w.command(inRoom(ana, room), 'comunicado final');

    expect(fieldOf(form, 'fill:passwords')?.label).toBe(
      'Contraseñas: lo que has comprobado («-»: quitar la línea)',
    );
    expect(initialText(form)).toContain('\nTus contraseñas: {passwords}\n');
  });

  test('GIVEN the form WHEN ana answers the passwords field “-” THEN the draft has no passwords line and no gap where it stood, and nothing is recorded about passwords', async () => {
    const { w, room, form } = await fullStatementForm();

    await w.submit(inRoom(ana, room), form, {
      text: initialText(form),
      'fill:account': '@acme',
      'fill:not_affected': 'our online shop',
      'fill:passwords': '-',
    });

    const text = (await w.incident(1)).statements?.[0]?.text ?? '';
    expect(text).toContain('What is not affected: our online shop\n\nWhat we have done:');
    expect(text).not.toContain('Your passwords');
    expect(text).not.toContain('{passwords}');
    // "our online shop" names no topic a reassurance is about: no fact either.
    expect((await w.incident(1)).facts).toBeUndefined();
  });

  test('GIVEN a field that cannot be left out WHEN ana answers it “-” THEN its placeholder stays, to fill before anyone can approve', async () => {
    const { w, room, form } = await fullStatementForm();

    await w.submit(inRoom(ana, room), form, {
      text: initialText(form),
      'fill:account': '@acme',
      'fill:not_affected': '-',
      'fill:passwords': '-',
    });

    const text = (await w.incident(1)).statements?.[0]?.text ?? '';
    expect(text).toContain('What is not affected: {not_affected}\n');
    expect(text).not.toContain('Your passwords');
  });

  test('GIVEN the form WHEN ana answers the passwords field THEN her answer is in the text and recorded as the team’s fact, with who and when, so the reassurance does not warn', async () => {
    const { w, room, form } = await fullStatementForm();
    const answer = 'the attacker had our account, never yours, so they are safe';

    await w.submit(inRoom(ana, room), form, {
      text: initialText(form),
      'fill:account': '@acme',
      'fill:not_affected': 'our online shop',
      'fill:passwords': answer,
    });

    const incident = await w.incident(1);
    expect(incident.statements?.[0]?.text).toContain(`\nYour passwords: ${answer}\n`);
    // The fact is the line as published, so the timeline reads what the public read.
    const fact = `Your passwords: ${answer}`;
    expect(incident.facts).toEqual([
      { text: fact, topics: ['passwords', 'access'], by: ana.user, at: expect.any(String) },
    ]);
    expect((await w.timeline(1)).find((e) => e.kind === 'fact')).toMatchObject({ by: ana.user, text: fact });
    expect(incident.statements?.[0]?.checklist.warnings.map((w) => w.kind)).not.toContain(
      'unbacked-reassurance',
    );
  });
});

describe('a reassurance needs a recorded fact', () => {
  test('GIVEN a typed statement that says passwords are safe WHEN drafted THEN its card warns; WHEN ana records the fact THEN the room reads it and the card is redrawn without the warning', async () => {
    const w = world();
    const room = await w.open(ana);
    await w.command(
      inRoom(ana, room),
      'update Our account was hacked at 09:00. Your passwords are safe. Next update at 10:00. — Ana',
    );
    expect(await cardText(w, 1, 1)).toContain(WARNING);

    await w.command(
      inRoom(ana, room),
      'fact Passwords: the scheduling tool never stored them, checked with its vendor',
    );

    expect(w.chat.textsIn(room).join('\n')).toContain(
      'Fact recorded on incident #1 by <@U0ANA>, about passwords. Statements may now say so in public.',
    );
    expect(await cardText(w, 1, 1)).not.toContain('Reconsider: a reassurance');
    expect((await w.incident(1)).statements?.[0]?.checklist.warnings).toEqual([]);
  });

  test('GIVEN a fact about payments WHEN a statement reassures about passwords THEN it still warns: a fact backs its own topic only', async () => {
    const w = world();
    const room = await w.open(ana);
    await w.command(
      inRoom(bob, room),
      'fact Card numbers never reach our servers: checked with the payment provider',
    );

    await w.command(inRoom(ana, room), 'update Your payment details are safe. Your passwords are safe.');

    const warnings = (await w.incident(1)).statements?.[0]?.checklist.warnings ?? [];
    expect(warnings.filter((x) => x.kind === 'unbacked-reassurance').map((x) => x.excerpt)).toEqual([
      'passwords are safe',
    ]);
  });

  test('GIVEN a Spanish-speaking team WHEN a fact names no topic THEN it is refused in Spanish, and nothing is recorded', async () => {
    const w = world();
    const room = await w.open(ana);
    await w.command(inRoom(ana, room), 'lang es');

    const reply = await w.command(
      { ...inRoom(ana, room), locale: 'es' },
      'comprobado El equipo está tranquilo',
    );

    expect(replyText(reply)).toMatch(/^Ese hecho no dice de qué trata: nombra los datos personales/);
    expect((await w.incident(1)).facts).toBeUndefined();
  });
});

describe('the brand’s own handles (calma.yaml statements.own_accounts)', () => {
  test('GIVEN @acme is the brand’s own account WHEN a statement names @acme and @janedoe THEN only @janedoe is flagged as a named person, and still after a fact redraws the card', async () => {
    const w = world();
    w.deps.statements = { contact: CONTACT, signature: SIGNATURE, ownAccounts: ['@Acme'] };
    const room = await w.open(ana);
    await w.command(
      inRoom(ana, room),
      'update Our account @acme was hacked at 09:00 and wrote to @janedoe. Your passwords are safe. Next update at 10:00. — Ana',
    );
    const named = async () =>
      ((await w.incident(1)).statements?.[0]?.checklist.warnings ?? [])
        .filter((hit) => hit.kind === 'named-victim')
        .map((hit) => hit.excerpt);
    expect(await named()).toEqual(['@janedoe']);

    await w.command(inRoom(ana, room), 'fact Passwords: the scheduling tool never stored them');
    expect(await named()).toEqual(['@janedoe']);
    expect((await w.incident(1)).statements?.[0]?.checklist.warnings.map((hit) => hit.kind)).not.toContain(
      'unbacked-reassurance',
    );
  });
});
