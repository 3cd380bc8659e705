/**
 * The real calma process refuses to turn the alert endpoints on when a 202'd alert could reach nobody:
 * no alerts.triage_channel and no announcements channel for the platform alerts open on.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack';
import { CalmaProcess, calmaEnv, waitUntil } from './calma-process';

let dir: string;
let slack: FakeSlack;
let calma: CalmaProcess | undefined;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'calma-alerts-nowhere-'));
  slack = await startFakeSlack();
});

afterEach(async () => {
  await calma?.kill();
  calma = undefined;
  await slack.close();
  await rm(dir, { recursive: true, force: true });
});

const slackEnv = () => ({
  ...calmaEnv(dir, 60_000),
  SLACK_BOT_TOKEN: 'xoxb-e2e',
  SLACK_SIGNING_SECRET: 'e2e-signing-secret',
  SLACK_API_URL: slack.apiUrl,
  GENERIC_WEBHOOK_SECRET: 'e2e-generic-secret',
});

test('GIVEN Slack and an alert secret but no triage or announcements channel THEN calma exits 1 with one line naming the calma.yaml key to set', async () => {
  await writeFile(path.join(dir, 'calma.yaml'), `redis: { key_prefix: "nowhere${Date.now()}" }\n`);

  calma = new CalmaProcess('alerts-nowhere', dir, slackEnv());

  expect(await calma.exited).toBe(1);
  expect(calma.stderr.trim().split('\n').at(-1)).toBe(
    'calma could not start: the alert endpoints are on (GENERIC_WEBHOOK_SECRET) but triage cards have nowhere to go: set alerts.triage_channel in calma.yaml to a slack channel id',
  );
}, 60_000);

test('GIVEN the same with alerts.triage_channel set THEN calma starts and serves the alert endpoint', async () => {
  await writeFile(
    path.join(dir, 'calma.yaml'),
    `redis: { key_prefix: "triage${Date.now()}" }\nalerts: { triage_channel: C0TRIAGE }\n`,
  );

  calma = new CalmaProcess('alerts-triage', dir, slackEnv());

  const started = calma;
  await waitUntil(
    () => started.stderr.includes('HTTP on port'),
    30_000,
    () => `calma did not start:\n${started.stderr}`,
  );
  expect(await started.terminate()).toBe(0);
}, 60_000);
