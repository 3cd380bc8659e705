import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { ZodError } from 'zod';
import type { AlertJob } from '../alerts/intake';
import { type RateLimit, TokenBucket } from '../alerts/rate-limit';
import { alertmanager } from '../alerts/sources/alertmanager';
import { type AlertSourceHandler, PayloadError } from '../alerts/sources/common';
import { generic } from '../alerts/sources/generic';
import { grafana } from '../alerts/sources/grafana';
import { pagerduty } from '../alerts/sources/pagerduty';
import { ALERT_SOURCES, type AlertSource } from '../core/types';
import { verify } from '../outbound/signature';
import { hasBearer } from './bearer';
import { readBody } from './body';
import { type Route, refuse, sendJson } from './server';

/** Bodies above this are refused with 413 (Alertmanager: cap a notification with `max_alerts`). */
export const MAX_ALERT_BODY_BYTES = 1024 * 1024;
/** A signed timestamp (Grafana's, calma's generic) may be this far from calma's clock. */
export const TIMESTAMP_TOLERANCE_SECONDS = 300;

/**
 * Grafana's signature header: its documented default, and the name an early release's code defaulted to
 * (`X-Grafana-Alert-Signature`, grafana/alerting http/hmac.go). Then the timestamp header names: Grafana
 * has no default (docs/alerts.md tells you to set the first).
 */
export const GRAFANA_SIGNATURE_HEADER = 'x-grafana-alerting-signature';
const GRAFANA_SIGNATURE_HEADERS = [GRAFANA_SIGNATURE_HEADER, 'x-grafana-alert-signature'] as const;
export const GRAFANA_TIMESTAMP_HEADERS = [
  'x-grafana-alerting-signature-timestamp',
  'x-grafana-alerting-timestamp',
] as const;
export const GENERIC_TIMESTAMP_HEADER = 'x-calma-timestamp';
export const GENERIC_SIGNATURE_HEADER = 'x-calma-signature';

/** The anything-goes-wrong-with-the-queue answer: the sender retries, and the retry is deduplicated. */
const QUEUE_TIMEOUT_MS = 10_000;

/** Where accepted alerts go: `AlertIntake` in production (durable once `accept` resolves). */
export interface AlertSink {
  accept(jobs: AlertJob[]): Promise<void>;
}

export interface AlertDoorOptions {
  sink: AlertSink;
  /** Each source's secret (Alertmanager's bearer token); unset: that endpoint refuses everything. */
  secrets: Partial<Record<AlertSource, string>>;
  rateLimits: Record<AlertSource, RateLimit>;
  log: Logger;
  maxBodyBytes?: number;
  /** Epoch milliseconds, for signed timestamps and `receivedAt` (tests move it). */
  now?: () => number;
  queueTimeoutMs?: number;
}

const ENV_NAMES: Record<AlertSource, string> = {
  alertmanager: 'ALERTMANAGER_TOKEN',
  grafana: 'GRAFANA_WEBHOOK_SECRET',
  pagerduty: 'PAGERDUTY_WEBHOOK_SECRET',
  generic: 'GENERIC_WEBHOOK_SECRET',
};

const HANDLERS: Record<AlertSource, AlertSourceHandler> = {
  alertmanager: alertmanager as AlertSourceHandler,
  grafana: grafana as AlertSourceHandler,
  pagerduty: pagerduty as AlertSourceHandler,
  generic: generic as AlertSourceHandler,
};

/** Why a request is not authentic: the text of the 401. */
type Refusal = string | null;

/**
 * `POST /alerts/<source>` for Alertmanager, Grafana, PagerDuty and calma's generic JSON. In order:
 * 403 when the source's secret is unset, 415 unless `application/json`, 401 without Alertmanager's
 * bearer token, 413 over the size bound (reading stops there), 401 unless the signature over the raw
 * bytes matches (constant time) with a fresh timestamp, 429 over the source's rate, 400 for malformed
 * JSON or a body the source's schema refuses (with the paths), then 202 `{ accepted }` once the alerts
 * are in Redis (503 if they could not be queued). Nothing is queued unless everything passed.
 */
