/**
 * The holding statement one press away, filled rather than pasted: through the real handlers and store,
 * from the opening card, `/crisis update holding`, the form's questions, and the approval that refuses a
 * statement still holding a `{placeholder}`.
 */
import type { Form } from '../../../src/ports/chat';
import { button, buttonsOf } from '../../support/recording-chat';
import { ana, bob, replyText } from '../handlers/world';
import { inRoom, useStatements } from './statement-world';

const { world } = useStatements();

const CONTACT = 'help@acme.example';
const SIGNATURE = 'Ana García, head of social media';

/** The hacked-account step with the holding template (index 5: "Publish a holding statement"). */
const HOLDING_STEP = '5';

const fieldIds = (form: Form | undefined) => form?.fields.map((f) => f.id) ?? [];
const initialText = (form: Form | undefined) => form?.fields.find((f) => f.id === 'text')?.initial ?? '';

describe('the holding statement, one press away', () => {
  test('GIVEN `/crisis open` WHEN the room opens THEN its first step card offers "Draft holding statement", which opens the form with the holding template', async () => {
    const w = world();
    const room = await w.open(ana);

    const opening = w.latestStepCard(room);
    expect(opening.title).toContain('Step 1 of');
    const draft = button(opening, 'Draft holding statement');
    expect(draft.action).toEqual({ kind: 'statement.draft', args: ['1', HOLDING_STEP] });

    const reply = await w.press(inRoom(ana, room), draft);
    // The next update the template promises travels with the form (epoch ms), to be recorded with the draft.
    expect(reply.form?.submit).toEqual({
      kind: 'statement.draft',
      args: ['1', HOLDING_STEP, expect.stringMatching(/^\d{13}$/)],
    });
    expect(initialText(reply.form)).toMatch(/^Our \{account\} account was hacked – /);
  });

  test('GIVEN the open form WHEN an incident opens from it THEN its first card offers "Draft holding statement" too', async () => {
    const w = world();
    const { form } = await w.command(ana, 'open');
    const opened = await w.submit(ana, form, { title: 'Spam', playbook: 'hacked-account', severity: 'sev1' });

    const card = w.latestStepCard(opened.openedRoom ?? '');
    expect(buttonsOf(card).map((b) => b.label)).toContain('Draft holding statement');
  });

  test('GIVEN a playbook without a holding template WHEN its room opens THEN no such button is offered', async () => {
    const w = world();
    const room = await w.open(ana, 'open preparedness-audit sev4 Quarterly audit');

    expect(buttonsOf(w.latestStepCard(room)).map((b) => b.label)).not.toContain('Draft holding statement');
  });

  test('GIVEN any step WHEN ana types `/crisis update holding` THEN the holding template opens; `update` and `final` pick theirs', async () => {
    const w = world();
    const room = await w.open(ana);

    const holding = await w.command(inRoom(ana, room), 'update holding');
    expect(holding.form?.submit.args).toEqual(['1', HOLDING_STEP, expect.stringMatching(/^\d{13}$/)]);
    expect(initialText(holding.form)).toMatch(/^Our \{account\} account was hacked – /);
    expect(initialText((await w.command(inRoom(ana, room), 'update update')).form)).toMatch(
      /^Update on our \{account\} account – /,
    );
    expect(initialText((await w.command(inRoom(ana, room), 'update final')).form)).toMatch(
      /^Our \{account\} account was hacked today: what happened/,
    );
    // More than the one word is a statement, drafted as written.
    await w.command(inRoom(ana, room), 'update holding on: we are on it');
    expect((await w.incident(1)).statements?.[0]?.text).toBe('holding on: we are on it');
  });

  test('GIVEN a Spanish-speaking team WHEN `/crisis comunicado espera` THEN the Spanish holding template opens, its fields labelled in Spanish', async () => {
    const w = world();
    const room = await w.open(ana, 'open hacked-account sev1 Nuestra cuenta publica spam');
    await w.command(inRoom(ana, room), 'lang es');

    const reply = await w.command(inRoom(ana, room), 'comunicado espera');

    expect(initialText(reply.form)).toMatch(/^Nuestra cuenta \{account\} ha sido hackeada – /);
    expect(reply.form?.fields.find((f) => f.id === 'fill:account')?.label).toBe('Cuenta (nombre o @usuario)');
  });

  test('GIVEN a playbook without an update template WHEN `/crisis update update` THEN ana is told so, in words', async () => {
    const w = world();
    const room = await w.open(ana, 'open troll-attack sev2 Raid on our server');

    const reply = await w.command(inRoom(ana, room), 'update update');

    expect(reply.form).toBeUndefined();
    expect(replyText(reply)).toBe(
      'The troll-attack playbook has no status update template: write the statement with `/crisis update <text>`.',
    );
  });
});

