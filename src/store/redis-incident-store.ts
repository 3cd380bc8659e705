import type { Change, Incident, TimelineEntry } from '../core/types';
import type { IncidentStore, PlatformWrite, WriteTicket } from '../ports/incident-store';
import type { RedisConnection } from '../redis/connect';
import { PLATFORM_TIMEOUTS } from '../timeouts';
import { type StoreKeys, storeKeys } from './keys';
import { defineScripts } from './scripts';

/** `create` was asked to store a seq the workspace already has. */
export class IncidentExistsError extends Error {
  constructor(workspace: string, seq: number) {
    super(`incident ${seq} already exists in workspace ${workspace}`);
    this.name = 'IncidentExistsError';
  }
}

/** Data under a calma key is not what calma writes there: someone else wrote to it, or a bug did. */
export class CorruptDataError extends Error {
  constructor(key: string, detail: string) {
    super(`unexpected data at Redis key ${key}: ${detail}`);
    this.name = 'CorruptDataError';
  }
}

/** How long a request's seq is remembered: far longer than any request is retried. */
const REQUEST_SECONDS = 24 * 3600;

// Optimistic concurrency across processes: with N processes racing on one incident the unluckiest may
// lose N-1 times, so the bound is well above the number of calma processes sharing a Redis.
const MAX_ATTEMPTS = 50;

/**
 * How long a platform write counts as under way when its process never says it ended (it died, or the
 * call failed): well past the longest a platform call may take (src/timeouts.ts), retries included.
 */
export const WRITE_LEASE_MS = 3 * PLATFORM_TIMEOUTS.callMs;

/** What an incident's targets show is kept this long after the last write (then a write goes through). */
const WRITTEN_SECONDS = 14 * 24 * 3600;

/** The value of an idempotency key whose effect is done (a bare claim holds '1'). */
const DONE = 'done';

export class RedisIncidentStore implements IncidentStore {
  private readonly keys: StoreKeys;
  private readonly scripts;
  /** Updates of one incident from this process, chained: they would only collide with each other. */
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(
    private readonly redis: RedisConnection,
    prefix = 'calma',
  ) {
    this.keys = storeKeys(prefix);
    this.scripts = defineScripts(redis, [
      'commit-incident',
      'delete-incident',
      'next-seq',
      'platform-writes',
    ]);
  }

  async nextSeq(workspace: string, request?: string): Promise<number> {
    if (!request) return this.redis.incr(this.keys.seq(workspace));
    const keys = [this.keys.seq(workspace), this.keys.request(workspace, request)];
    return Number(await this.scripts['next-seq'](keys, [String(REQUEST_SECONDS)]));
  }

  async create(change: Change): Promise<void> {
    const { workspace, seq } = change.incident;
    if (!(await this.commit(change, ''))) throw new IncidentExistsError(workspace, seq);
  }

  async get(workspace: string, seq: number): Promise<Incident | null> {
    const key = this.keys.incident(workspace, seq);
    const raw = await this.redis.get(key);
    return raw === null ? null : parseIncident(raw, key);
  }

  async update<R extends { change?: Change }>(
    workspace: string,
    seq: number,
    mutate: (incident: Incident) => R,
  ): Promise<R | null> {
    const key = this.keys.incident(workspace, seq);
    // Compare-and-set guards against other processes; within this one, queueing the writers of one
    // incident keeps an alert storm or a burst of clicks from turning into a retry storm.
    const previous = this.inFlight.get(key) ?? Promise.resolve();
    const next = previous.then(
      () => this.updateNow(key, workspace, seq, mutate),
      () => this.updateNow(key, workspace, seq, mutate),
    );
    this.inFlight.set(key, next);
    try {
      return await next;
    } finally {
      if (this.inFlight.get(key) === next) this.inFlight.delete(key);
    }
  }

