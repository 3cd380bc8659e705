/**
 * A Slack request acknowledged by a calma process that is then killed is not lost: it was written to
 * Redis before the acknowledgement, so another calma process runs it and answers on its response_url.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack';
import { commandBody, postSigned } from '../support/slack-request';
import { CalmaProcess, calmaEnv, waitUntil } from './calma-process';

const SECRET = 'e2e-signing-secret';
let dir: string;
let slack: FakeSlack;
const processes: CalmaProcess[] = [];

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'calma-slack-recovery-'));
  slack = await startFakeSlack();
  await writeFile(path.join(dir, 'calma.yaml'), `redis: { key_prefix: "slackrecovery${Date.now()}" }\n`);
});

afterEach(async () => {
  for (const calma of processes.splice(0)) await calma.kill();
  await slack.close();
  await rm(dir, { recursive: true, force: true });
});

function calma(name: string): CalmaProcess {
  const process = new CalmaProcess(name, dir, {
    ...calmaEnv(dir, 60_000),
    SLACK_BOT_TOKEN: 'xoxb-e2e',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.apiUrl,
    // The killed process's requests are run 5 s after its last heartbeat instead of 20 s: a live one
    // would have to stall for most of that to be taken over.
    CALMA_HANDOFF_LAPSE_MS: '5000',
  });
  processes.push(process);
  return process;
}

/** The port calma logged it listens on (PORT=0 picks a free one). */
async function httpPort(process: CalmaProcess): Promise<number> {
  let port = 0;
  await waitUntil(
    () => {
      port = Number(/"port":(\d+),"msg":"HTTP on port/.exec(process.stderr)?.[1] ?? 0);
      return port > 0;
    },
    30_000,
    () => `calma never said its HTTP port\n${process.stderr}`,
  );
  return port;
}

test('GIVEN /crisis open acknowledged by a calma process WHEN that process is killed in the middle of it THEN another calma process opens the incident once and answers the person', async () => {
  const first = calma('first');
  const port = await httpPort(first);
  // Slack stops answering channel creation: the open is stuck in the middle when its process dies.
  slack.hang('conversations.create');

  const acked = await postSigned(
    `http://127.0.0.1:${port}/slack/events`,
    commandBody({
      text: 'open hacked-account sev1 Spam from our account',
      response_url: slack.responseUrl('r1'),
    }),
    { secret: SECRET },
  );
  expect(acked.status).toBe(200);
  expect(acked.body).toBe('');
  await slack.waitForCall('conversations.create', undefined, 15_000);
  await first.kill();
  slack.heal('conversations.create');

  calma('second');
  const answer = await slack.waitForResponse((r) => r.id === 'r1', 60_000);

  expect(JSON.stringify(answer.body)).toContain('Incident #1 is open');
  const created = slack
    .calls('conversations.create')
    .filter((c) => c.status === 200 && c.response?.ok === true)
    .map((c) => String(c.args.name));
  expect(created).toEqual([expect.stringMatching(/^crisis-1-.*spam-from-our-account/)]);
}, 120_000);
