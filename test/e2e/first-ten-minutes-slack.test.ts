/**
 * The first ten minutes in Slack (issue 15's measure): a real calma process (Bolt over HTTP, signed
 * requests) against the local fake of Slack's Web API, a signed alert from a listening tool, and people
 * pressing buttons and submitting the modal until an approved holding statement is public in the
 * incident channel, the announcements channel and on the status page. At most five human actions.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Args, type FakeSlack, startFakeSlack } from '../support/fake-slack';
import { testRedis, uniquePrefix } from '../support/redis';
import { interactionBody, postSigned, uniqueTriggerId } from '../support/slack-request';
import { CalmaProcess, calmaEnv, deletePrefix, waitUntil } from './calma-process';
import {
  Actions,
  ANSWERS,
  httpPort,
  MAX_ACTIONS,
  MINUTE_MS,
  postSignedAlert,
  report,
  SCENARIO_ENV,
  StatusPage,
  scenarioYaml,
} from './first-ten-minutes';

const SECRET = 'e2e-slack-signing-secret';
const TEAM = 'T1';
const TRIAGE = 'C0TRIAGE';
const ANNOUNCE = 'C0ANNOUNCE';
const ANA = 'U0ANA';
const BOB = 'U0BOB';
const CAROL = 'U0CAROL';
const WAIT_MS = 20_000;

const redis = testRedis();
const statusPage = new StatusPage();
let dir = '';
let prefix = '';
let slack: FakeSlack;
let calma: CalmaProcess | undefined;

beforeAll(() => statusPage.start());
afterAll(async () => {
  await statusPage.stop();
  await redis.quit();
});
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'calma-first-ten-slack-'));
  prefix = uniquePrefix();
  slack = await startFakeSlack();
});
afterEach(async () => {
  await calma?.kill();
  calma = undefined;
  await slack.close();
  await deletePrefix(redis, prefix);
  await rm(dir, { recursive: true, force: true });
});

interface Block {
  type?: string;
  block_id?: string;
  elements?: { type?: string; text?: { text?: string }; value?: string }[];
  element?: { type?: string; initial_value?: string };
}

const blocksOf = (message: Args): Block[] => (Array.isArray(message.blocks) ? message.blocks : []);

/** The value of the button `label` on the latest message in `channel` that has one (as it reads now). */
function buttonValue(channel: string, label: string): string | undefined {
  for (const message of [...slack.messagesIn(channel)].reverse()) {
    for (const block of blocksOf(message)) {
      const button = block.elements?.find((e) => e.type === 'button' && e.text?.text === label);
      if (button?.value) return button.value;
    }
  }
  return undefined;
}

/** Waits for a message in `channel` whose text contains `text`; returns it. */
async function posted(channel: string, text: string): Promise<Args> {
  const call = await slack.waitForCall(
    'chat.postMessage',
    (c) => c.args.channel === channel && c.response?.ok === true && String(c.args.text).includes(text),
    WAIT_MS,
  );
  return call.args;
}

/** Waits for the button `label` in `channel`; returns its value. */
async function awaitButton(channel: string, label: string): Promise<string> {
  let value: string | undefined;
  await waitUntil(
    () => {
      value = buttonValue(channel, label);
      return value !== undefined;
    },
    WAIT_MS,
    () => `no button "${label}" in ${channel}`,
  );
  return value ?? '';
}

