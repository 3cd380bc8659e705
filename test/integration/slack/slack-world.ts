/**
 * calma's real Slack app (Bolt over HTTP, signed requests) against a local fake of Slack's Web API, with
 * the real Redis store, the shipped playbooks and real i18n. A fresh key prefix per world.
 */
import type { Redis } from 'ioredis';
import pino from 'pino';
import type { Deps } from '../../../src/app/deps';
import { builtinPlaybooksDir, loadPlaybooks } from '../../../src/playbook/loader';
import { PlaybookRegistry } from '../../../src/playbook/registry';
import type { OutboxService } from '../../../src/queue/outbox';
import { type RunningSlack, startSlack } from '../../../src/slack/app';
import { RedisIncidentStore } from '../../../src/store/redis-incident-store';
import type { CallTimeouts } from '../../../src/timeouts';
import { testDeps } from '../../support/deps';
import { type FakeCall, type FakeSlack, startFakeSlack } from '../../support/fake-slack';
import { type PlatformQueues, platformQueues } from '../../support/platform-queues';
import { testRedis, uniquePrefix } from '../../support/redis';
import {
  commandBody,
  eventBody,
  interactionBody,
  postSigned,
  type SignedResponse,
  uniqueTriggerId,
} from '../../support/slack-request';

export const SECRET = 'test-signing-secret';
export const TEAM = 'T1';

export interface Who {
  user: string;
  channel: string;
}
export const ana: Who = { user: 'U0ANA', channel: 'C0GENERAL' };
export const bob: Who = { user: 'U0BOB', channel: 'C0GENERAL' };

export class SlackWorld {
  private responseCount = 0;

  constructor(
    readonly fake: FakeSlack,
    readonly slack: RunningSlack,
    readonly store: RedisIncidentStore,
    readonly url: string,
    /** The statement outbox and its worker, when the world was made with `{ outbox: true }`. */
    readonly outbox: OutboxService | undefined = undefined,
  ) {}

  /** `/crisis <text>` typed by `who`; returns the HTTP answer and the response_url Slack would use. */
  async command(who: Who, text: string, extra: Record<string, string> = {}) {
    const responseId = `r${++this.responseCount}`;
    const body = commandBody({
      text,
      user_id: who.user,
      channel_id: who.channel,
      team_id: TEAM,
      response_url: this.fake.responseUrl(responseId),
      ...extra,
    });
    const http = await postSigned(this.url, body, { secret: SECRET });
    return { http, responseId, body };
  }

  /** The ephemeral reply that went to a response_url. */
  async responseText(responseId: string): Promise<string> {
    const response = await this.fake.waitForResponse((r) => r.id === responseId);
    return JSON.stringify(response.body);
  }

  /** Presses a calma button whose value is `value`, in `who.channel`. */
  async press(who: Who, value: string): Promise<{ http: SignedResponse; responseId: string }> {
    const responseId = `r${++this.responseCount}`;
    const payload = {
      type: 'block_actions',
      team: { id: TEAM, domain: 'acme' },
      user: { id: who.user, name: who.user, team_id: TEAM },
      api_app_id: 'A0CALMA',
      trigger_id: uniqueTriggerId(),
      channel: { id: who.channel, name: 'x' },
      container: { type: 'message', channel_id: who.channel, message_ts: '1.1' },
      response_url: this.fake.responseUrl(responseId),
      actions: [{ type: 'button', action_id: 'calma:0', block_id: 'b', value, action_ts: '1.2' }],
    };
    const http = await postSigned(this.url, interactionBody(payload), { secret: SECRET });
    return { http, responseId };
  }

  /** Submits the modal `views.open` showed, with these answers (`state.values` shaped as Slack sends it). */
  async submit(
    who: Who,
    view: Record<string, unknown>,
    values: Record<string, unknown>,
  ): Promise<SignedResponse> {
    const payload = {
      type: 'view_submission',
      team: { id: TEAM, domain: 'acme' },
      user: { id: who.user, name: who.user, team_id: TEAM },
      api_app_id: 'A0CALMA',
      trigger_id: uniqueTriggerId(),
      view: { id: 'V1', team_id: TEAM, type: 'modal', ...view, state: { values }, hash: 'h' },
    };
    return postSigned(this.url, interactionBody(payload), { secret: SECRET });
  }

