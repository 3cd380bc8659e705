import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { AlertKeys, AlertLink, AlertStore, TriageCard, WindowNote } from '../ports/alert-store';
import { type StoreKeys, storeKeys } from './keys';
import { CorruptDataError } from './redis-incident-store';

// Claims every key for ARGV[1] unless one holds a live link: a value that is neither ours nor one of the
// stale ones (ARGV[3..]). All keys are in the workspace's slot. Returns the live link, or false.
const CLAIM_LUA = `
for i = 1, #KEYS do
  local v = redis.call('GET', KEYS[i])
  if v and v ~= ARGV[1] then
    local stale = false
    for j = 3, #ARGV do if v == ARGV[j] then stale = true end end
    if not stale then return v end
  end
end
for i = 1, #KEYS do redis.call('SET', KEYS[i], ARGV[1], 'PX', ARGV[2]) end
return false
`;

// Every key whose value (or '' when absent) is one of ARGV[3..] gets ARGV[1] ('' = deleted).
const RELINK_LUA = `
for i = 1, #KEYS do
  local v = redis.call('GET', KEYS[i]) or ''
  for j = 3, #ARGV do
    if v == ARGV[j] then
      if ARGV[1] == '' then redis.call('DEL', KEYS[i]) else redis.call('SET', KEYS[i], ARGV[1], 'PX', ARGV[2]) end
      break
    end
  end
end
return 1
`;

// Compare-and-set of a JSON record: ARGV[1] is what the caller read ('' = must not exist).
const CAS_LUA = `
local current = redis.call('GET', KEYS[1])
if ARGV[1] == '' then
  if current then return 0 end
elseif current ~= ARGV[1] then
  return 0
end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1
`;

// A message window: KEYS[1] holds the start (ms) of the window in force; KEYS[2] is a hash of the alerts
// held back since (n) and when the first of them came (first). ARGV: now, window length, mode: 'note'
// for one alert, 'flush' at a window's end. Returns {post (1/0), held, ms left in the window, first held}.
const WINDOW_LUA = `
local now, length = tonumber(ARGV[1]), tonumber(ARGV[2])
local held = tonumber(redis.call('HGET', KEYS[2], 'n') or '0')
local first = tonumber(redis.call('HGET', KEYS[2], 'first') or '0')
if ARGV[3] == 'flush' and held == 0 then return {0, 0, 0, 0} end
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', length) then
  redis.call('DEL', KEYS[2])
  return {1, held, 0, first}
end
if ARGV[3] == 'note' then
  held = redis.call('HINCRBY', KEYS[2], 'n', 1)
  if held == 1 then
    first = now
    redis.call('HSET', KEYS[2], 'first', ARGV[1])
  end
  redis.call('PEXPIRE', KEYS[2], length * 10)
end
return {0, held, math.max(redis.call('PTTL', KEYS[1]), 0), first}
`;

const sha = (script: string) => createHash('sha1').update(script).digest('hex');
const SHAS = new Map([CLAIM_LUA, RELINK_LUA, CAS_LUA, WINDOW_LUA].map((s) => [s, sha(s)]));

/** Triage cards are kept a month after their last change. */
const TRIAGE_TTL_MS = 30 * 24 * 3600_000;
/** The last status of each dedup key, per incident: kept a month after the last alert. */
const STATUS_TTL_MS = 30 * 24 * 3600_000;
const MAX_ATTEMPTS = 50;

/** AlertStore on Redis: links, triage cards and message windows under the workspace's hash tag. */
export class RedisAlertStore implements AlertStore {
  private readonly keys: StoreKeys;

  constructor(
    private readonly redis: Redis,
    prefix = 'calma',
  ) {
    this.keys = storeKeys(prefix);
  }

  async claim(
    workspace: string,
    keys: AlertKeys,
    token: AlertLink,
    stale: AlertLink[],
    ttlMs: number,
  ): Promise<AlertLink | null> {
    const result = await this.eval(CLAIM_LUA, this.linkKeys(workspace, [keys]), [
      token,
      String(Math.ceil(ttlMs)),
      ...stale,
    ]);
    return typeof result === 'string' ? result : null;
  }

  async relink(
    workspace: string,
    keys: AlertKeys[],
    from: AlertLink[],
    to: AlertLink | null,
    ttlMs: number,
  ): Promise<void> {
    if (keys.length === 0 || from.length === 0) return;
    await this.eval(RELINK_LUA, this.linkKeys(workspace, keys), [
      to ?? '',
      String(Math.ceil(ttlMs)),
      ...from,
    ]);
  }