export function alertRoutes(options: AlertDoorOptions): Route[] {
  const now = options.now ?? Date.now;
  const limit = options.maxBodyBytes ?? MAX_ALERT_BODY_BYTES;
  const buckets = Object.fromEntries(
    Object.entries(options.rateLimits).map(([source, rate]) => [source, new TokenBucket(rate)]),
  ) as Record<AlertSource, TokenBucket>;

  const door = (source: AlertSource): Route => ({
    method: 'POST',
    path: `/alerts/${source}`,
    async handle(req, res) {
      const no = (status: number, error: string, why?: string) => refuse(req, res, status, error, why);
      const secret = options.secrets[source];
      if (!secret) return no(403, `/alerts/${source} is off: set ${ENV_NAMES[source]} to turn it on`);
      const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
      if (type !== 'application/json') {
        return no(415, `expected Content-Type: application/json, got ${type ? `"${type}"` : 'none'}`);
      }
      if (source === 'alertmanager' && !hasBearer(req, secret)) {
        res.setHeader('www-authenticate', 'Bearer realm="calma"');
        return no(401, 'missing or wrong bearer token (Authorization: Bearer $ALERTMANAGER_TOKEN)');
      }
      const read = await readBody(req, limit);
      if (read.kind === 'aborted') return void res.destroy();
      if (read.kind === 'too-large') return no(413, `the body is over ${limit} bytes`);
      const body = read.body;
      const refusal = authenticate(source, secret, req, body, Math.floor(now() / 1000));
      if (refusal) return no(401, refusal);

      const wait = buckets[source].take();
      if (wait > 0) {
        res.setHeader('retry-after', String(wait));
        return no(429, `too many requests from ${source}: retry in ${wait} s`);
      }

      let json: unknown;
      try {
        json = JSON.parse(body.toString('utf8'));
      } catch (error) {
        return no(400, `malformed JSON: ${(error as Error).message}`, 'malformed JSON');
      }
      const handler = HANDLERS[source];
      const parsed = handler.schema.safeParse(json);
      if (!parsed.success) return invalid(req, res, source, describe(parsed.error.issues));
      const receivedAt = new Date(now()).toISOString();
      let alerts: ReturnType<AlertSourceHandler['normalise']>;
      try {
        alerts = handler.normalise(parsed.data, receivedAt);
      } catch (error) {
        if (error instanceof PayloadError) return invalid(req, res, source, describe(error.issues));
        throw error;
      }
      const delivery = deliveryId(source, body, handler.delivery?.(parsed.data));
      const jobs: AlertJob[] = alerts.map((alert, index) => ({ alert, delivery, index, receivedAt }));
      try {
        await withTimeout(options.sink.accept(jobs), options.queueTimeoutMs ?? QUEUE_TIMEOUT_MS);
      } catch (error) {
        options.log.error({ err: error, source, delivery, alerts: jobs.length }, 'could not queue alerts');
        res.setHeader('retry-after', '5');
        return sendJson(res, 503, { error: 'calma could not queue the alerts: retry later' });
      }
      options.log.debug({ source, delivery, alerts: jobs.length }, 'alerts accepted');
      sendJson(res, 202, { accepted: jobs.length });
    },
  });

  return (['alertmanager', 'grafana', 'pagerduty', 'generic'] as const).map(door);
}

/** What a headless calma answers at every alert endpoint. */
export const HEADLESS_ALERT_ERROR =
  'calma runs headless (no chat platform is configured), so an alert would reach nobody: not accepted. Set SLACK_BOT_TOKEN or DISCORD_TOKEN and restart calma';

/**
 * The alert endpoints of a calma with no chat platform and no console: 503 with why, before anything
 * is read. A 2xx would drop the alert in silence; senders retry a 5xx (Alertmanager, Grafana,
 * PagerDuty), so their alerts arrive once a platform is set.
 */
export function headlessAlertRoutes(): Route[] {
  return ALERT_SOURCES.map((source) => ({
    method: 'POST',
    path: `/alerts/${source}`,
    handle: (req, res) => refuse(req, res, 503, HEADLESS_ALERT_ERROR),
  }));
}

/** 400 with the paths of what is wrong; the log says only which source's shape it missed (no body text). */
function invalid(req: IncomingMessage, res: ServerResponse, source: AlertSource, issues: Issue[]): void {
  const first = issues[0];
  const where = first && first.path !== '' ? `${first.path}: ` : '';
  const error = `not a valid ${source} payload: ${where}${first?.message ?? 'rejected'}`;
  refuse(req, res, 400, { error, issues }, `not a valid ${source} payload`);
}

interface Issue {
  /** Dotted path into the body (`alerts.0.status`); '' for the body itself. */
  path: string;
  message: string;
}

type ZodIssue = ZodError['issues'][number];
type AnyIssue = Pick<ZodIssue, 'message'> & { path: PropertyKey[]; code?: string; errors?: ZodIssue[][] };

/**
 * Zod's issues as path + message. A union (generic: one alert or an array) reports every branch; the
 * branch whose type matched the body is the one the sender meant, so only its issues are kept.
 */