  private async updateNow<R extends { change?: Change }>(
    key: string,
    workspace: string,
    seq: number,
    mutate: (incident: Incident) => R,
  ): Promise<R | null> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const raw = await this.redis.get(key);
      if (raw === null) return null;
      const result = mutate(parseIncident(raw, key));
      if (!result.change) return result;
      const { incident } = result.change;
      if (incident.workspace !== workspace || incident.seq !== seq) {
        throw new Error(`update of ${key} returned incident ${incident.workspace}/${incident.seq}`);
      }
      if (await this.commit(result.change, raw)) return result;
      // Someone else wrote first: re-read and re-apply, spread out so racers do not collide again.
      await sleep(Math.random() * Math.min(2 ** attempt, 25));
    }
    throw new Error(`update of ${key} gave up after ${MAX_ATTEMPTS} conflicting concurrent writes`);
  }

  async delete(
    workspace: string,
    seq: number,
    allow: (incident: Incident) => boolean = () => true,
  ): Promise<'deleted' | 'refused' | 'missing'> {
    const key = this.keys.incident(workspace, seq);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const raw = await this.redis.get(key);
      if (raw === null) return 'missing';
      const incident = parseIncident(raw, key);
      if (!allow(incident)) return 'refused';
      const keys = [
        key,
        this.keys.incidents(workspace),
        this.keys.timeline(workspace, seq),
        ...(incident.room ? [this.keys.room(workspace, incident.room)] : []),
      ];
      if ((await this.scripts['delete-incident'](keys, [raw, String(seq)])) === 1) {
        // What its platform targets showed goes too (it would expire on its own anyway).
        await this.redis.del(this.keys.written(workspace, seq));
        return 'deleted';
      }
      // Changed since it was read: look again (it may no longer be allowed).
      await sleep(Math.random() * Math.min(2 ** attempt, 25));
    }
    throw new Error(`delete of ${key} gave up after ${MAX_ATTEMPTS} conflicting concurrent writes`);
  }

  async list(workspace: string, opts: { all?: boolean } = {}): Promise<Incident[]> {
    const seqs = await this.redis.zrange(this.keys.incidents(workspace), 0, '-1', 'REV');
    if (seqs.length === 0) return [];
    const keys = seqs.map((seq) => this.keys.incident(workspace, Number(seq)));
    const raws = await this.redis.mget(keys);
    const incidents = raws.flatMap((raw, i) => (raw === null ? [] : [parseIncident(raw, keys[i] ?? '')]));
    return opts.all ? incidents : incidents.filter((incident) => incident.status === 'open');
  }

  async findByRoom(workspace: string, room: string): Promise<Incident | null> {
    const seq = await this.redis.get(this.keys.room(workspace, room));
    if (seq === null) return null;
    const incident = await this.get(workspace, Number(seq));
    // The index is never cleaned when an incident moves rooms; the incident itself is the truth.
    return incident?.room === room ? incident : null;
  }

  async timeline(workspace: string, seq: number): Promise<TimelineEntry[]> {
    const key = this.keys.timeline(workspace, seq);
    const entries = await this.redis.xrange(key, '-', '+');
    return entries.map(([id, fields]) => parseEntry(fields, id, key));
  }

  async claim(key: string, ttlSeconds: number): Promise<boolean> {
    return (await this.redis.set(this.keys.idem(key), '1', 'EX', ttlSeconds, 'NX')) === 'OK';
  }

  async release(key: string): Promise<void> {
    await this.redis.del(this.keys.idem(key));
  }

  async confirm(key: string, ttlSeconds: number): Promise<void> {
    await this.redis.set(this.keys.idem(key), DONE, 'EX', ttlSeconds);
  }

  async isConfirmed(key: string): Promise<boolean> {
    return (await this.redis.get(this.keys.idem(key))) === DONE;
  }

  async beginWrites(
    workspace: string,
    seq: number,
    writes: PlatformWrite[],
    force = false,
  ): Promise<(WriteTicket | 'busy' | null)[]> {
    if (writes.length === 0) return [];
    const args = writes.flatMap((w) => [w.target, w.digest]);
    const tickets = await this.writes(workspace, seq, force ? 'force' : 'begin', args);
    return writes.map((w, i) => {
      const ticket = Number(tickets[i] ?? 0);
      return ticket === 0 ? null : ticket < 0 ? 'busy' : { ...w, ticket };
    });
  }

  async endWrites(workspace: string, seq: number, done: WriteTicket[]): Promise<void> {
    if (done.length === 0) return;
    await this.writes(
      workspace,
      seq,
      'end',
      done.flatMap((w) => [w.target, w.digest, String(w.ticket)]),
    );
  }

  private async writes(
    workspace: string,
    seq: number,
    op: 'begin' | 'force' | 'end',
    args: string[],
  ): Promise<unknown[]> {
    const key = this.keys.written(workspace, seq);
    const out = await this.scripts['platform-writes'](
      [key],
      [op, String(WRITE_LEASE_MS), String(WRITTEN_SECONDS), ...args],
    );
    if (!Array.isArray(out)) throw new CorruptDataError(key, 'platform-writes did not answer a list');
    return out;
  }

  async putDraft(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    await this.redis.set(this.keys.draft(key), JSON.stringify(value), 'EX', ttlSeconds);
  }

  async takeDraft<T>(key: string): Promise<T | null> {
    const raw = await this.redis.getdel(this.keys.draft(key));
    // The caller put the draft under its own key, so it knows the type it gets back.
    return raw === null ? null : (JSON.parse(raw) as T);
  }

  /** Stores `change` if the incident is still `expected` (its JSON as read, or '' for "absent"). */
  private async commit(change: Change, expected: string): Promise<boolean> {
    const { workspace, seq, room } = change.incident;
    const keys = [
      this.keys.incident(workspace, seq),
      this.keys.incidents(workspace),
      this.keys.timeline(workspace, seq),
      ...(room ? [this.keys.room(workspace, room)] : []),
    ];
    const events = change.events.map(({ id: _storedId, ...event }) => JSON.stringify(event));
    const args = [expected, JSON.stringify(change.incident), String(seq), ...events];
    return (await this.scripts['commit-incident'](keys, args)) === 1;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function parseJson(raw: string, key: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new CorruptDataError(key, 'not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CorruptDataError(key, 'not a JSON object');
  }
  return value as Record<string, unknown>;
}

// Only calma writes these keys, so a shape check catches foreign or truncated data without a full schema.
function parseIncident(raw: string, key: string): Incident {
  const value = parseJson(raw, key);
  const ok =
    typeof value.workspace === 'string' &&
    typeof value.seq === 'number' &&
    typeof value.title === 'string' &&
    (value.status === 'open' || value.status === 'resolved') &&
    Array.isArray(value.steps) &&
    (value.room === null || typeof value.room === 'string');
  if (!ok) throw new CorruptDataError(key, 'not an incident');
  return value as unknown as Incident;
}

function parseEntry(fields: string[], id: string, key: string): TimelineEntry {
  const at = fields.indexOf('event');
  const raw = at % 2 === 0 ? fields[at + 1] : undefined;
  if (raw === undefined) throw new CorruptDataError(key, `stream entry ${id} has no event field`);
  const value = parseJson(raw, `${key} entry ${id}`);
  if (typeof value.kind !== 'string' || typeof value.at !== 'string' || typeof value.by !== 'string') {
    throw new CorruptDataError(key, `stream entry ${id} is not a timeline event`);
  }
  return { ...value, id } as unknown as TimelineEntry;
}