  async linked(workspace: string, keys: AlertKeys): Promise<AlertLink | null> {
    const links = await this.redis.mget(...this.linkKeys(workspace, [keys]));
    return links.find((link) => link !== null) ?? null;
  }

  async createTriage(card: TriageCard): Promise<void> {
    const key = this.keys.alertTriage(card.workspace, card.id);
    if (!(await this.cas(key, '', card))) throw new Error(`triage card ${card.id} already exists`);
  }

  async triage(workspace: string, id: string): Promise<TriageCard | null> {
    const key = this.keys.alertTriage(workspace, id);
    const raw = await this.redis.get(key);
    return raw === null ? null : parseTriage(raw, key);
  }

  async updateTriage<R>(
    workspace: string,
    id: string,
    mutate: (card: TriageCard) => { card?: TriageCard; result: R },
  ): Promise<R | null> {
    const key = this.keys.alertTriage(workspace, id);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const raw = await this.redis.get(key);
      if (raw === null) return null;
      const { card, result } = mutate(parseTriage(raw, key));
      if (!card) return result;
      if (await this.cas(key, raw, card)) return result;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(2 ** attempt, 25)));
    }
    throw new Error(`update of ${key} gave up after ${MAX_ATTEMPTS} conflicting concurrent writes`);
  }

  note(workspace: string, scope: string, nowMs: number, windowMs: number): Promise<WindowNote> {
    return this.window(workspace, scope, nowMs, windowMs, 'note');
  }

  flush(workspace: string, scope: string, nowMs: number, windowMs: number): Promise<WindowNote> {
    return this.window(workspace, scope, nowMs, windowMs, 'flush');
  }

  async statusChanged(workspace: string, target: string, dedupKey: string, status: string): Promise<boolean> {
    const key = this.keys.alertStatus(workspace, target);
    const field = createHash('sha1').update(dedupKey).digest('hex');
    const [[, previous], ,] = (await this.redis
      .multi()
      .hget(key, field)
      .hset(key, field, status)
      .pexpire(key, STATUS_TTL_MS)
      .exec()) as [[Error | null, string | null], unknown, unknown];
    return previous !== status;
  }

  private async window(
    workspace: string,
    scope: string,
    nowMs: number,
    windowMs: number,
    mode: 'note' | 'flush',
  ): Promise<WindowNote> {
    const keys = [this.keys.alertWindow(workspace, scope), this.keys.alertHeld(workspace, scope)];
    const [post, held, endsInMs, since] = (await this.eval(WINDOW_LUA, keys, [
      String(Math.floor(nowMs)),
      String(Math.max(1, Math.ceil(windowMs))),
      mode,
    ])) as [number, number, number, number];
    return post === 1 ? { post: true, held, since } : { post: false, held, endsInMs, since };
  }

  private linkKeys(workspace: string, keys: AlertKeys[]): string[] {
    return [
      ...new Set(
        keys.flatMap((k) => [
          this.keys.alertLink(workspace, 'group', k.group),
          this.keys.alertLink(workspace, 'dedup', k.dedup),
        ]),
      ),
    ];
  }

  private async cas(key: string, expected: string, card: TriageCard): Promise<boolean> {
    return (await this.eval(CAS_LUA, [key], [expected, JSON.stringify(card), String(TRIAGE_TTL_MS)])) === 1;
  }

  private async eval(script: string, keys: string[], args: string[]): Promise<unknown> {
    const digest = SHAS.get(script) ?? sha(script);
    try {
      return await this.redis.evalsha(digest, keys.length, ...keys, ...args);
    } catch (error) {
      // First use on this server (or after SCRIPT FLUSH / restart): send the body, Redis caches it.
      if (!String(error).includes('NOSCRIPT')) throw error;
      return this.redis.eval(script, keys.length, ...keys, ...args);
    }
  }
}

function parseTriage(raw: string, key: string): TriageCard {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new CorruptDataError(key, 'not JSON');
  }
  const card = value as Partial<TriageCard> | null;
  if (
    !card ||
    typeof card.id !== 'string' ||
    typeof card.status !== 'string' ||
    !Array.isArray(card.alerts) ||
    !Array.isArray(card.keys)
  ) {
    throw new CorruptDataError(key, 'not a triage card');
  }
  return card as TriageCard;
}
