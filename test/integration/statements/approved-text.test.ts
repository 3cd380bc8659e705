/**
 * Approvers see what they approve: an edit posts the card again for everyone (the old one is void), each
 * approval records the SHA-256 of the exact text it approved, and a text that no longer matches an
 * approval is never published.
 */
import { createHash } from 'node:crypto';
import type { Statement } from '../../../src/core/types';
import { textOf } from '../../support/recording-chat';
import { waitFor } from '../../support/wait-for';
import { ana, bob, lena, replyText } from '../handlers/world';
import { DEFAULT_TEXT, inRoom, openAndDraft, useStatements } from './statement-world';

const { world, target } = useStatements();

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const statementPosts = (w: ReturnType<typeof world>, room: string) =>
  w.chat.posts.filter((p) => p.room === room && /Statement S1:/.test(p.card.title ?? ''));
const publicPosts = (w: ReturnType<typeof world>, room: string) =>
  w.chat.postsIn(room).filter((card) => card.title?.startsWith('📣 Public statement'));

test('GIVEN S1 waiting for approval WHEN ana edits it THEN the card is posted again with the new text and a version-2 Approve, and the old card is void with no buttons', async () => {
  const w = world();
  const room = await openAndDraft(w);

  await w.command(inRoom(ana, room), 'edit S1 We are sorry. Change your password now. Next update at 11:00.');

  const [first, second] = statementPosts(w, room);
  expect(second?.card.lines?.[0]).toBe('We are sorry. Change your password now. Next update at 11:00.');
  expect(second?.card.buttons?.[0]?.action).toEqual({ kind: 'statement.approve', args: ['1', '1', '2'] });
  const void_ = w.chat.updates.filter((u) => u.ref.id === first?.ref.id).at(-1)?.card;
  expect(textOf(void_ ?? {})).toBe(
    'Statement S1 was edited: this version is void. The new text is in the card below.',
  );
  expect(void_?.buttons).toBeUndefined();
  // Approvals act on the new card from now on.
  expect((await w.incident(1)).statements?.[0]?.card).toEqual(second?.ref);
});

test('GIVEN bob approves S1 THEN his approval records the SHA-256 of the exact text he approved, and the status page receives it with the text', async () => {
  const w = world();
  const room = await openAndDraft(w);

  await w.command(inRoom(bob, room), 'approve S1');

  expect((await w.incident(1)).statements?.[0]?.approvals).toEqual([
    expect.objectContaining({ by: 'U0BOB', sha256: sha256(DEFAULT_TEXT) }),
  ]);
  await waitFor(() => publicPosts(w, room).length === 1);
  const [received] = await waitFor(() => (target.accepted().length === 1 ? target.accepted() : null));
  const sent = JSON.parse(received?.body ?? '{}').statement;
  expect(sent.approvals[0].sha256).toBe(sha256(sent.text));
});

describe('a text changed after approval', () => {
  /** A SEV1 (approver + lead) where bob approved S1, then its stored text changed without an edit. */
  async function approvedThenChanged(w: ReturnType<typeof world>): Promise<string> {
    delete w.deps.approvalPolicy;
    const room = await w.open(ana);
    await w.command(inRoom(ana, room), 'role lead @U0LENA');
    await w.command(inRoom(ana, room), `update ${DEFAULT_TEXT}`);
    await w.command(inRoom(bob, room), 'approve S1');
    // Anything but an edit (which clears approvals): a bug, a hand-made fix in Redis.
    await w.store.update(ana.workspace, 1, (current) => {
      const statements = (current.statements ?? []).map(
        (s): Statement => ({ ...s, text: `${s.text} Also, buy our product.` }),
      );
      return { change: { incident: { ...current, statements }, events: [] } };
    });
    return room;
  }

  test('GIVEN bob approved S1 and its text changed since WHEN lena gives the last approval THEN it is refused and nothing is published', async () => {
    const w = world();
    const room = await approvedThenChanged(w);

    const reply = await w.command(inRoom(lena, room), 'approve S1');

    expect(replyText(reply)).toBe(
      'Statement S1 no longer reads as it did when it was approved, so it is not published. Edit it (`/crisis edit S1`) to ask for approval of the text as it stands.',
    );
    expect((await w.incident(1)).statements?.[0]?.status).toBe('pending');
    expect(publicPosts(w, room)).toHaveLength(0);
  });

  test.each([
    ['es', 'El comunicado S1 ya no dice lo mismo que cuando se aprobó, así que no se publica.'],
    [
      'fr',
      'Le communiqué S1 ne dit plus ce qu’il disait lorsqu’il a été approuvé : il n’est donc pas publié.',
    ],
  ] as const)(
    'GIVEN a %s-speaking approver WHEN the refusal comes THEN it is in her language',
    async (locale, start) => {
      const w = world();
      const room = await approvedThenChanged(w);

      const reply = await w.command({ ...inRoom(lena, room), locale }, 'approve S1');

      expect(replyText(reply)).toContain(start);
    },
  );
});
