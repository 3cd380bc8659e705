/**
 * Text calma relays but did not write (an alert from a monitoring tool, a title or a statement typed by
 * someone) reaches Slack inert, through the real Bolt app, the real alert worker and outbox on BullMQ and
 * the real Redis store, against the local fake of Slack's Web API: no @here, no user-group or user ping,
 * no link disguised behind a label. calma's own mentions (the person who opened, the approver) still ping.
 */

import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { AlertIntake, alertQueueName } from '../../../src/alerts/intake';
import { type AlertWorkerService, alertWorkerService } from '../../../src/alerts/worker';
import type { Alert } from '../../../src/core/alert';
import { compileRoutes } from '../../../src/core/alert-route';
import { RedisAlertStore } from '../../../src/store/redis-alert-store';
import { ONE_APPROVER } from '../../support/approval-policy';
import type { FakeCall } from '../../support/fake-slack';
import { uniquePrefix } from '../../support/redis';
import { waitFor } from '../../support/wait-for';
import { ana, bob, readable, type SlackWorld, TEAM, useSlackWorld, type Who } from './slack-world';

const ANNOUNCE = 'C0ANNOUNCE';
const TRIAGE = 'C0TRIAGE';
const CHANNEL = 'C1000';
const inRoom = (who: Who): Who => ({ ...who, channel: CHANNEL });

/** What an attacker puts in a title, an alert or a statement, as Slack would receive it raw. */
const HOSTILE = [
  '<!here>',
  '<!channel>',
  '<!everyone>',
  '<!subteam^S0COMMS|@comms>',
  '<@U0BOB>',
  '<http://evil.example|official refund form>',
];
const HOSTILE_TEXT = `Refunds ${HOSTILE.join(' ')} now\u0000\u001b[2J`;

/** The same text, escaped the way Slack shows it literally (and without its control characters). */
const shownLiterally = (text: string) =>
  text
    .replaceAll('\u0000', '')
    .replaceAll('\u001b', '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');

/** The texts of a message Slack parses for pings and links: its `text` and every mrkdwn object. */
function mrkdwnTexts(call: FakeCall): string[] {
  const found: string[] = [String(call.args.text ?? '')];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      const { type, text } = node as { type?: unknown; text?: unknown };
      if (type === 'mrkdwn' && typeof text === 'string') found.push(text);
      Object.values(node).forEach(walk);
    }
  };
  walk(call.args.blocks);
  return found;
}

/** Every `<…>` control sequence of a message (plain_text shows them as typed): what Slack acts on. */
const liveTokens = (call: FakeCall): string[] =>
  mrkdwnTexts(call).flatMap((text) => [...text.matchAll(/<[^<>]*>/g)].map((m) => m[0]));

const world = useSlackWorld(
  {
    announcements: ANNOUNCE,
    approvers: { approver: ['U0BOB'] },
    approvalPolicy: ONE_APPROVER,
    outboundTargets: [],
  },
  { outbox: true },
);

/** The alert worker on its own queue, as src/main.ts runs it, working with the Slack world's deps. */
async function withAlertWorker(w: SlackWorld, run: (intake: AlertIntake) => Promise<void>): Promise<void> {
  const url = process.env.CALMA_TEST_REDIS_URL ?? '';
  const prefix = uniquePrefix();
  const platform = `test-${randomBytes(4).toString('hex')}`;
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  const alerts = new RedisAlertStore(redis, prefix);
  const intake = new AlertIntake({ connection: redis, prefix, name: alertQueueName(platform) });
  const worker: AlertWorkerService = alertWorkerService({ redisUrl: url, prefix, platform });
  worker.work(
    { ...w.slack.deps, alerts },
    { workspace: async () => TEAM, routes: compileRoutes([]), triageChannel: TRIAGE, groupWindow: 10 },
  );
  try {
    await run(intake);
    await worker.idle(20_000);
  } finally {
    await intake.close();
    await worker.stop();
    redis.disconnect();
  }
}

describe('untrusted text in Slack', () => {
  test('GIVEN an alert whose title and summary carry @here, pings and a disguised link WHEN it is triaged THEN the triage post shows them as text and pings nobody', async () => {
    const w = world();
    const alert: Alert = {
      source: 'generic',
      dedupKey: 'hostile-1',
      groupKey: 'hostile',
      status: 'firing',
      severity: 2,
      title: `Spike ${HOSTILE_TEXT}`,
      summary: `Summary ${HOSTILE_TEXT}`,
      url: null,
      startedAt: new Date().toISOString(),
      labels: {},
    };

    await withAlertWorker(w, async (intake) => {
      await intake.accept([{ alert, delivery: 'd1', index: 0, receivedAt: new Date().toISOString() }]);
      await w.fake.waitForCall('chat.postMessage', (c) => c.args.channel === TRIAGE);
    });

    const [triage] = w.fake.calls('chat.postMessage').filter((c) => c.args.channel === TRIAGE);
    if (!triage) throw new Error('no triage post');
    expect(liveTokens(triage)).toEqual([]);
    expect(String(triage.args.text)).toContain(shownLiterally(HOSTILE_TEXT));
    expect(readable(triage)).toContain(shownLiterally(`Summary ${HOSTILE_TEXT}`));
    expect(readable(triage)).not.toContain('\u0000');
    expect(readable(triage)).not.toContain('\u001b');
  });

  test('GIVEN `/crisis open` with @here, pings and a disguised link in its title THEN the announcement relays them as text, and only the opener is mentioned', async () => {
    const w = world();

    await w.command(ana, `open hacked-account sev1 ${HOSTILE_TEXT}`);

    const announced = await w.fake.waitForCall('chat.postMessage', (c) => c.args.channel === ANNOUNCE);
    expect(liveTokens(announced)).toEqual(['<@U0ANA>', `<#${CHANNEL}>`]);
    expect(readable(announced)).toContain(shownLiterally(HOSTILE_TEXT));
  });

  test('GIVEN a statement carrying @here, pings and a disguised link WHEN it is approved and published THEN the announcements channel shows them as text', async () => {
    const w = world();
    await w.command(ana, 'open hacked-account sev1 Spam from our account');
    await w.fake.waitForCall('chat.postMessage', (c) => c.args.channel === ANNOUNCE);

    await w.command(inRoom(ana), `update ${HOSTILE_TEXT}`);
    await w.fake.waitForCall('chat.postMessage', (c) => String(c.args.text).includes('Statement S1'));
    await w.press(inRoom(bob), w.buttonValue(CHANNEL, 'Approve'));

    const isStatement = (c: FakeCall) =>
      c.args.channel === ANNOUNCE && String(c.args.text).includes('Public statement S1');
    await waitFor(() => w.fake.calls('chat.postMessage').some(isStatement), 10_000, 'S1 announced');
    const published = w.fake.calls('chat.postMessage').find(isStatement);
    if (!published) throw new Error('no public statement');
    expect(readable(published)).toContain(shownLiterally(HOSTILE_TEXT));
    expect(liveTokens(published)).toEqual(['<@U0BOB>']);
  });
});
