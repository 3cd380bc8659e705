/**
 * The chaos run's accounting, once calma has settled: every request sent (acknowledged, told it failed,
 * applied, silently lost), every published statement's deliveries per target, every reminder that fell
 * due. Printed as tables; the caller gets the two numbers `--strict` judges.
 */
import type { Queue } from 'bullmq';
import { decodeAction } from '../../src/core/card';
import { reminderKey } from '../../src/core/reminders';
import type { Incident } from '../../src/core/types';
import type { ReminderJob } from '../../src/ports/scheduler';
import type { RedisIncidentStore } from '../../src/store/redis-incident-store';
import type { Args, FakeSlack } from '../../test/support/fake-slack';
import { TEAM } from './chaos-requests';
import { ANNOUNCEMENTS, type Attempt, KINDS, told } from './chaos-script';
import type { Delivery } from './chaos-target';
import { percentile, table } from './stats';

/** A request taking longer than this was held by a process that died (run elsewhere after 20–25 s). */
const TAKEN_OVER_S = 8;

/** Something the chaos did, with when. */
export interface ChaosEvent {
  at: number;
  what: string;
}

export interface Verdict {
  silentlyLost: number;
  /** Statement × target pairs delivered under two different delivery ids. */
  twoIds: number;
}

export interface Accounting {
  fake: FakeSlack;
  store: RedisIncidentStore;
  attempts: readonly Attempt[];
  deliveries: readonly Delivery[];
  targets: readonly string[];
  reminders: Queue<ReminderJob>;
  events: readonly ChaosEvent[];
  startedAt: number;
  /** When Redis was SIGKILLed: acknowledged writes in the second before may be gone (AOF everysec). */
  redisKilledAt: number | null;
}

export async function report(a: Accounting): Promise<Verdict> {
  const silentlyLost = await commands(a);
  const twoIds = await statements(a);
  await reminders(a);
  return { silentlyLost, twoIds };
}

const seconds = (a: Accounting, at: number) => `${((at - a.startedAt) / 1000).toFixed(1)} s`;

async function commands(a: Accounting): Promise<number> {
  const rows: string[][] = [];
  const lost: { attempt: Attempt; effects: number }[] = [];
  const totals = [0, 0, 0, 0, 0, 0, 0];
  for (const kind of KINDS) {
    const counts = [0, 0, 0, 0, 0, 0, 0];
    for (const attempt of a.attempts.filter((x) => x.kind === kind)) {
      const effects = await attempt.effects();
      const wasTold = told(a.fake, attempt);
      const silently = attempt.acknowledged && effects === 0 && !wasTold;
      const row = [
        1,
        attempt.acknowledged ? 1 : 0,
        wasTold ? 1 : 0,
        effects > 0 ? 1 : 0,
        effects > 0 && wasTold ? 1 : 0,
        effects > 1 ? 1 : 0,
        silently ? 1 : 0,
      ];
      row.forEach((v, i) => {
        counts[i] = (counts[i] ?? 0) + v;
        totals[i] = (totals[i] ?? 0) + v;
      });
      if (silently) lost.push({ attempt, effects });
    }
    rows.push([kind, ...counts.map(String)]);
  }
  rows.push(['all', ...totals.map(String)]);
  console.log(
    table(
      [
        'requests',
        'sent',
        'acknowledged',
        'told failed',
        'applied',
        'applied, told failed',
        'applied twice',
        'silently lost',
      ],
      rows,
    ),
  );
  for (const { attempt } of lost) {
    const inWindow =
      a.redisKilledAt !== null &&
      attempt.sentAt <= a.redisKilledAt &&
      attempt.sentAt > a.redisKilledAt - 2000;
    console.log(
      `LOST: ${attempt.kind} "${attempt.request}" sent to ${attempt.process} at ${seconds(a, attempt.sentAt)}, ` +
        `acknowledged, never applied, nobody told${inWindow ? ' (in the second before Redis was SIGKILLed: the AOF everysec window)' : ''}`,
    );
  }
  const why = new Map<string, number>();
  for (const x of a.attempts.filter((attempt) => !attempt.acknowledged)) {
    const reason = x.answer.ok
      ? x.answer.body.includes('Nothing was changed')
        ? 'ephemeral "Nothing was changed"'
        : `HTTP ${x.answer.status}`
      : x.answer.why.replace(/\d+\.\d+\.\d+\.\d+:\d+/, 'calma');
    why.set(reason, (why.get(reason) ?? 0) + 1);
  }
  if (why.size > 0)
    console.log(`\ntold failed at once: ${[...why].map(([reason, n]) => `${n}× ${reason}`).join('; ')}`);
  const delays = a.attempts
    .flatMap((x) => (x.appliedAt === undefined ? [] : [(x.appliedAt - x.sentAt) / 1000]))
    .sort((x, y) => x - y);
  if (delays.length > 0) {
    const slow = delays.filter((d) => d > TAKEN_OVER_S).length;
    console.log(
      `acknowledged → effect seen: median ${(percentile(delays, 50)).toFixed(1)} s, max ${(delays.at(-1) ?? 0).toFixed(1)} s; ` +
        `${slow} over ${TAKEN_OVER_S} s (run by another process after theirs died holding them)`,
    );
  }
  return lost.length;
}