test('GIVEN a signed alert from the listening tool WHEN ana opens the crisis from its triage card, drafts the holding statement and fills the modal, and bob then carol approve THEN it is public in the channel, the announcements channel and on the status page, in five actions', async () => {
  await writeFile(
    path.join(dir, 'calma.yaml'),
    scenarioYaml({
      prefix,
      triage: TRIAGE,
      announcements: ANNOUNCE,
      approver: BOB,
      lead: CAROL,
      targetUrl: statusPage.url,
    }),
  );
  const c = new CalmaProcess('first-ten-slack', dir, {
    ...calmaEnv(dir, MINUTE_MS),
    ...SCENARIO_ENV,
    SLACK_BOT_TOKEN: 'xoxb-e2e',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.apiUrl,
  });
  calma = c;
  await waitUntil(
    () => httpPort(c.stderr) > 0,
    30_000,
    () => `calma never said its HTTP port:\n${c.stderr}`,
  );
  const events = `http://127.0.0.1:${httpPort(c.stderr)}/slack/events`;
  const actions = new Actions();

  /** One human action: `user` presses the button whose value is `value` in `channel`. */
  const press = async (what: string, user: string, channel: string, value: string) => {
    actions.count(what);
    const payload = {
      type: 'block_actions',
      team: { id: TEAM, domain: 'acme' },
      user: { id: user, name: user, team_id: TEAM },
      api_app_id: 'A0CALMA',
      trigger_id: uniqueTriggerId(),
      channel: { id: channel, name: 'x' },
      container: { type: 'message', channel_id: channel, message_ts: '1.1' },
      response_url: slack.responseUrl(),
      actions: [{ type: 'button', action_id: 'calma:0', block_id: 'b', value, action_ts: '1.2' }],
    };
    expect((await postSigned(events, interactionBody(payload), { secret: SECRET })).status).toBe(200);
  };
  /** One human action: `user` submits the modal `view` with `values` (Slack's `state.values`). */
  const submit = async (what: string, user: string, view: Args, values: Record<string, unknown>) => {
    actions.count(what);
    const payload = {
      type: 'view_submission',
      team: { id: TEAM, domain: 'acme' },
      user: { id: user, name: user, team_id: TEAM },
      api_app_id: 'A0CALMA',
      trigger_id: uniqueTriggerId(),
      view: { id: 'V1', team_id: TEAM, type: 'modal', ...view, state: { values }, hash: 'h' },
    };
    const answer = await postSigned(events, interactionBody(payload), { secret: SECRET });
    expect(answer.status).toBe(200);
    // A modal answered with errors would stay open: the test would then wait for a draft that never comes.
    expect(answer.body).not.toContain('"errors"');
  };

  const alertAt = Date.now();
  expect(await postSignedAlert(httpPort(c.stderr))).toBe(202);
  await posted(TRIAGE, 'Our account is posting spam links');

  // 1. Open crisis: the route says hacked-account at SEV1.
  await press('Open crisis', ANA, TRIAGE, await awaitButton(TRIAGE, 'Open crisis'));
  const created = await slack.waitForCall('conversations.create', (c) => c.response?.ok === true, WAIT_MS);
  const room = String((created.response?.channel as { id?: string } | undefined)?.id);

  // 2. Draft holding statement, on the first card.
  await press('Draft holding statement', ANA, room, await awaitButton(room, 'Draft holding statement'));
  const opened = await slack.waitForCall('views.open', undefined, WAIT_MS);
  const view = opened.args.view as Args;

  // 3. The modal: the filled template as it is, an answer per question, statuspage left ticked.
  const values: Record<string, unknown> = {};
  for (const block of blocksOf(view)) {
    const id = block.block_id ?? '';
    if (id === 'text')
      values[id] = { value: { type: 'plain_text_input', value: block.element?.initial_value ?? '' } };
    else if (id.startsWith('fill:'))
      values[id] = { value: { type: 'plain_text_input', value: ANSWERS[id.slice(5)] ?? '' } };
    else if (id.startsWith('target:'))
      values[id] = { value: { type: 'checkboxes', selected_options: [{ value: 'true' }] } };
  }
  await submit('fill and submit the modal', ANA, view, values);
  const draft = await posted(room, 'Statement S1: waiting for approval (0 of 2)');
  expect(JSON.stringify(draft.blocks)).toContain(`approver (<@${BOB}>); incident lead (<@${CAROL}>)`);

  // 4 and 5. The two people SEV1's policy names press Approve on the card.
  await press('bob approves', BOB, room, await awaitButton(room, 'Approve'));
  await waitUntil(
    () => slack.messagesIn(room).some((m) => String(m.text).includes('(1 of 2)')),
    WAIT_MS,
    () => 'the card never counted bob’s approval',
  );
  await press('carol approves', CAROL, room, await awaitButton(room, 'Approve'));

  const published = await posted(room, '📣 Public statement S1');
  const announced = await posted(ANNOUNCE, '📣 Public statement S1');
  await waitUntil(
    () => statusPage.accepted.length > 0,
    WAIT_MS,
    () => `the status page got nothing verified (refused: ${statusPage.refused.join(', ')})`,
  );
  const publishedAt = Math.max(
    ...slack
      .calls('chat.postMessage')
      .filter((call) => String(call.args.text).includes('📣 Public statement S1'))
      .map((call) => call.at),
    statusPage.accepted[0]?.at ?? 0,
  );
  console.log(report('Slack', actions, publishedAt - alertAt));

  expect(actions.n).toBeLessThanOrEqual(MAX_ACTIONS);
  const text = JSON.stringify(published.blocks);
  expect(text).toContain('Our @acme account was hacked');
  expect(text).toContain('on our website and on Instagram (@acme) at ');
  expect(text).not.toMatch(/\{[a-z_]+\}/);
  expect(JSON.stringify(announced.blocks)).toContain('Our @acme account was hacked');
  const delivered = statusPage.accepted[0]?.body as { statement: { text: string; approvals: unknown[] } };
  expect(delivered.statement.text).toMatch(/^Our @acme account was hacked/);
  expect(delivered.statement.approvals).toEqual([
    expect.objectContaining({ user: BOB, role: 'approver' }),
    expect.objectContaining({ user: CAROL, role: 'lead' }),
  ]);
  expect(statusPage.refused).toEqual([]);
}, 90_000);
