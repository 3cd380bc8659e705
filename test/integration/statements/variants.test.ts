/**
 * Variants per network: each checked against its network's limit as the network counts, approved
 * with the text by one approval, published with it (the card and the webhook), voided by an edit.
 */
import { approvalHash } from '../../../src/core/statement';
import { textOf } from '../../support/recording-chat';
import { waitFor } from '../../support/wait-for';
import { ana, bob, replyText } from '../handlers/world';
import { ANNOUNCEMENTS, inRoom, openAndDraft, useStatements } from './statement-world';

const { world, target } = useStatements();

const X_VARIANT = 'Our account was hacked and posted spam. Do not click its links. Next update at 11:00.';
const BLUESKY_VARIANT =
  '⚠️ Our account was hacked: do not click its links. 🙏 Update at 11:00 👉 status page.';

describe('variants per network', () => {
  test('GIVEN an X variant of 291 characters WHEN added THEN it is refused with the number, in the caller’s language, and nothing is stored', async () => {
    const w = world();
    const room = await openAndDraft(w);

    const refused = await w.command(inRoom(ana, room), `variant S1 x ${'a'.repeat(291)}`);
    const spanish = await w.command(
      { ...inRoom(ana, room), locale: 'es' },
      `variante S1 x ${'停'.repeat(141)}`,
    );

    expect(replyText(refused)).toBe('The X variant is 291 characters; X allows 280.');
    expect(replyText(spanish)).toBe('La variante para X tiene 282 caracteres; X permite 280.');
    expect((await w.incident(1)).statements?.[0]?.variants).toBeUndefined();
  });

  test('GIVEN a Bluesky variant of 300 emoji (1,200 UTF-16 units) WHEN added THEN it is taken; one emoji more is refused as 301', async () => {
    const w = world();
    const room = await openAndDraft(w);
    const emoji = '👍🏽'.repeat(300);

    const taken = await w.command(inRoom(ana, room), `variant S1 bluesky ${emoji}`);
    const over = await w.command(inRoom(ana, room), `variant S1 bluesky ${emoji}👍🏽`);

    expect(replyText(taken)).not.toContain('characters');
    expect((await w.incident(1)).statements?.[0]?.variants).toEqual({ bluesky: emoji });
    expect(replyText(over)).toBe('The Bluesky variant is 301 characters; Bluesky allows 300.');
  });

  test('GIVEN S1 with X and Bluesky variants WHEN bob approves once THEN the text and both variants are published: in the room ready to copy, and in the webhook', async () => {
    const w = world();
    const room = await openAndDraft(w);
    await w.command(inRoom(ana, room), `variant S1 x ${X_VARIANT}`);
    await w.command(inRoom(ana, room), `variant S1 bluesky ${BLUESKY_VARIANT}`);

    await w.command(inRoom(bob, room), 'approve S1');

    const s1 = (await w.incident(1)).statements?.[0];
    expect(s1?.status).toBe('published');
    expect(s1?.approvals.map((a) => a.sha256)).toEqual([approvalHash(s1 ?? { text: '' })]);
    const publicPost = () =>
      w.chat.postsIn(ANNOUNCEMENTS).find((c) => c.title?.includes('📣 Public statement'));
    await waitFor(() => publicPost() !== undefined, 5000, 'S1 in the announcements channel');
    const published = publicPost();
    const lines = published?.lines ?? [];
    expect(lines).toEqual(
      expect.arrayContaining([
        '*Ready to copy, per network:*',
        `*X · ${X_VARIANT.length}/280*`,
        X_VARIANT,
        '*Bluesky · 82/300*',
        BLUESKY_VARIANT,
      ]),
    );
    // Each variant alone on its line, right under its network: what a person copies.
    expect(lines[lines.indexOf(`*X · ${X_VARIANT.length}/280*`) + 1]).toBe(X_VARIANT);
    await waitFor(() => target.accepted().length === 1, 5000, 'the status page to take S1');
    const body = JSON.parse(target.accepted()[0]?.body ?? '{}');
    expect(body.statement.variants).toEqual({ x: X_VARIANT, bluesky: BLUESKY_VARIANT });
    expect(body.statement.approvals[0].sha256).toBe(approvalHash(s1 ?? { text: '' }));
  });

  test('GIVEN bob approved one of two WHEN ana changes the X variant THEN approvals start over, as for a text edit', async () => {
    const w = world();
    delete w.deps.approvalPolicy;
    const room = await w.open(ana);
    await w.command(inRoom(ana, room), 'role lead @U0LENA');
    await w.command(
      inRoom(ana, room),
      'update We are sorry: our account was hacked. Do not click its links.',
    );
    await w.command(inRoom(ana, room), `variant S1 x ${X_VARIANT}`);
    await w.command(inRoom(bob, room), 'approve S1');
    expect((await w.incident(1)).statements?.[0]?.approvals).toHaveLength(1);

    await w.command(inRoom(ana, room), 'variant S1 x Hacked: do not click our links. More at 11:00.');

    expect((await w.incident(1)).statements?.[0]).toMatchObject({
      approvals: [],
      version: 3,
      variants: { x: 'Hacked: do not click our links. More at 11:00.' },
    });
    const stale = await w.press(inRoom(bob, room), { kind: 'statement.approve', args: ['1', '1', '2'] });
    expect(replyText(stale)).toBe(
      'Statement S1 was edited after you opened it: read the new text before approving.',
    );
  });

  test('GIVEN a variant still holding a template placeholder WHEN approved THEN it is refused until filled', async () => {
    const w = world();
    const room = await openAndDraft(w);
    await w.command(inRoom(ana, room), 'variant S1 x Hacked. Next update at {next_update}.');

    const refused = await w.command(inRoom(bob, room), 'approve S1');

    expect(replyText(refused)).toContain('{next_update}');
    expect((await w.incident(1)).statements?.[0]?.status).toBe('pending');
  });

  test('GIVEN calma.yaml networks x and email WHEN ana opens the Edit form THEN it has a field per variant bounded by its limit, and saving it sets them', async () => {
    const w = world();
    w.deps.networks = ['x', 'email_subject', 'email_body'];
    const room = await openAndDraft(w);

    const form = (await w.press(inRoom(ana, room), { kind: 'statement.edit', args: ['1', '1'] })).form;
    expect(form?.fields.map((f) => [f.id, f.label, f.maxLength])).toEqual([
      ['text', 'What the public will read', 3000],
      ['variant:x', 'X (up to 280)', 280],
      ['variant:email_subject', 'Email subject (up to 60)', 60],
      ['variant:email_body', 'Email body (up to 3000)', 3000],
    ]);
    const text = form?.fields[0]?.initial ?? '';
    const tooLong = await w.submit(inRoom(ana, room), form, {
      text,
      'variant:x': X_VARIANT,
      'variant:email_subject':
        'Our account was hacked this morning: what you need to do now, and when we update',
    });
    expect(replyText(tooLong)).toBe(
      'The email subject is 80 characters; keep it to 60 so it reads whole on a phone.',
    );
    await w.submit(inRoom(ana, room), form, {
      text,
      'variant:x': X_VARIANT,
      'variant:email_subject': 'Our account was hacked: do not click its links',
      'variant:email_body': '',
    });
    expect((await w.incident(1)).statements?.[0]?.variants).toEqual({
      x: X_VARIANT,
      email_subject: 'Our account was hacked: do not click its links',
    });
    expect(textOf(w.chat.postsIn(room).at(-1) ?? {})).toContain('Statement S1 edited by');
  });

  test('GIVEN calma.yaml networks x and bluesky WHEN ana drafts from the hacked-account holding template THEN the draft carries its short variants, filled like the text, within their limits', async () => {
    const w = world();
    w.deps.networks = ['x', 'bluesky'];
    const room = await w.open(ana);
    const holding = w.deps.playbooks.get('hacked-account')?.steps.findIndex((s) => s.statement === 'holding');
    const form = (await w.press(inRoom(ana, room), { kind: 'statement.draft', args: ['1', String(holding)] }))
      .form;
    const values = Object.fromEntries(
      (form?.fields ?? []).filter((f) => f.id.startsWith('fill:')).map((f) => [f.id, '@acme']),
    );

    await w.submit(inRoom(ana, room), form, { text: form?.fields[0]?.initial ?? '', ...values });

    const variants = (await w.incident(1)).statements?.[0]?.variants;
    expect(Object.keys(variants ?? {})).toEqual(['x', 'bluesky']);
    expect(variants?.x).toMatch(/^Our @acme account was hacked today\. Posts and messages from it since \d/);
    expect(variants?.bluesky).toMatch(/^Our @acme account was hacked today\./);
  });
});