async function statements(a: Accounting): Promise<number> {
  const incidents = await runIncidents(a);
  const published = incidents.flatMap((incident) =>
    (incident.statements ?? []).filter((s) => s.status === 'published').map((s) => ({ incident, s })),
  );
  const rows: string[][] = [];
  let twoIds = 0;
  for (const target of a.targets) {
    let once = 0;
    let repeated = 0;
    let split = 0;
    let missing = 0;
    for (const { incident, s } of published) {
      const got = a.deliveries.filter((d) => d.target === target && d.seq === incident.seq && d.n === s.n);
      const ids = new Set(got.map((d) => d.id));
      if (got.length === 0) missing++;
      else if (ids.size > 1) split++;
      else if (got.length > 1) repeated++;
      else once++;
    }
    twoIds += split;
    const badSignatures = a.deliveries.filter((d) => d.target === target && !d.signed).length;
    rows.push([
      `webhook ${target}`,
      ...[published.length, once, repeated, split, missing, badSignatures].map(String),
    ]);
  }
  for (const where of ['incident room', 'announcements'] as const) {
    let once = 0;
    let repeated = 0;
    let missing = 0;
    for (const { incident, s } of published) {
      const channel = where === 'announcements' ? ANNOUNCEMENTS : (incident.room ?? '');
      const title = `📣 Public statement S${s.n} · incident #${incident.seq}:`;
      const posts = a.fake.messagesIn(channel).filter((m) => String(m.text).startsWith(title)).length;
      if (posts === 0) missing++;
      else if (posts > 1) repeated++;
      else once++;
    }
    rows.push([`Slack, ${where}`, ...[published.length, once, repeated, '-', missing, '-'].map(String)]);
  }
  console.log(
    `\n${table(
      [
        'statements',
        'published',
        'delivered once',
        'repeated, same id',
        'two ids (bug)',
        'not delivered',
        'bad signature',
      ],
      rows,
    )}`,
  );
  return twoIds;
}

/**
 * Reminders: the reminder jobs that fell due (BullMQ keeps completed jobs a day), whether calma recorded
 * each as posted (its `reminder:<job id>` claim confirmed), and the reminder cards fake Slack received,
 * matched by incident and reminder (the card's Dismiss button names both).
 */
async function reminders(a: Accounting): Promise<void> {
  const incidents = await runIncidents(a);
  const seqs = new Set(incidents.map((i) => i.seq));
  const jobs = (
    await a.reminders.getJobs(['completed', 'failed', 'delayed', 'wait', 'active', 'prioritized'], 0, -1)
  ).filter((job) => job?.data?.workspace === TEAM && seqs.has(job.data.seq) && job.data.dueAt <= Date.now());
  const confirmed = new Map<string, number>();
  let posted = 0;
  let skipped = 0;
  let waiting = 0;
  let failed = 0;
  for (const job of jobs) {
    const state = await job.getState();
    const key = `${job.data.seq}/${reminderKey(job.data)}`;
    if (await a.store.isConfirmed(`reminder:${job.id}`)) {
      posted++;
      confirmed.set(key, (confirmed.get(key) ?? 0) + 1);
    } else if (state === 'completed') skipped++;
    else if (state === 'failed') failed++;
    else waiting++;
  }
  const cards = new Map<string, number>();
  for (const incident of incidents) {
    for (const message of a.fake.messagesIn(incident.room ?? '')) {
      const dismiss = reminderOf(message);
      if (dismiss) cards.set(dismiss, (cards.get(dismiss) ?? 0) + 1);
    }
  }
  let duplicated = 0;
  let notSeen = 0;
  for (const key of new Set([...confirmed.keys(), ...cards.keys()])) {
    const difference = (cards.get(key) ?? 0) - (confirmed.get(key) ?? 0);
    if (difference > 0) duplicated += difference;
    else notSeen -= difference;
  }
  const cardCount = [...cards.values()].reduce((sum, n) => sum + n, 0);
  console.log(
    `\n${table(
      ['reminders', 'count'],
      [
        ['due during the run (jobs)', String(jobs.length)],
        ['  posted (claim confirmed)', String(posted)],
        ['  no longer wanted when due (step done, closed)', String(skipped)],
        ['  still waiting after the settle', String(waiting)],
        ['  failed for good', String(failed)],
        ['reminder cards in Slack', String(cardCount)],
        ['  duplicated (more cards than confirmed jobs)', String(duplicated)],
        ['  confirmed but no card in Slack', String(notSeen)],
      ],
    )}`,
  );
}

/** `seq/reminder-key` of a reminder card: its Dismiss button carries both. */
function reminderOf(message: Args): string | undefined {
  const blocks = Array.isArray(message.blocks) ? (message.blocks as { elements?: unknown[] }[]) : [];
  for (const block of blocks) {
    for (const element of block.elements ?? []) {
      const value = (element as { value?: string }).value;
      const action = value ? decodeAction(value) : null;
      if (action?.kind === 'reminder.dismiss') return `${action.args[0]}/${action.args[1]}`;
    }
  }
  return undefined;
}

async function runIncidents(a: Accounting): Promise<Incident[]> {
  const titles = new Set(
    a.attempts
      .filter((x) => x.kind === 'open')
      .map((x) => x.request.replace('open hacked-account sev1 ', '')),
  );
  return (await a.store.list(TEAM, { all: true })).filter((i) => titles.has(i.title));
}
