/**
 * The Buffer 2013 scenario (a brand's account hacked, spam going out) as both first-ten-minutes tests
 * play it: the signed listening-tool alert, calma.yaml's route and roles, the local status page that
 * checks calma's signature, and the count of what people did.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sign, verify } from '../../src/outbound/signature';

export const ALERT_SECRET = 'e2e-generic-alert-secret';
export const TARGET_SECRET = 'e2e-statuspage-secret';
/** A playbook minute lasts this long here: short, so the printed timing reads as in a drill. */
export const MINUTE_MS = 1000;
/** What the issue allows: alert to published statement in at most five human actions. */
export const MAX_ACTIONS = 5;

/** The listening tool's alert, as it would POST it. */
export const ALERT_BODY = JSON.stringify({
  dedup_key: 'brandwatch-acme-spam-1',
  status: 'firing',
  severity: 'critical',
  title: 'Our account is posting spam links',
  summary: 'Hundreds of replies quote posts from @acme that nobody on the team wrote.',
  labels: { tool: 'brandwatch', account: '@acme' },
});

/** What the form asks that calma cannot know, by placeholder. */
export const ANSWERS: Record<string, string> = {
  account: '@acme',
  affected: 'people who clicked the links in our posts this morning',
  not_affected: 'your passwords and payment details',
};

/**
 * calma.yaml for the scenario: the listening tool's alerts get a triage card whose Open button opens
 * hacked-account at SEV1; bob is the approver and carol the lead's deputy for approvals, so the default
 * SEV1 policy (approver + lead) is met by two people who are not the author; contact, signature and
 * updates channel are known, so the form asks only what calma cannot know.
 */
export function scenarioYaml(o: {
  prefix: string;
  triage: string;
  announcements: string;
  approver: string;
  lead: string;
  targetUrl: string;
}): string {
  return [
    'locale: en',
    `redis: { key_prefix: "${o.prefix}" }`,
    `channels: { announcements: "${o.announcements}" }`,
    `approvers: { approver: ["${o.approver}"], lead: ["${o.lead}"] }`,
    'statements:',
    '  contact: help@acme.example',
    '  signature: Sam Rivera, social media lead',
    '  channel: Instagram (@acme)',
    'outbound:',
    `  - { name: statuspage, url: "${o.targetUrl}", secret_env: STATUSPAGE_SECRET }`,
    'alerts:',
    `  triage_channel: "${o.triage}"`,
    '  routes:',
    '    - match: { source: generic, labels: { tool: brandwatch } }',
    '      action: triage',
    '      playbook: hacked-account',
    '      severity: 1',
    '',
  ].join('\n');
}

/** The environment the scenario's calma needs on top of calmaEnv. */
export const SCENARIO_ENV = { GENERIC_WEBHOOK_SECRET: ALERT_SECRET, STATUSPAGE_SECRET: TARGET_SECRET };

/** POSTs the alert signed as docs/alerts.md tells a sender to; resolves with the HTTP status. */
export async function postSignedAlert(port: number): Promise<number> {
  const timestamp = Math.floor(Date.now() / 1000);
  const response = await fetch(`http://127.0.0.1:${port}/alerts/generic`, {
    method: 'POST',
    body: ALERT_BODY,
    headers: {
      'content-type': 'application/json',
      'x-calma-timestamp': String(timestamp),
      'x-calma-signature': sign(ALERT_SECRET, timestamp, ALERT_BODY),
    },
  });
  await response.text();
  return response.status;
}

/** A status page that takes a delivery only when calma's signature over it verifies. */
export class StatusPage {
  /** Bodies it accepted (signature verified), with when they arrived. */
  readonly accepted: { body: Record<string, unknown>; at: number }[] = [];
  /** Deliveries it refused, and why. */
  readonly refused: string[] = [];
  private server: Server | null = null;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        const verdict = verify(
          TARGET_SECRET,
          header(req.headers['x-calma-timestamp']),
          raw,
          header(req.headers['x-calma-signature']),
        );
        if (verdict !== 'ok') {
          this.refused.push(verdict);
          res.writeHead(401).end();
          return;
        }
        this.accepted.push({ body: JSON.parse(raw.toString('utf8')), at: Date.now() });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/calma`;
  }

  stop(): Promise<void> {
    this.server?.closeAllConnections();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

const header = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

/** Counts what people did (each press, form submission or command); more than MAX_ACTIONS fails. */
export class Actions {
  readonly done: string[] = [];

  count(what: string): void {
    this.done.push(what);
  }

  get n(): number {
    return this.done.length;
  }
}

/** The line both tests print: how many actions, and how long from alert to publication. */
export function report(platform: string, actions: Actions, ms: number): string {
  const minutes = (ms / MINUTE_MS).toFixed(1);
  return `first ten minutes (${platform}): published in ${actions.n} human actions (${actions.done.join(' → ')}); alert to publication ${ms} ms = ${minutes} playbook minutes at CALMA_MINUTE_MS=${MINUTE_MS}`;
}

/** The HTTP port calma logged (PORT=0 picks a free one). */
export function httpPort(stderr: string): number {
  return Number(/"port":(\d+),"msg":"HTTP on port/.exec(stderr)?.[1] ?? 0);
}
