/**
 * The world the handler tests run in: the real Redis store (a fresh key prefix per test), the shipped
 * playbooks, the real i18n, a clock the test moves, and a recording chat platform (the only fake).
 */
import type { Redis } from 'ioredis';
import pino from 'pino';
import type { Caller, Deps, Reply } from '../../../src/app/deps';
import { dispatch } from '../../../src/app/dispatch';
import { defaultReminderPolicy } from '../../../src/config/schema';
import { type Action, type Button, encodeAction } from '../../../src/core/card';
import type { CapturedMessage, Clock, Incident, TimelineEntry } from '../../../src/core/types';
import { builtinPlaybooksDir, loadPlaybooks } from '../../../src/playbook/loader';
import { PlaybookRegistry } from '../../../src/playbook/registry';
import type { Form } from '../../../src/ports/chat';
import { RedisIncidentStore } from '../../../src/store/redis-incident-store';
import { RecordingChat, textOf } from '../../support/recording-chat';
import { testRedis, uniquePrefix } from '../../support/redis';

export const OPENED_AT = '2026-11-22T09:30:00.000Z';
export const WORKSPACE = 'T0ACME';

/** Ana reports the crisis from the general channel. */
export const ana: Caller = { workspace: WORKSPACE, user: 'U0ANA', room: 'C_GENERAL' };
export const bob: Caller = { workspace: WORKSPACE, user: 'U0BOB', room: 'C_GENERAL' };
export const lena: Caller = { workspace: WORKSPACE, user: 'U0LENA', room: 'C_GENERAL' };

/** The same person, typing in another room (e.g. the incident room). */
export const inRoom = (caller: Caller, room: string): Caller => ({ ...caller, room });

export class TestClock implements Clock {
  private ms: number;

  constructor(iso: string) {
    this.ms = Date.parse(iso);
  }

  now(): Date {
    return new Date(this.ms);
  }

  advanceMinutes(minutes: number): void {
    this.ms += minutes * 60_000;
  }
}

/** Everything stored for a workspace, to show that a refused command changed nothing. */
export interface Snapshot {
  incidents: Incident[];
  timelines: Record<number, TimelineEntry[]>;
  chat: ReturnType<RecordingChat['activity']>;
}

export class World {
  readonly chat = new RecordingChat();
  readonly clock = new TestClock(OPENED_AT);
  readonly store: RedisIncidentStore;
  readonly deps: Deps;

  constructor(redis: Redis, playbooks: PlaybookRegistry, overrides: Partial<Deps> = {}) {
    this.store = new RedisIncidentStore(redis, uniquePrefix());
    this.deps = {
      store: this.store,
      chat: this.chat,
      playbooks,
      clock: this.clock,
      log: pino({ level: 'silent' }),
      locale: 'en',
      timeZone: 'UTC',
      minuteMs: 60_000,
      channelPrefix: 'crisis',
      responders: ['U_ON_CALL'],
      announcements: null,
      playbooksUrl: null,
      scheduler: null,
      policy: defaultReminderPolicy,
      approvers: {},
      outboundTargets: [],
      outbox: null,
      ...overrides,
    };
  }

  /** `/crisis <text>`. */
  command(caller: Caller, text: string): Promise<Reply> {
    return dispatch(this.deps, caller, { type: 'command', text });
  }

  /** Presses a button (or sends any raw action value, as a tampered or stale payload would). */
  press(caller: Caller, what: Button | Action | string): Promise<Reply> {
    const value = typeof what === 'string' ? what : encodeAction('action' in what ? what.action : what);
    return dispatch(this.deps, caller, { type: 'action', value });
  }

  /** Submits a form the bot showed, with these answers. */
  submit(caller: Caller, form: Form | undefined, values: Record<string, string>): Promise<Reply> {
    if (!form) throw new Error('the reply carried no form');
    return dispatch(this.deps, caller, {
      type: 'form',
      kind: form.submit.kind,
      args: form.submit.args,
      values,
    });
  }

  /** A message kept as evidence from `caller.room` (Slack: the :pushpin: reaction). */
  dispatchCapture(caller: Caller, message: CapturedMessage): Promise<Reply> {
    return dispatch(this.deps, caller, { type: 'capture', message });
  }

  /** Opens an incident with a playbook and severity given, returning its room id. */
  async open(caller: Caller, text = 'open hacked-account sev1 Our account is posting spam'): Promise<string> {
    const reply = await this.command(caller, text);
    if (!reply.openedRoom) throw new Error(`open did not open a room: ${replyText(reply)}`);
    return reply.openedRoom;
  }

  async incident(seq: number, workspace = WORKSPACE): Promise<Incident> {
    const incident = await this.store.get(workspace, seq);
    if (!incident) throw new Error(`incident #${seq} is not stored`);
    return incident;
  }

  timeline(seq: number, workspace = WORKSPACE): Promise<TimelineEntry[]> {
    return this.store.timeline(workspace, seq);
  }

  async snapshot(workspace = WORKSPACE): Promise<Snapshot> {
    const incidents = await this.store.list(workspace, { all: true });
    const timelines: Record<number, TimelineEntry[]> = {};
    for (const incident of incidents) timelines[incident.seq] = await this.timeline(incident.seq, workspace);
    return { incidents, timelines, chat: this.chat.activity() };
  }

  /** The step card the room reads last (the one whose buttons a responder presses). */
  latestStepCard(room: string) {
    const card = this.chat
      .postsIn(room)
      .filter((c) => c.buttons?.some((b) => b.action.kind === 'step.done'))
      .at(-1);
    if (!card) throw new Error(`no step card in ${room}`);
    return card;
  }
}

/**
 * Registers the hooks of a test file: one Redis connection and the shipped playbooks for the file, a
 * fresh World (empty store, new key prefix) for every test. Call `world()` inside a test.
 */
export function useWorld(overrides: Partial<Deps> = {}): () => World {
  let redis: Redis;
  let playbooks: PlaybookRegistry;
  let current: World | undefined;

  beforeAll(async () => {
    redis = testRedis();
    const loaded = await loadPlaybooks([builtinPlaybooksDir]);
    if (loaded.problems.length > 0) throw new Error(`shipped playbooks have problems: ${loaded.problems}`);
    playbooks = new PlaybookRegistry(loaded.playbooks, loaded.scenarios);
  });

  beforeEach(() => {
    current = new World(redis, playbooks, overrides);
  });

  afterAll(async () => {
    await redis.quit();
  });

  return () => {
    if (!current) throw new Error('world() is only available inside a test');
    return current;
  };
}

/** Everything the caller reads in a reply, card after card. */
export function replyText(reply: Reply): string {
  return reply.cards.map(textOf).join('\n---\n');
}

/** The one card of the reply that has buttons. */
export function cardWithButtons(reply: Reply) {
  const cards = reply.cards.filter((c) => (c.buttons?.length ?? 0) > 0);
  if (cards.length !== 1) throw new Error(`expected one card with buttons, got ${cards.length}`);
  return cards[0];
}

export const kinds = (timeline: TimelineEntry[]) => timeline.map((e) => e.kind);
