import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { AlertKeys, AlertLink, AlertStore, TriageCard, WindowNote } from '../ports/alert-store';
import { type StoreKeys, storeKeys } from './keys';
import { CorruptDataError } from './redis-incident-store';
import { defineScripts } from './scripts';

/** Triage cards are kept a month after their last change. */
const TRIAGE_TTL_MS = 30 * 24 * 3600_000;
/** The last status of each dedup key, per incident: kept a month after the last alert. */
const STATUS_TTL_MS = 30 * 24 * 3600_000;
const MAX_ATTEMPTS = 50;

/** AlertStore on Redis: links, triage cards and message windows under the workspace's hash tag. */
export class RedisAlertStore implements AlertStore {
  private readonly keys: StoreKeys;
  private readonly scripts;

  constructor(
    private readonly redis: Redis,
    prefix = 'calma',
  ) {
    this.keys = storeKeys(prefix);
    this.scripts = defineScripts(redis, ['claim-links', 'relink', 'compare-and-set', 'message-window']);
  }

  async claim(
    workspace: string,
    keys: AlertKeys,
    token: AlertLink,
    stale: AlertLink[],
    ttlMs: number,
  ): Promise<AlertLink | null> {
    const result = await this.scripts['claim-links'](this.linkKeys(workspace, [keys]), [
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
    await this.scripts.relink(this.linkKeys(workspace, keys), [to ?? '', String(Math.ceil(ttlMs)), ...from]);
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
    const [post, held, endsInMs, since] = (await this.scripts['message-window'](keys, [
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
    return (
      (await this.scripts['compare-and-set'](
        [key],
        [expected, JSON.stringify(card), String(TRIAGE_TTL_MS)],
      )) === 1
    );
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
