import type { webApi } from '@slack/bolt';
import type { MessageRef, PostOnce } from '../ports/chat';
import { retriedByCalma, type SlackRetries } from './retries';

type WebClient = webApi.WebClient;

/** The metadata event type of a post made with a `PostOnce` key; its payload is `{ key }`. */
export const POSTED_ONCE = 'calma_post';

/** How far before `since` to look: Slack's clock and calma's may differ a little. */
const CLOCK_SLACK_MS = 60_000;
/** Pages of history read at most (200 messages each): a room's or triage channel's last minutes. */
const MAX_PAGES = 5;

/**
 * `chat.postMessage` for a post that must show once (`PostOnce`). Slack takes no idempotency key, but
 * keeps message metadata and returns it from `conversations.history` when asked (`include_all_metadata`):
 * a keyed post carries `{ key }`, and is looked for before posting again whenever an earlier attempt may
 * have landed: an attempt left unanswered (calma retries it itself, as it does channel creates, rather
 * than the Web API client retrying blind), or an earlier run of the same work (`since`). Only apps can
 * set metadata, so a person cannot make calma skip a post. The usual path costs no extra call.
 *
 * @see https://api.slack.com/methods/conversations.history
 */
export class OncePoster {
  /**
   * @param posts a client that does not retry by itself (`retries: 0`, 429s handed back);
   * @param reads the client for the lookup, a read that may be retried.
   */
  constructor(
    private readonly posts: WebClient,
    private readonly reads: WebClient,
    private readonly retry: SlackRetries,
  ) {}

  async post(
    message: webApi.ChatPostMessageArguments & { channel: string },
    once: PostOnce,
  ): Promise<MessageRef> {
    const room = message.channel;
    const started = new Date();
    const metadata = { event_type: POSTED_ONCE, event_payload: { key: once.key } };
    let first = true;
    return retriedByCalma(this.retry, async (unanswered) => {
      // An earlier run (`since`) or an attempt of this one may have posted it: look before posting.
      const since = unanswered ? (once.since ?? started) : first ? once.since : undefined;
      first = false;
      const found = since ? await this.find(room, once.key, since) : null;
      if (found) return found;
      const posted = await this.posts.chat.postMessage({ ...message, metadata });
      return { room: posted.channel ?? room, id: posted.ts ?? '' };
    });
  }

  /** The message posted with this key in `room` since `since`, or null. */
  private async find(room: string, key: string, since: Date): Promise<MessageRef | null> {
    const oldest = ((since.getTime() - CLOCK_SLACK_MS) / 1000).toFixed(6);
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const answer = await this.reads.conversations.history({
        channel: room,
        oldest,
        include_all_metadata: true,
        limit: 200,
        ...(cursor ? { cursor } : {}),
      });
      const found = answer.messages?.find(
        (m) =>
          m.metadata?.event_type === POSTED_ONCE &&
          (m.metadata.event_payload as { key?: unknown } | undefined)?.key === key,
      );
      if (found?.ts) return { room, id: found.ts };
      cursor = answer.response_metadata?.next_cursor || undefined;
      if (!answer.has_more || !cursor) return null;
    }
    return null;
  }
}