function describe(issues: readonly AnyIssue[], prefix: PropertyKey[] = []): Issue[] {
  return issues.flatMap((issue): Issue[] => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors) {
      const meant = issue.errors.filter(
        (branch) =>
          !(branch.length === 1 && branch[0]?.code === 'invalid_type' && branch[0].path.length === 0),
      );
      if (meant.length === 1 && meant[0]) return describe(meant[0], path);
      if (meant.length === 0)
        return [{ path: path.join('.'), message: 'expected an object or an array of objects' }];
    }
    return [{ path: path.map(String).join('.'), message: issue.message }];
  });
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function hmacHex(secret: string, ...parts: (string | Buffer)[]): string {
  const mac = createHmac('sha256', secret);
  for (const part of parts) mac.update(part);
  return mac.digest('hex');
}

/** Constant-time comparison of two ASCII signatures (their length is public: a hex digest's). */
function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A Unix-seconds timestamp within the tolerance of `nowSeconds`. */
function fresh(timestamp: string, nowSeconds: number): boolean {
  return (
    /^\d{1,12}$/.test(timestamp) && Math.abs(nowSeconds - Number(timestamp)) <= TIMESTAMP_TOLERANCE_SECONDS
  );
}

/** Whether the raw body is authentic for the source; Alertmanager's bearer was checked before reading. */
function authenticate(
  source: AlertSource,
  secret: string,
  req: IncomingMessage,
  body: Buffer,
  nowSeconds: number,
): Refusal {
  switch (source) {
    case 'alertmanager':
      return null;
    case 'grafana': {
      const signature = GRAFANA_SIGNATURE_HEADERS.map((name) => header(req, name))
        .find((v) => v !== undefined)
        ?.trim()
        .toLowerCase();
      if (!signature) return `missing ${GRAFANA_SIGNATURE_HEADER} (set the contact point's HMAC secret)`;
      const timestamp = GRAFANA_TIMESTAMP_HEADERS.map((name) => header(req, name)).find(
        (v) => v !== undefined,
      );
      if (timestamp !== undefined && !fresh(timestamp.trim(), nowSeconds)) {
        return `stale or unreadable timestamp: more than ${TIMESTAMP_TOLERANCE_SECONDS} s from calma's clock`;
      }
      const expected =
        timestamp === undefined ? hmacHex(secret, body) : hmacHex(secret, `${timestamp.trim()}:`, body);
      return sameText(signature, expected) ? null : `${GRAFANA_SIGNATURE_HEADER} does not match the body`;
    }
    case 'pagerduty': {
      const signatures = header(req, 'x-pagerduty-signature');
      if (!signatures) return 'missing X-PagerDuty-Signature';
      const expected = `v1=${hmacHex(secret, body)}`;
      const candidates = signatures.split(',').map((s) => s.trim());
      // Every candidate is compared (no early exit): during a secret rotation PagerDuty sends several.
      const matches = candidates.filter((candidate) => sameText(candidate.toLowerCase(), expected));
      return matches.length > 0 ? null : 'no X-PagerDuty-Signature matches the body';
    }
    case 'generic': {
      const result = verify(
        secret,
        header(req, GENERIC_TIMESTAMP_HEADER),
        body,
        header(req, GENERIC_SIGNATURE_HEADER),
        { toleranceSeconds: TIMESTAMP_TOLERANCE_SECONDS, now: nowSeconds * 1000 },
      );
      if (result === 'ok') return null;
      if (result === 'missing') return `missing ${GENERIC_TIMESTAMP_HEADER} or ${GENERIC_SIGNATURE_HEADER}`;
      if (result === 'stale') {
        return `stale or unreadable ${GENERIC_TIMESTAMP_HEADER}: more than ${TIMESTAMP_TOLERANCE_SECONDS} s from calma's clock`;
      }
      return `${GENERIC_SIGNATURE_HEADER} does not match the timestamp and body`;
    }
  }
}

/**
 * The delivery's id, the same when the sender retries it or someone replays it: the sender's own event
 * id from the signed body when it has one (PagerDuty's `event.id`; not `X-Webhook-Id`, which a replay
 * can change), otherwise a hash of the raw body (a retry sends the same bytes; a re-signed retry only
 * changes headers).
 */
export function deliveryId(source: AlertSource, body: Buffer, eventId?: string): string {
  if (eventId && /^[A-Za-z0-9_.-]{1,128}$/.test(eventId)) return `${source}-${eventId}`;
  return `${source}-${createHash('sha256').update(body).digest('hex')}`;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not queued within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