  event(event: Record<string, unknown>, eventId?: string): Promise<SignedResponse> {
    return postSigned(
      this.url,
      eventBody(event, { team_id: TEAM, ...(eventId ? { event_id: eventId } : {}) }),
      {
        secret: SECRET,
      },
    );
  }

  /** Messages posted in a channel, as their fallback text plus every block's text (what a reader sees). */
  postsIn(channel: string): string[] {
    return this.fake
      .calls('chat.postMessage')
      .filter((c) => c.args.channel === channel && c.status === 200 && c.response?.ok === true)
      .map(readable);
  }

  /** True once the outbox has nothing left to run: no delivery (or guard) waiting, delayed or running. */
  async outboxIdle(): Promise<boolean> {
    if (!this.outbox) throw new Error('this Slack world has no outbox: use `{ outbox: true }`');
    const counts = await this.outbox.outbox.queue.getJobCounts(
      'active',
      'waiting',
      'delayed',
      'prioritized',
      'waiting-children',
    );
    return Object.values(counts).every((count) => count === 0);
  }

  /** The value of the first button labelled `label` in the latest message posted in `channel`. */
  buttonValue(channel: string, label: string): string {
    const calls = this.fake.calls('chat.postMessage').filter((c) => c.args.channel === channel);
    for (const call of [...calls].reverse()) {
      const value = findButton(call.args.blocks, label);
      if (value) return value;
    }
    throw new Error(`no button "${label}" in ${channel}`);
  }

  async stop(): Promise<void> {
    await this.slack.stop();
    await this.fake.close();
  }
}

/** Everything readable in a recorded call: its text and the text of its blocks. */
export function readable(call: FakeCall): string {
  return `${String(call.args.text ?? '')}\n${JSON.stringify(call.args.blocks ?? '')}`;
}

function findButton(blocks: unknown, label: string): string | undefined {
  if (!Array.isArray(blocks)) return undefined;
  for (const block of blocks) {
    const elements: unknown[] = Array.isArray(block?.elements) ? block.elements : [];
    for (const element of elements) {
      const e = element as { type?: string; text?: { text?: string }; value?: string };
      if (e.type === 'button' && e.text?.text === label) return e.value;
    }
  }
  return undefined;
}

/**
 * One world per test file (Bolt app + fake Slack), with a fresh store prefix per test. `reminders` wires
 * the BullMQ reminder queue and worker; `outbox` the statement outbox and its worker (test/support/platform-queues.ts:
 * quick retries, no outbound webhook targets), as src/main.ts does. `timeouts` shortens how long a
 * Slack call may take.
 */
export function useSlackWorld(
  overrides: Partial<Deps> = {},
  options: { reminders?: boolean; outbox?: boolean; timeouts?: CallTimeouts } = {},
): () => SlackWorld {
  let redis: Redis;
  let playbooks: PlaybookRegistry;
  let current: SlackWorld | undefined;
  let queues: PlatformQueues | undefined;

  beforeAll(async () => {
    redis = testRedis();
    playbooks = new PlaybookRegistry((await loadPlaybooks([builtinPlaybooksDir])).playbooks);
  });
  beforeEach(async () => {
    const fake = await startFakeSlack();
    const prefix = uniquePrefix();
    const store = new RedisIncidentStore(redis, prefix);
    const log = pino({ level: 'silent' });
    const minuteMs = overrides.minuteMs ?? 60_000;
    queues = platformQueues('slack', { prefix, playbooks, minuteMs }, options);
    const slack = await startSlack(
      testDeps(store, playbooks, {
        announcements: 'C0ANNOUNCE',
        ...queues.deps,
        ...overrides,
      }),
      {
        botToken: 'xoxb-test',
        signingSecret: SECRET,
        apiUrl: fake.apiUrl,
        port: 0,
        captureReaction: 'pushpin',
        handOff: { redisUrl: process.env.CALMA_TEST_REDIS_URL ?? '', prefix },
        ...(options.timeouts ? { timeouts: options.timeouts } : {}),
      },
      log,
    );
    queues.work(slack.deps);
    current = new SlackWorld(
      fake,
      slack,
      store,
      `http://127.0.0.1:${slack.port}/slack/events`,
      queues.outbox,
    );
  });
  afterEach(async () => {
    await queues?.stop();
    await current?.stop();
    current = undefined;
  });
  afterAll(async () => {
    await redis.quit();
  });
  return () => {
    if (!current) throw new Error('the Slack world exists only inside a test');
    return current;
  };
}
