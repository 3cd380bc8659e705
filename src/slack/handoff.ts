import type { webApi } from '@slack/bolt';
import type { Caller, Deps, Reply } from '../app/deps';
import { dispatch, type Interaction } from '../app/dispatch';
import { callerLocale, problem } from '../app/mutate';
import type { Locale } from '../core/types';
import type { CommandQueue, Guard } from '../queue/commands';
import { fetchWithin, PLATFORM_TIMEOUTS } from '../timeouts';
import { cardsToMessages, type SlackMessage } from './blocks';
import { firstDelivery } from './idempotency';
import type { QuietGate } from './quiet-gate';
import { deliver, type ReplyChannel } from './replies';
import { slackCode } from './slack-chat';
import type { UserZones } from './user-zones';

type WebClient = webApi.WebClient;

/**
 * An acknowledged Slack request, as it is written to Redis: everything needed to run it and answer the
 * person who asked, from any calma process, after the one that acknowledged it has gone.
 */
export interface SlackJob {
  caller: Caller;
  interaction: Interaction;
  /** Where the answer goes: the response_url when Slack gave one (valid 30 minutes), else an ephemeral. */
  responseUrl?: string;
  /** Opens a modal when the work wants a form (valid 3 s after the request). */
  triggerId?: string;
}

/** The warning a person gets when their request could not be written to Redis: nothing was done. */
export function notRecorded(locale: Locale): SlackMessage {
  const [message] = cardsToMessages(problem(locale, { key: 'errors.notRecorded' }).cards);
  if (!message) throw new Error('a one-line card renders as one message');
  return message;
}

/**
 * Runs the Slack requests this process acknowledged, and those a dead process left (`recover`). Each
 * waits at the gate (acks of a burst go first; a bounded number at once), is dispatched, and its
 * requester is answered. A failed answer is logged with context (the work itself is done).
 */
export class SlackRunner {
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly deps: Deps,
    private readonly client: WebClient,
    private readonly gate: QuietGate,
    private readonly zones: UserZones,
    private readonly timeoutMs = PLATFORM_TIMEOUTS.callMs,
  ) {}

  /**
   * Runs a request this process guarded in Redis; the guard is dropped once it is done. A request Slack
   * sent again (in flight, or its delivery key claimed before) is left to whoever took it first.
   */
  take(job: SlackJob, guard: Guard): void {
    const work = (async () => {
      const leave = await this.gate.enter();
      try {
        // A request Slack sent again: while in flight its first copy holds it; after, it was claimed.
        if (guard.duplicate) return;
        const key = job.caller.request;
        if (key && !(await firstDelivery(this.deps.store, key))) return guard.done();
        await this.run(job);
        await guard.done();
      } catch (error) {
        // Left in Redis: the next sweep puts it on the queue, and it is run again here or elsewhere.
        await guard.release();
        this.deps.log.error(
          { err: error, user: job.caller.user },
          'a Slack request failed: it will be retried',
        );
      } finally {
        leave();
      }
    })();
    this.running.add(work);
    void work.finally(() => this.running.delete(work));
  }

  /** Runs a request whose process died before it was done (it may have done part of it). */
  async recover(job: SlackJob): Promise<void> {
    const leave = await this.gate.enter();
    try {
      await this.run(job);
    } finally {
      leave();
    }
  }

  /** Resolves once the requests running now are over (a clean stop). */
  async drained(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  private async run(job: SlackJob): Promise<void> {
    // Asked here, not when acknowledging: the lookup must not eat into Slack's three seconds.
    const timeZone = await this.zones.of(job.caller.user);
    const caller = timeZone ? { ...job.caller, timeZone } : job.caller;
    const reply = await dispatch(this.deps, caller, job.interaction);
    await answer(this.deps, this.client, caller, reply, replyChannel(this.client, job, this.timeoutMs));
  }
}

/** How the answer of a job reaches the one person it is for. */
export function replyChannel(client: WebClient, job: SlackJob, timeoutMs: number): ReplyChannel {
  const { room, user } = job.caller;
  const url = job.responseUrl;
  return {
    room,
    ...(job.triggerId ? { triggerId: job.triggerId } : {}),
    ephemeral: (m) =>
      url
        ? postToResponseUrl(url, { response_type: 'ephemeral', replace_original: false, ...m }, timeoutMs)
        : postEphemeral(client, room, user, m),
  };
}

/** Sends a reply; a failure to deliver it is logged with context, never lost silently. */
export async function answer(deps: Deps, client: WebClient, caller: Caller, reply: Reply, to: ReplyChannel) {
  const locale = callerLocale(deps, caller);
  try {
    await deliver(client, reply, to, locale);
  } catch (error) {
    deps.log.error(
      { err: error, user: caller.user, room: to.room, code: slackCode(error) },
      'could not deliver a reply in Slack',
    );
    // A form whose trigger expired (the request waited out a restart): say so rather than stay silent.
    if (reply.form && slackCode(error) === 'expired_trigger_id') {
      const [message] = cardsToMessages(problem(locale, { key: 'errors.formExpired' }).cards);
      if (message) await to.ephemeral(message).catch(() => undefined);
    }
  }
}

export function postEphemeral(
  client: WebClient,
  channel: string,
  user: string,
  m: SlackMessage | { text: string; blocks: unknown[] },
) {
  return client.chat.postEphemeral({ channel, user, text: m.text, blocks: m.blocks as never });
}

/** POSTs a message to a response_url, as Bolt's `respond()` does, with a timeout. */
async function postToResponseUrl(url: string, message: Record<string, unknown>, timeoutMs: number) {
  const response = await fetchWithin(timeoutMs)(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(message),
  });
  if (!response.ok) throw new Error(`response_url answered ${response.status}`);
}

export type SlackCommandQueue = CommandQueue<SlackJob>;
