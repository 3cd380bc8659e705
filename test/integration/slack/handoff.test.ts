/**
 * The hand-off of acknowledged Slack requests (src/slack/handoff.ts, src/queue/commands.ts): a request
 * Slack sends twice runs once, and a request Redis cannot take is answered at once as not done. (A
 * process killed holding a request: test/e2e/slack-recovery.test.ts.)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import pino from 'pino';
import type { Locale } from '../../../src/core/types';
import { builtinPlaybooksDir, loadPlaybooks } from '../../../src/playbook/loader';
import { PlaybookRegistry } from '../../../src/playbook/registry';
import { type PrivateRedis, startPrivateRedis } from '../../../src/redis/private-server';
import { type RunningSlack, startSlack } from '../../../src/slack/app';
import { RedisIncidentStore } from '../../../src/store/redis-incident-store';
import { testDeps } from '../../support/deps';
import { type FakeSlack, startFakeSlack } from '../../support/fake-slack';
import { uniquePrefix } from '../../support/redis';
import { commandBody, interactionBody, postSigned, uniqueTriggerId } from '../../support/slack-request';

const SECRET = 'handoff-secret';
let playbooks: PlaybookRegistry;
let fake: FakeSlack;
let dir: string;
let server: PrivateRedis | undefined;
let redis: Redis | undefined;
const apps: RunningSlack[] = [];

beforeAll(async () => {
  playbooks = new PlaybookRegistry((await loadPlaybooks([builtinPlaybooksDir])).playbooks);
});
beforeEach(async () => {
  fake = await startFakeSlack();
  dir = await mkdtemp(path.join(os.tmpdir(), 'calma-handoff-'));
});
afterEach(async () => {
  for (const app of apps.splice(0)) await app.stop();
  redis?.disconnect();
  redis = undefined;
  await server?.stop();
  server = undefined;
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

/** A calma Slack app on `url`'s Redis. */
async function calma(url: string, prefix: string, options: { locale?: Locale } = {}) {
  redis ??= new Redis(url, { maxRetriesPerRequest: 1 });
  const app = await startSlack(
    testDeps(new RedisIncidentStore(redis, prefix), playbooks, { locale: options.locale ?? 'en' }),
    {
      botToken: 'xoxb-test',
      signingSecret: SECRET,
      apiUrl: fake.apiUrl,
      port: 0,
      captureReaction: 'pushpin',
      handOff: { redisUrl: url, prefix },
    },
    pino({ level: 'silent' }),
  );
  apps.push(app);
  return {
    app,
    url: `http://127.0.0.1:${app.port}/slack/events`,
    store: new RedisIncidentStore(redis, prefix),
  };
}

test('GIVEN Slack sends the same button press twice WHEN both are handed off THEN it is done once', async () => {
  const url = process.env.CALMA_TEST_REDIS_URL ?? '';
  const prefix = uniquePrefix();
  const { url: events, store } = await calma(url, prefix);
  await postSigned(events, commandBody({ text: 'open hacked-account sev1 Spam' }), { secret: SECRET });
  await fake.waitForCall('chat.postMessage', (c) => String(c.args.text).startsWith('Step 1 of'), 15_000);
  const done = fake
    .calls('chat.postMessage')
    .flatMap((c) => JSON.stringify(c.args.blocks ?? '').match(/"value":"(step\.done\|[^"]+)"/) ?? [])
    .at(1);
  if (!done) throw new Error('no Done button on step 1');
  const room = String(
    fake.calls('chat.postMessage').find((c) => String(c.args.text).startsWith('Step 1'))?.args.channel,
  );
  const press = interactionBody({
    type: 'block_actions',
    team: { id: 'T1', domain: 'acme' },
    user: { id: 'U0ANA', name: 'ana', team_id: 'T1' },
    api_app_id: 'A0CALMA',
    trigger_id: uniqueTriggerId(),
    channel: { id: room, name: 'x' },
    container: { type: 'message', channel_id: room, message_ts: '1.1' },
    response_url: fake.responseUrl('press'),
    actions: [{ type: 'button', action_id: 'calma:0', block_id: 'b', value: done, action_ts: '1.2' }],
  });

  const answers = await Promise.all([
    postSigned(events, press, { secret: SECRET }),
    postSigned(events, press, { secret: SECRET }),
  ]);

  expect(answers.map((a) => a.status)).toEqual([200, 200]);
  await fake.waitForCall('chat.postMessage', (c) => String(c.args.text).startsWith('Step 2 of'), 15_000);
  const timeline = await store.timeline('T1', 1);
  expect(timeline.filter((e) => e.kind === 'step-done')).toHaveLength(1);
  // The repeat was dropped, not refused: one answer only.
  expect(fake.responses.filter((r) => r.id === 'press').length).toBeLessThanOrEqual(1);
});

test('GIVEN Redis is down WHEN a Spanish-speaking team sends /crisis note THEN Slack’s acknowledgement itself says, in Spanish, that nothing was done', async () => {
  server = await startPrivateRedis({ dataDir: dir, persist: false });
  const prefix = uniquePrefix();
  const { url: events } = await calma(server.url, prefix, { locale: 'es' });
  await server.stop();
  server = undefined;

  const started = Date.now();
  const acked = await postSigned(events, commandBody({ text: 'note Llamada con la plataforma' }), {
    secret: SECRET,
  });

  expect(acked.status).toBe(200);
  expect(Date.now() - started).toBeLessThan(2500);
  const body = JSON.parse(acked.body) as { response_type: string; text: string };
  expect(body.response_type).toBe('ephemeral');
  expect(body.text).toContain('No se ha cambiado nada');
});

test('GIVEN Redis is down WHEN a button is pressed THEN the person is told at once through the response_url that nothing was done', async () => {
  server = await startPrivateRedis({ dataDir: dir, persist: false });
  const { url: events } = await calma(server.url, uniquePrefix());
  await server.stop();
  server = undefined;

  const acked = await postSigned(
    events,
    interactionBody({
      type: 'block_actions',
      team: { id: 'T1', domain: 'acme' },
      user: { id: 'U0ANA', name: 'ana', team_id: 'T1' },
      api_app_id: 'A0CALMA',
      trigger_id: uniqueTriggerId(),
      channel: { id: 'C0ROOM', name: 'x' },
      container: { type: 'message', channel_id: 'C0ROOM', message_ts: '1.1' },
      response_url: fake.responseUrl('down'),
      actions: [{ type: 'button', action_id: 'calma:0', block_id: 'b', value: 'help', action_ts: '1.2' }],
    }),
    { secret: SECRET },
  );

  expect(acked.status).toBe(200);
  const told = await fake.waitForResponse((r) => r.id === 'down', 5000);
  expect(JSON.stringify(told.body)).toContain('Nothing was changed');
});
