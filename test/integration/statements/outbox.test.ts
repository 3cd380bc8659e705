/**
 * Publication through the outbox (BullMQ on the test Redis, real HTTP to a local status page): a
 * statement approved while a target or the chat platform is down is delivered later, once.
 */
import { verify } from '../../../src/outbound/signature';
import { textOf } from '../../support/recording-chat';
import { waitFor } from '../../support/wait-for';
import { ana, bob, replyText } from '../handlers/world';
import {
  ANNOUNCEMENTS,
  inRoom,
  openAndDraft,
  TARGET_SECRET,
  TARGET_TIMEOUT_MS,
  TIMING,
  useStatements,
} from './statement-world';

const { world, target, takeFailures } = useStatements();

const publicPosts = (w: ReturnType<typeof world>, room: string) =>
  w.chat.postsIn(room).filter((card) => card.title?.includes('📣 Public statement'));

/** Long enough for every retry of a delivery to have run (TIMING: 50 + 100 + 200 + 200 ms). */
const ALL_RETRIES_MS = 1500;

describe('outbound targets', () => {
  test('GIVEN the status page answers 500 once WHEN S1 is approved THEN it gets S1 exactly once on the retry, signed so it can verify it', async () => {
    const w = world();
    target.answerNext(500);
    const room = await openAndDraft(w);

    await w.command(inRoom(bob, room), 'approve S1');

    await waitFor(() => target.accepted().length === 1, 5000, 'the status page to accept S1');
    await new Promise((resolve) => setTimeout(resolve, ALL_RETRIES_MS));
    expect(target.received.map((r) => r.status)).toEqual([500, 200]);
    const [first, second] = target.received;
    // The same delivery id on the retry: a receiver can drop a repeat.
    expect(second?.headers['x-calma-delivery']).toBe(first?.headers['x-calma-delivery']);
    const accepted = target.accepted()[0];
    if (!accepted) throw new Error('nothing accepted');
    expect(
      verify(
        TARGET_SECRET,
        String(accepted.headers['x-calma-timestamp']),
        Buffer.from(accepted.body),
        String(accepted.headers['x-calma-signature']),
      ),
    ).toBe('ok');
    expect(
      verify(
        'another-secret',
        String(accepted.headers['x-calma-timestamp']),
        Buffer.from(accepted.body),
        String(accepted.headers['x-calma-signature']),
      ),
    ).toBe('mismatch');
    const body = JSON.parse(accepted.body);
    expect(body).toMatchObject({
      type: 'statement.published',
      incident: { seq: 1, severity: 1, playbook: 'hacked-account' },
      statement: { n: 1, locale: 'en', authors: ['U0ANA'], approvals: [{ user: 'U0BOB', role: 'approver' }] },
    });
    expect(body.statement.text).toContain('We are sorry');
    await waitFor(
      async () =>
        (await w.incident(1)).statements?.[0]?.deliveries?.['target:statuspage']?.state === 'delivered',
    );
    expect(takeFailures()).toEqual([expect.stringContaining('HTTP 500')]);
  });

  test('GIVEN the status page never answers the first POST WHEN S1 is approved THEN calma gives that attempt up after its time limit and the retry delivers S1 once', async () => {
    const w = world();
    target.holdNext();
    const room = await openAndDraft(w);

    await w.command(inRoom(bob, room), 'approve S1');

    await waitFor(() => target.accepted().length === 1, 10_000, 'the status page to accept S1');
    expect(target.received.map((r) => r.status)).toEqual([0, 200]);
    await waitFor(
      async () =>
        (await w.incident(1)).statements?.[0]?.deliveries?.['target:statuspage']?.state === 'delivered',
    );
    expect(takeFailures()).toEqual([
      expect.stringContaining(`no answer within ${TARGET_TIMEOUT_MS / 1000} s`),
    ]);
  });

  test('GIVEN the status page refuses with 404 WHEN S1 is approved THEN it is not retried, the room is told, and status shows it failed', async () => {
    const w = world();
    target.answerNext(404);
    const room = await openAndDraft(w);

    await w.command(inRoom(bob, room), 'approve S1');

    await waitFor(() =>
      w.chat
        .postsIn(room)
        .map(textOf)
        .find((t) => t.startsWith('⚠️ Statement S1 could not be delivered to statuspage')),
    );
    expect(target.received).toHaveLength(1);
    const status = replyText(await w.command(inRoom(ana, room), 'status'));
    expect(status).toContain('S1 could not be delivered to statuspage (HTTP 404)');
    expect((await w.timeline(1)).map((e) => e.kind)).toContain('statement-delivery-failed');
    takeFailures();
  });

  test('GIVEN a drill WHEN its statement is approved THEN it is posted in chat and nothing is sent outbound', async () => {
    const w = world();
    const room = await w.open(ana);
    await w.store.update('T0ACME', 1, (current) => ({
      change: { incident: { ...current, drill: true }, events: [] },
    }));
    await w.command(inRoom(ana, room), 'update Practice statement: we are sorry.');

    await w.command(inRoom(bob, room), 'approve S1');

    await waitFor(() => publicPosts(w, room).length === 1 && publicPosts(w, ANNOUNCEMENTS).length === 1);
    expect(publicPosts(w, room)[0]?.title).toMatch(/^DRILL · /);
    await new Promise((resolve) => setTimeout(resolve, TIMING.guardDelayMs + 300));
    expect(target.received).toEqual([]);
    expect(Object.keys((await w.incident(1)).statements?.[0]?.deliveries ?? {})).toEqual([
      'room',
      'announcements',
    ]);
  });
});