describe('a template is filled, not pasted', () => {
  test('GIVEN calma.yaml names the contact and signature WHEN the holding form opens THEN times, next update, contact and signature are filled, and each unknown placeholder is a field', async () => {
    const w = world();
    w.deps.statements = { contact: CONTACT, signature: SIGNATURE };
    const room = await w.open(ana);
    w.clock.advanceMinutes(4);

    const reply = await w.command(inRoom(ana, room), 'update holding');

    const text = initialText(reply.form);
    // Opened at 09:30; drafted at 09:34; SEV1's cadence promises the next update 20 minutes later.
    expect(text).toContain('– 22 Nov 2026\n');
    expect(text).toContain('since 09:30 UTC today');
    expect(text).toContain('at 09:54 UTC, even if there is nothing new');
    expect(text).toContain(`write to us at ${CONTACT}:`);
    expect(text).toContain(`${SIGNATURE}, for the social media team`);
    expect(text).not.toMatch(/\{(date|time|next_update|contact|signature)\}/);
    // Asked, in the order the text names them, as many as a Discord modal holds beside the text and
    // the status page tick box; {channel} stays in the text.
    expect(fieldIds(reply.form)).toEqual([
      'text',
      'fill:account',
      'fill:affected',
      'fill:not_affected',
      'target:statuspage',
    ]);
    expect(reply.form?.fields.map((f) => f.label).slice(1, 4)).toEqual([
      'Account (name or @handle)',
      'Who or what is affected',
      // The playbook's own prompt: only what the team has checked goes there.
      'What is not affected (only what you checked)',
    ]);
    expect(text).toContain('{channel}');
  });

  test('GIVEN calma.yaml also names where updates are posted WHEN the holding form opens THEN {channel} is filled too, and every question left fits the form', async () => {
    const w = world();
    w.deps.statements = { contact: CONTACT, signature: SIGNATURE, channel: 'Instagram (@acme)' };
    const room = await w.open(ana);

    const reply = await w.command(inRoom(ana, room), 'update holding');

    const text = initialText(reply.form);
    expect(text).toContain('on our website and on Instagram (@acme) at ');
    expect(fieldIds(reply.form)).toEqual([
      'text',
      'fill:account',
      'fill:affected',
      'fill:not_affected',
      'target:statuspage',
    ]);
    // Every placeholder left in the text is one the form asks.
    const asked = fieldIds(reply.form).flatMap((id) => (id.startsWith('fill:') ? [`{${id.slice(5)}}`] : []));
    expect(text.match(/\{[a-z_]+\}/g)?.every((p) => asked.includes(p))).toBe(true);
  });

  test('GIVEN the holding form WHEN ana answers its fields THEN the draft holds her answers in place of the placeholders, counts as the holding step, and needs the approvals of the policy (not of the step)', async () => {
    const w = world();
    w.deps.statements = { contact: CONTACT, signature: SIGNATURE };
    const room = await w.open(ana);
    const { form } = await w.press(
      inRoom(ana, room),
      button(w.latestStepCard(room), 'Draft holding statement'),
    );

    await w.submit(inRoom(ana, room), form, {
      text: initialText(form).replace('{channel}', 'our Instagram'),
      'fill:account': '@acme',
      'fill:affected': 'people who clicked the links',
      'fill:not_affected': 'your payment details',
      'target:statuspage': 'true',
    });

    const statement = (await w.incident(1)).statements?.[0];
    expect(statement?.text).toMatch(/^Our @acme account was hacked – 22 Nov 2026\n/);
    expect(statement?.text).toContain(
      'Affected so far: people who clicked the links. Not affected: your payment details.',
    );
    expect(statement?.text).toContain('on our Instagram at 09:50 UTC');
    expect(statement?.text).not.toMatch(/\{[a-z_]+\}/);
    // The world's approval policy asks one approver; the holding step's own `approval` (lead + approver) is
    // for marking the step done, not for its statement.
    expect(statement).toMatchObject({ step: 5, requires: ['approver'], targets: ['statuspage'] });
    // What she said is not affected is the team's word on payment details, kept as published, with who and when.
    expect((await w.incident(1)).facts).toEqual([
      {
        text: 'Affected so far: people who clicked the links. Not affected: your payment details.',
        topics: ['payment'],
        by: ana.user,
        at: expect.any(String),
      },
    ]);
  });

  test('GIVEN no contact or signature in calma.yaml WHEN the form opens THEN they are asked like any unknown', async () => {
    const w = world();
    w.deps.outboundTargets = [];
    const room = await w.open(ana);

    const reply = await w.command(inRoom(ana, room), 'update holding');

    // Without targets there is room for four questions; {contact} and {signature} come last in the text.
    expect(fieldIds(reply.form)).toEqual([
      'text',
      'fill:account',
      'fill:affected',
      'fill:not_affected',
      'fill:channel',
    ]);
    expect(initialText(reply.form)).toContain('{contact}');
    expect(initialText(reply.form)).toContain('{signature}');
  });
});

