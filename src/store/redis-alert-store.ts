import { createHash } from 'node:crypto';
import type {
  AlertKeys,
  AlertLink,
  AlertStore,
  DigestGroup,
  DigestPage,
  StormCount,
  StormDigest,
  TriageAlert,
  TriageCard,
  WindowNote,
} from '../ports/alert-store';
import type { MessageRef } from '../ports/chat';
import type { RedisConnection } from '../redis/connect';
import { type StoreKeys, storeKeys } from './keys';
import { CorruptDataError } from './redis-incident-store';
import { defineScripts } from './scripts';

/** Triage cards are kept a month after their last change. */
const TRIAGE_TTL_MS = 30 * 24 * 3600_000;
/** The last status of each dedup key, per incident: kept a month after the last alert. */
const STATUS_TTL_MS = 30 * 24 * 3600_000;
const MAX_ATTEMPTS = 50;
/** A storm's digest card (and its groups) is kept a month after its last change, like a triage card. */
const DIGEST_TTL_MS = 30 * 24 * 3600_000;

/** AlertStore on Redis: links, triage cards and message windows under the workspace's hash tag. */
export class RedisAlertStore implements AlertStore {
  private readonly keys: StoreKeys;
  private readonly scripts;

  constructor(
    private readonly redis: RedisConnection,
    prefix = 'calma',
  ) {
    this.keys = storeKeys(prefix);
    this.scripts = defineScripts(redis, [
      'claim-links',
      'relink',
      'compare-and-set',
      'message-window',
      'storm-group',
      'triage-repeat',
    ]);
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

  async stormGroup(
    workspace: string,
    nowMs: number,
    windowMs: number,
    candidate: Omit<StormDigest, 'start' | 'card' | 'groups' | 'alerts'>,
  ): Promise<StormCount> {
    const [n, digest] = (await this.scripts['storm-group'](
      [this.keys.alertStorm(workspace), this.keys.alertDigest(workspace, candidate.id)],
      [
        String(Math.floor(nowMs)),
        String(Math.max(1, Math.ceil(windowMs))),
        String(candidate.threshold),
        candidate.id,
        String(DIGEST_TTL_MS),
        'channel',
        candidate.channel,
        'threshold',
        String(candidate.threshold),
        'windowMinutes',
        String(candidate.windowMinutes),
        'groups',
        '0',
        'alerts',
        '0',
      ],
    )) as [number, string, number];
    return { n, digest: digest === '' ? null : digest };
  }

  async addDigestGroup(
    workspace: string,
    digest: string,
    group: Omit<DigestGroup, 'count' | 'card' | 'resolved'>,
  ): Promise<void> {
    const { triage, n, ...info } = group;
    const field = digestField({ triage, n });
    const record = this.keys.alertDigest(workspace, digest);
    const groups = this.keys.alertDigest(workspace, digest, 'groups');
    const names = this.keys.alertDigest(workspace, digest, 'info');
    // Its job run again (its process died after adding it): counted once. One job holds a group's claim.
    if (await this.redis.hexists(names, field)) return;
    await this.redis
      .multi()
      .hset(names, field, JSON.stringify(info))
      .hincrby(groups, field, 1)
      .hincrby(record, 'groups', 1)
      .hincrby(record, 'alerts', 1)
      .pexpire(names, DIGEST_TTL_MS)
      .pexpire(groups, DIGEST_TTL_MS)
      .pexpire(record, DIGEST_TTL_MS)
      .exec();
  }

  async repeatTriage(
    workspace: string,
    triage: string,
    alert: TriageAlert,
    keep: number,
    abandonedBefore: Date,
  ): Promise<{ added: { id: string; n: number } } | { card: TriageCard } | null> {
    const key = this.keys.alertTriage(workspace, triage);
    const [kind, first, second] = (await this.scripts['triage-repeat'](
      [key, this.keys.alertRecent(workspace, triage)],
      [
        JSON.stringify(alert),
        String(Math.max(1, keep)),
        String(TRIAGE_TTL_MS),
        abandonedBefore.toISOString(),
      ],
    )) as [string?, string?, string?];
    if (kind === 'added') return { added: { id: first ?? '', n: Number(second) } };
    if (kind === 'card' && first !== undefined) return { card: parseTriage(first, key) };
    return null;
  }

  async countOnDigest(
    workspace: string,
    digest: { id: string; n: number },
    triage: string,
    queuedTtlMs: number,
  ): Promise<boolean> {
    const results = (await this.redis
      .multi()
      .hincrby(this.keys.alertDigest(workspace, digest.id, 'groups'), digestField({ triage, n: digest.n }), 1)
      .hincrby(this.keys.alertDigest(workspace, digest.id), 'alerts', 1)
      .set(this.keys.alertDigest(workspace, digest.id, 'dirty'), '1', 'PX', DIGEST_TTL_MS)
      .set(this.keys.alertDigest(workspace, digest.id, 'queued'), '1', 'PX', Math.ceil(queuedTtlMs), 'NX')
      .exec()) as [Error | null, unknown][];
    return results[3]?.[1] === 'OK';
  }

  async recentAlerts(workspace: string, triage: string): Promise<TriageAlert[]> {
    const raw = await this.redis.lrange(this.keys.alertRecent(workspace, triage), 0, -1);
    return raw
      .flatMap((item) => {
        const alert = parseJson<TriageAlert>(item);
        return alert ? [alert] : [];
      })
      .reverse();
  }

  async digestPage(workspace: string, id: string, offset: number, limit: number): Promise<DigestPage | null> {
    const record = this.keys.alertDigest(workspace, id);
    const [[, meta], [, counts]] = (await this.redis
      .multi()
      .hgetall(record)
      .hgetall(this.keys.alertDigest(workspace, id, 'groups'))
      .exec()) as [[Error | null, Record<string, string>], [Error | null, Record<string, string>]];
    if (!meta.channel) return null;
    const ranked = Object.entries(counts)
      .map(([field, count]) => ({
        field,
        count: Number(count),
        n: Number(field.slice(0, field.indexOf(':'))),
      }))
      .sort((a, b) => b.count - a.count || a.n - b.n)
      .slice(Math.max(0, offset), Math.max(0, offset) + Math.max(0, limit));
    const fields = ranked.map((r) => r.field);
    const [infos, cards, latest] =
      fields.length === 0
        ? [[], [], []]
        : await Promise.all([
            this.redis.hmget(this.keys.alertDigest(workspace, id, 'info'), ...fields),
            this.redis.mget(...fields.map((f) => this.keys.alertTriage(workspace, triageOf(f)))),
            Promise.all(
              fields.map((f) => this.redis.lindex(this.keys.alertRecent(workspace, triageOf(f)), 0)),
            ),
          ]);
    const groups = ranked.map((r, i): DigestGroup => {
      const info = parseJson<Partial<DigestGroup>>(infos[i] ?? null) ?? {};
      const raw = cards[i] ?? null;
      const triage = triageOf(r.field);
      const card = raw === null ? null : parseTriage(raw, this.keys.alertTriage(workspace, triage));
      const last = parseJson<TriageAlert>(latest[i] ?? null) ?? card?.alerts.at(-1);
      return {
        triage,
        n: r.n,
        count: r.count,
        title: typeof info.title === 'string' ? info.title : '',
        source: info.source ?? 'generic',
        labels: typeof info.labels === 'string' ? info.labels : '',
        playbook: typeof info.playbook === 'string' ? info.playbook : null,
        resolved: last?.status === 'resolved',
        card,
      };
    });
    const card = parseJson<MessageRef>(meta.card ?? null);
    return {
      digest: {
        id,
        workspace,
        channel: meta.channel,
        start: Number(meta.start ?? 0),
        threshold: Number(meta.threshold ?? 0),
        windowMinutes: Number(meta.windowMinutes ?? 0),
        ...(card ? { card } : {}),
        groups: Number(meta.groups ?? 0),
        alerts: Number(meta.alerts ?? 0),
      },
      groups,
    };
  }

  async setDigestCard(workspace: string, id: string, card: MessageRef): Promise<void> {
    await this.redis.hset(this.keys.alertDigest(workspace, id), 'card', JSON.stringify(card));
  }

  async touchDigest(workspace: string, id: string, queuedTtlMs: number): Promise<boolean> {
    const [, [, queued]] = (await this.redis
      .multi()
      .set(this.keys.alertDigest(workspace, id, 'dirty'), '1', 'PX', DIGEST_TTL_MS)
      .set(this.keys.alertDigest(workspace, id, 'queued'), '1', 'PX', Math.ceil(queuedTtlMs), 'NX')
      .exec()) as [unknown, [Error | null, string | null]];
    return queued === 'OK';
  }

  async markDigest(workspace: string, id: string): Promise<void> {
    await this.redis.set(this.keys.alertDigest(workspace, id, 'dirty'), '1', 'PX', DIGEST_TTL_MS);
  }

  async digestDequeued(workspace: string, id: string): Promise<void> {
    await this.redis.del(this.keys.alertDigest(workspace, id, 'queued'));
  }

  async lockDigest(workspace: string, id: string, token: string, ttlMs: number): Promise<boolean> {
    const locked = await this.redis.set(
      this.keys.alertDigest(workspace, id, 'lock'),
      token,
      'PX',
      Math.ceil(ttlMs),
      'NX',
    );
    if (locked !== 'OK') return false;
    await this.redis.del(this.keys.alertDigest(workspace, id, 'dirty'));
    return true;
  }

  async unlockDigest(workspace: string, id: string, token: string): Promise<boolean> {
    const lock = this.keys.alertDigest(workspace, id, 'lock');
    // Ours unless it lapsed mid-redraw (then whoever took it over redraws after us: harmless).
    if ((await this.redis.get(lock)) === token) await this.redis.del(lock);
    return (await this.redis.exists(this.keys.alertDigest(workspace, id, 'dirty'))) === 1;
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

/** A digest's field for a group: its number in the window, then its triage card's id. */
const digestField = (group: { triage: string; n: number }) => `${group.n}:${group.triage}`;
const triageOf = (field: string) => field.slice(field.indexOf(':') + 1);

function parseJson<T>(raw: string | null): T | null {
  if (raw === null) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
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
