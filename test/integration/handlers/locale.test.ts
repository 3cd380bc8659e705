import { button, buttonsOf, textOf } from '../../support/recording-chat';
import { ana, cardWithButtons, inRoom, replyText, useWorld } from './world';

describe('a team whose calma speaks Spanish (deps.locale = es)', () => {
  const world = useWorld({ locale: 'es' });

  test('GIVEN the default language is Spanish WHEN ana opens an incident THEN her reply and every card in the room are in Spanish', async () => {
    const w = world();

    const reply = await w.command(ana, 'open hacked-account Nos han hackeado la cuenta');

    expect((await w.incident(1)).locale).toBe('es');
    expect(replyText(reply)).toContain(`La crisis #1 está abierta en <#${reply.openedRoom}>`);
    expect(textOf(cardWithButtons(reply) ?? {})).toContain('La gravedad no está definida');
    const room = reply.openedRoom ?? '';
    const [summary, rules, step1] = w.chat.postsIn(room);
    expect(summary?.fields?.map((f) => f.label)).toContain('Gravedad');
    expect(textOf(rules ?? {})).toContain('Nunca borres ni ocultes una crítica');
    expect(step1?.title).toBe('Paso 1 de 11: Abrir la crisis y asumir la coordinación');
    expect(buttonsOf(step1).map((b) => b.label)).toEqual([
      'Hecho',
      'Omitir',
      'Asignar',
      'Redactar primer comunicado',
    ]);
  });

  test('GIVEN a Spanish incident WHEN ana presses Hecho THEN the room reads the record and step 2 in Spanish', async () => {
    const w = world();
    const room = await w.open(ana, 'open hacked-account sev1 Nos han hackeado la cuenta');

    await w.press(inRoom(ana, room), button(w.latestStepCard(room), 'Hecho'));

    const [record, step2] = w.chat.postsIn(room).slice(-2);
    expect(textOf(record ?? {})).toBe(
      '<@U0ANA> completó el paso 1: Abrir la crisis y asumir la coordinación',
    );
    expect(step2?.title).toBe('Paso 2 de 11: Cortar todas las publicaciones');
  });

  test('GIVEN the default language is Spanish WHEN ana opens without a playbook THEN the question and the playbook button are in Spanish', async () => {
    const w = world();

    const reply = await w.command(ana, 'open Nos han hackeado la cuenta');

    const question = cardWithButtons(reply);
    expect(question?.title).toBe('¿Qué protocolo encaja con «Nos han hackeado la cuenta»?');
    expect(buttonsOf(question)[0]?.label).toBe('Cuenta hackeada o comprometida');
  });

  test('GIVEN the default language is Spanish WHEN ana mistypes a command THEN the refusal and the help are in Spanish', async () => {
    const w = world();

    const reply = await w.command(ana, 'frobnicate');

    expect(replyText(reply)).toContain('«frobnicate» no es un comando de calma');
    expect(reply.cards[1]?.title).toBe('calma: gestión de crisis, paso a paso');
  });
});

describe('a French-speaking caller on an English calma (caller.locale = fr)', () => {
  const world = useWorld();
  const marie = { ...ana, user: 'U0MARIE', locale: 'fr' as const };

  test('GIVEN marie’s platform says she reads French WHEN she opens an incident THEN the incident speaks French: reply, summary, step card with a Fait button', async () => {
    const w = world();

    const reply = await w.command(marie, 'open hacked-account sev2 Notre compte publie du spam');

    expect((await w.incident(1)).locale).toBe('fr');
    expect(replyText(reply)).toContain(`La crise n°1 est ouverte dans <#${reply.openedRoom}>`);
    const room = reply.openedRoom ?? '';
    expect(w.chat.postsIn(room)[0]?.fields?.[0]).toEqual({ label: 'Statut', value: 'ouverte' });
    const step1 = w.latestStepCard(room);
    expect(step1.title).toBe('Étape 1 sur 11 : Ouvrir la crise et en prendre la direction');
    expect(buttonsOf(step1).map((b) => b.label)).toEqual([
      'Fait',
      'Passer',
      'Attribuer',
      'Rédiger le communiqué d’attente',
    ]);
  });

  test('GIVEN a French incident WHEN ana (no language of her own) presses Fait twice THEN the room stays French and her refusal is in the team’s English', async () => {
    const w = world();
    const room = await w.open(marie, 'open hacked-account sev2 Notre compte publie du spam');
    const fait = button(w.latestStepCard(room), 'Fait');

    await w.press(inRoom(ana, room), fait);
    const again = await w.press(inRoom(ana, room), fait);

    expect(w.chat.textsIn(room).at(-2)).toBe(
      'Étape 1 faite par <@U0ANA> : Ouvrir la crise et en prendre la direction',
    );
    expect(replyText(again)).toBe('Step 1 is already done.');
  });

  test('GIVEN an English incident WHEN marie asks for its status THEN the incident’s cards stay in the incident’s language', async () => {
    const w = world();
    await w.open(ana);

    const reply = await w.command(marie, 'status');

    expect(reply.cards[0]?.fields?.[0]).toEqual({ label: 'Status', value: 'open' });
  });

  test('GIVEN marie makes a mistake WHEN the command is refused THEN the refusal is in French', async () => {
    const w = world();

    const reply = await w.command(marie, 'sev9');

    expect(replyText(reply)).toContain('n’est pas une gravité');
  });
});