describe('a placeholder never reaches the public', () => {
  test('GIVEN a draft that still says {account} WHEN bob approves it THEN he is refused, the placeholder named, and nothing is published', async () => {
    const w = world();
    w.deps.statements = { contact: CONTACT, signature: SIGNATURE };
    const room = await w.open(ana);
    const { form } = await w.command(inRoom(ana, room), 'update holding');
    await w.submit(inRoom(ana, room), form, {
      text: initialText(form).replace('{channel}', 'our website'),
      'fill:affected': 'people who clicked the links',
      'fill:not_affected': 'your payment details',
    });

    // Said as soon as it is drafted…
    expect(w.chat.textsIn(room).join('\n')).toContain('Still to fill before it can be approved: {account}.');

    const reply = await w.command(inRoom(bob, room), 'approve S1');

    // …and refused when approved.
    expect(replyText(reply)).toBe(
      'Statement S1 still has a placeholder to fill: {account}. Edit it (Edit, or `/crisis edit S1 <text>`) before anyone can approve it.',
    );
    const statement = (await w.incident(1)).statements?.[0];
    expect(statement).toMatchObject({ status: 'pending', approvals: [] });
    expect(w.chat.textsIn(room).join('\n')).not.toContain('Public statement');
  });

  test('GIVEN a free-text draft with two placeholders WHEN approved in French THEN the refusal names both, in French', async () => {
    const w = world();
    const room = await w.open(ana);
    await w.command(inRoom(ana, room), 'update Notre compte {account} a été piraté depuis {time}.');

    const reply = await w.command({ ...inRoom(bob, room), locale: 'fr' }, 'approve S1');

    expect(replyText(reply)).toBe(
      'Le communiqué S1 contient encore des champs à remplir : {account}, {time}. Modifiez-le (bouton Modifier ou `/crisis modifier S1 <texte>`) avant que quiconque puisse l’approuver.',
    );
  });
});

describe('the next update a statement promises', () => {
  /** Ana drafts the holding statement at 09:34 from its form, answering what it asks, `edit` applied to the text. */
  async function draftHolding(edit: (text: string) => string = (text) => text) {
    const w = world();
    w.deps.statements = { contact: CONTACT, signature: SIGNATURE };
    const room = await w.open(ana);
    w.clock.advanceMinutes(4);
    const { form } = await w.command(inRoom(ana, room), 'update holding');
    await w.submit(inRoom(ana, room), form, {
      text: edit(initialText(form).replace('{channel}', 'our website')),
      'fill:account': '@acme',
      'fill:affected': 'people who clicked the links',
      'fill:not_affected': 'your payment details',
    });
    return { w, room };
  }

  test('GIVEN the holding statement says the next update comes at 09:54, as calma filled it WHEN bob publishes it at 09:40 THEN the statement and the incident hold that promise: the cadence reminds before 09:54', async () => {
    const { w, room } = await draftHolding();
    expect((await w.incident(1)).statements?.[0]?.promise).toEqual({
      at: '2026-11-22T09:54:00.000Z',
      text: '09:54 UTC',
    });

    w.clock.advanceMinutes(6);
    await w.command(inRoom(bob, room), 'approve S1');

    const incident = await w.incident(1);
    expect(incident.statements?.[0]).toMatchObject({
      status: 'published',
      nextUpdateAt: '2026-11-22T09:54:00.000Z',
    });
    expect(incident.promisedUpdateAt).toBe('2026-11-22T09:54:00.000Z');
  });

  test('GIVEN ana changed the promised time in the text WHEN the draft is made THEN no promise is recorded: the cadence alone decides', async () => {
    const { w, room } = await draftHolding((text) => text.replace('09:54 UTC', '11:00 UTC'));
    expect((await w.incident(1)).statements?.[0]?.promise).toBeUndefined();

    w.clock.advanceMinutes(6);
    await w.command(inRoom(bob, room), 'approve S1');
    const incident = await w.incident(1);
    expect(incident.promisedUpdateAt).toBeUndefined();
    // SEV1: 20 minutes after the publication at 09:40.
    expect(incident.statements?.[0]?.nextUpdateAt).toBe('2026-11-22T10:00:00.000Z');
  });
});
