/**
 * The chaos run's script: incidents as a team lives them (open, notes, steps, a statement drafted by one
 * person and approved by another, an alert, close), each request sent to a random live calma process.
 * Every request is kept as an `Attempt` with how calma answered it and a way to find its effect later
 * (in Redis, or in what fake Slack was sent), so the report can tell applied from lost.
 */
import type { Incident } from '../../src/core/types';
import type { RedisIncidentStore } from '../../src/store/redis-incident-store';
import type { Args, FakeSlack } from '../../test/support/fake-slack';
import type { CalmaReplica } from './calma-replica';
import { type Answer, genericAlert, type Person, pressButton, slashCommand, TEAM } from './chaos-requests';

export const ANA: Person = { user: 'U0ANA', name: 'ana' };
/** The configured approver: the second pair of eyes. */
export const BOB: Person = { user: 'U0BOB', name: 'bob' };
export const ANNOUNCEMENTS = 'C0ANNOUNCE';
export const TRIAGE = 'C0TRIAGE';

export const KINDS = ['open', 'note', 'step', 'draft', 'approve', 'alert', 'close'] as const;
export type Kind = (typeof KINDS)[number];

/** A person (or an alert source) tries this many times when told it failed. */
const MAX_TRIES = 6;
/** A request answered with a failure may still have been written to Redis: how long to look for it. */
const TOLD_GRACE_MS = 3000;
const POLL_MS = 100;

/** What calma says when it did not do what was asked (src/i18n/en/commands.ts `errors`). */
const FAILURE_TEXTS = [
  'Nothing was changed',
  'Something went wrong on calma',
  'refused calma’s request',
  'could not be opened in time',
];

export interface Attempt {
  kind: Kind;
  /** The command text, button or alert, as sent. */
  request: string;
  /** Its response_url id on fake Slack. */
  responseId: string;
  /** The process it was sent to, with its generation (`calma-a#2`). */
  process: string;
  sentAt: number;
  answer: Answer;
  /** HTTP 200 with an empty body (202 for an alert): calma took it. */
  acknowledged: boolean;
  /** How many times its effect is visible now (0: not applied). */
  effects(): Promise<number>;
  /** When the script first saw its effect, if it waited for it. */
  appliedAt?: number;
}

export interface ScriptWorld {
  fake: FakeSlack;
  store: RedisIncidentStore;
  processes: readonly CalmaReplica[];
  random: () => number;
  /** Makes every title and text of this run unique. */
  run: string;
  /** How long an acknowledged request may take to show its effect before the script moves on. */
  applyTimeoutMs: number;
  /** The longest pause between two requests of one incident. */
  pauseMs: number;
  readonly attempts: Attempt[];
  /** Told of every acknowledgement, with the process that gave it (the chaos kills some right after). */
  acknowledgedBy(process: CalmaReplica): void;
}

/** Whether the person who sent `attempt` was told it failed: by the answer itself or on its response_url. */
export function told(fake: FakeSlack, attempt: Attempt): boolean {
  if (!attempt.acknowledged) return true;
  return fake.responses.some(
    (r) => r.id === attempt.responseId && FAILURE_TEXTS.some((text) => JSON.stringify(r.body).includes(text)),
  );
}

/** Runs `count` scripted incidents, `lanes` of them at a time. */
export async function runScript(world: ScriptWorld, count: number, lanes: number): Promise<void> {
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < count; i = next++) await runIncident(world, i + 1);
  };
  await Promise.all(Array.from({ length: lanes }, lane));
}

async function runIncident(world: ScriptWorld, i: number): Promise<void> {
  const name = `${world.run}-${i}`;
  let tries = 0;
  const opened = await perform(
    world,
    'open',
    () => `open hacked-account sev1 Chaos ${name} try ${++tries}`,
    (text, port, url) => slashCommand(port, ANA, text, url),
    (text) => async () =>
      (await incidentsTitled(world, text.replace('open hacked-account sev1 ', ''))).length,
  );
  if (!opened) return;
  const title = opened.request.replace('open hacked-account sev1 ', '');
  const incident = (await incidentsTitled(world, title))[0];
  if (!incident) return;
  const seq = incident.seq;
  const command = async (
    kind: Kind,
    text: () => string,
    effects: (text: string) => () => Promise<number>,
  ) => {
    await pause(world);
    return perform(world, kind, text, (t, port, url) => slashCommand(port, ANA, t, url), effects);
  };
  const timeline = () => world.store.timeline(TEAM, seq);
  const count = async (test: (e: Awaited<ReturnType<typeof timeline>>[number]) => boolean) =>
    (await timeline()).filter(test).length;

  let notes = 0;
  const note = () =>
    command(
      'note',
      () => `note #${seq} Chaos note ${name}.${++notes}`,
      (text) => () => count((e) => e.kind === 'note' && e.text === text.replace(`note #${seq} `, '')),
    );
  const stepDone = (step: number) =>
    command(
      'step',
      () => `step #${seq} done ${step}`,
      // The timeline numbers steps from 0.
      () => () => count((e) => e.kind === 'step-done' && e.step === step - 1),
    );
  await note();
  await stepDone(1);
  await note();

  let drafts = 0;
  const statementText = () =>
    `We are sorry: our account was hacked this morning (${name}.${++drafts}) and posted spam. Do not click its links. Next update at 11:00.`;
  const drafted = await command(
    'draft',
    () => `update #${seq} ${statementText()}`,
    (text) => async () => {
      const body = text.replace(`update #${seq} `, '');
      return (await statements(world, seq)).filter((s) => s.text === body).length;
    },
  );
  const body = drafted?.request.replace(`update #${seq} `, '');
  const statement = body ? (await statements(world, seq)).find((s) => s.text === body) : undefined;
  if (statement) await approve(world, seq, statement.n);

  await pause(world);
  let alerts = 0;
  await perform(
    world,
    'alert',
    () => `Chaos alert ${name}.${++alerts}`,
    (alertTitle, port) => genericAlert(port, alertTitle.replaceAll(' ', '-'), alertTitle),
    (alertTitle) => async () =>
      world.fake.messagesIn(TRIAGE).filter((m) => String(m.text).includes(alertTitle)).length,
  );
  await stepDone(2);
  await note();
  let closes = 0;
  await command(
    'close',
    () => `close #${seq} Chaos ${name} resolved (${++closes})`,
    (text) => () => count((e) => e.kind === 'closed' && e.resolution === text.replace(`close #${seq} `, '')),
  );
}