describe('a chat platform outage', () => {
  test('GIVEN posting to the chat fails WHEN S1 is approved THEN the publication waits; WHEN the platform is back THEN S1 appears once in each channel', async () => {
    const w = world();
    const room = await openAndDraft(w);
    w.chat.fail('post');

    const reply = await w.command(inRoom(bob, room), 'approve S1');

    // Bob is told it is published and will appear when the platform is back, not that it failed.
    expect(replyText(reply)).toContain('Statement S1 approved by <@U0BOB>: published.');
    expect(replyText(reply)).toContain('calma will post it as soon as it is back');

    await waitFor(() => takeFailures().length > 0, 5000, 'a failed delivery attempt');
    expect(publicPosts(w, room)).toHaveLength(0);
    const status = replyText(await w.command(inRoom(ana, room), 'status'));
    expect(status).toContain('S1 still being delivered to the incident channel, the announcements channel');

    w.chat.heal('post');
    await waitFor(
      () => publicPosts(w, room).length === 1 && publicPosts(w, ANNOUNCEMENTS).length === 1,
      5000,
    );
    await new Promise((resolve) => setTimeout(resolve, ALL_RETRIES_MS));
    expect(publicPosts(w, room)).toHaveLength(1);
    expect(publicPosts(w, ANNOUNCEMENTS)).toHaveLength(1);
    takeFailures();
  });

  test('GIVEN the process died after publishing but before queuing the deliveries THEN the guard queues them and S1 is delivered', async () => {
    const w = world();
    const room = await openAndDraft(w);
    // As if the approval's process died right after storing the publication: only the guard was queued.
    const deliver = w.deps.outbox?.deliver;
    if (!w.deps.outbox || !deliver) throw new Error('no outbox');
    w.deps.outbox.deliver = async () => {};
    await w.command(inRoom(bob, room), 'approve S1');
    w.deps.outbox.deliver = deliver;
    expect(publicPosts(w, room)).toHaveLength(0);

    await waitFor(
      () => publicPosts(w, room).length === 1,
      TIMING.guardDelayMs + 3000,
      'the guard to deliver S1',
    );
    await waitFor(() => target.accepted().length === 1);
  });
});