/**
 * bob approves statement `n` with the Approve button on its card in the incident room, as a person
 * would; if the card never came (its post is what is late), with `/crisis approve`.
 */
async function approve(world: ScriptWorld, seq: number, n: number): Promise<void> {
  await pause(world);
  const approvals = () => async () =>
    (await world.store.timeline(TEAM, seq)).filter((e) => e.kind === 'statement-approved' && e.n === n)
      .length;
  let button: { room: string; value: string } | undefined;
  await waitFor(async () => {
    const card = (await statements(world, seq)).find((s) => s.n === n)?.card;
    const message = card && world.fake.messagesIn(card.room).find((m) => m.ts === card.id);
    const value = message && buttonValue(message, 'Approve');
    if (card && value) button = { room: card.room, value };
    return button !== undefined;
  }, world.applyTimeoutMs);
  const found = button;
  if (found) {
    await perform(
      world,
      'approve',
      () => `Approve button on S${n} of #${seq}`,
      (_, port, url) => pressButton(port, BOB, found.room, found.value, url),
      approvals,
    );
  } else {
    await perform(
      world,
      'approve',
      () => `approve #${seq} S${n}`,
      (text, port, url) => slashCommand(port, BOB, text, url),
      approvals,
    );
  }
}

/**
 * Sends a request until calma does it, as a person told it failed tries again: each try is an attempt
 * with its own text (`text()`) so its effect can be told apart. Resolves with the attempt that was
 * applied, or undefined when an acknowledged one showed no effect in time (the report says whether it
 * ever did) or every try failed.
 */
async function perform(
  world: ScriptWorld,
  kind: Kind,
  text: () => string,
  send: (text: string, port: number, responseUrl: string) => Promise<Answer>,
  effectsOf: (text: string) => () => Promise<number>,
): Promise<Attempt | undefined> {
  for (let tries = 1; tries <= MAX_TRIES; tries++) {
    const request = text();
    const target = await liveProcess(world);
    const responseId = `${kind}-${world.attempts.length + 1}`;
    const sentAt = Date.now();
    const answer = await send(request, target.port, world.fake.responseUrl(responseId));
    const taken = kind === 'alert' ? 202 : 200;
    const acknowledged = answer.ok && answer.status === taken && (kind === 'alert' || answer.body === '');
    const attempt: Attempt = {
      kind,
      request,
      responseId,
      process: `${target.name}#${target.generation}`,
      sentAt,
      answer,
      acknowledged,
      effects: effectsOf(request),
    };
    world.attempts.push(attempt);
    if (acknowledged) world.acknowledgedBy(target);
    const applied = async () => (await attempt.effects()) > 0;
    if (acknowledged) {
      await waitFor(async () => (await applied()) || told(world.fake, attempt), world.applyTimeoutMs);
      if (await applied()) {
        attempt.appliedAt = Date.now();
        return attempt;
      }
      if (!told(world.fake, attempt)) return undefined;
    } else if (await waitFor(applied, TOLD_GRACE_MS)) {
      return attempt;
    }
    await sleep(1000);
  }
  return undefined;
}

/** A random process that is serving now (waiting while all are down). */
async function liveProcess(world: ScriptWorld): Promise<CalmaReplica> {
  for (;;) {
    const live = world.processes.filter((p) => p.live);
    const chosen = live[Math.floor(world.random() * live.length)];
    if (chosen) return chosen;
    await sleep(POLL_MS);
  }
}

async function incidentsTitled(world: ScriptWorld, title: string): Promise<Incident[]> {
  return (await world.store.list(TEAM, { all: true })).filter((incident) => incident.title === title);
}

async function statements(world: ScriptWorld, seq: number) {
  return (await world.store.get(TEAM, seq))?.statements ?? [];
}

function buttonValue(message: Args, label: string): string | undefined {
  const blocks = Array.isArray(message.blocks) ? (message.blocks as { elements?: unknown[] }[]) : [];
  for (const block of blocks) {
    for (const element of block.elements ?? []) {
      const e = element as { type?: string; text?: { text?: string }; value?: string };
      if (e.type === 'button' && e.text?.text === label) return e.value;
    }
  }
  return undefined;
}

function pause(world: ScriptWorld): Promise<void> {
  return sleep(500 + world.random() * (world.pauseMs - 500));
}

/** Polls `condition` until it holds (true) or `timeoutMs` has passed (false). */
export async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() > deadline) return false;
    await sleep(POLL_MS);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
