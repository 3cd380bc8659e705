/**
 * A calma process killed after Slack created an incident's channel but before calma saved it as the
 * incident's room: the process that takes the request over uses that channel, rather than a second one
 * named …-2 beside an orphan. A channel someone else made under the same name is still left alone.
 */
import { FAKE_TEAM, type FakeSlack } from '../support/fake-slack';
import { commandBody, postSigned } from '../support/slack-request';
import { type CalmaProcess, httpPort } from './calma-process';
import { SLACK_SECRET, useSlackInstall } from './platform-install';

/** Well past the test: the first process is dead before Slack would answer its create. */
const NEVER_MS = 300_000;
const install = useSlackInstall('slack-takeover');
const calma = (name: string) => install.calma(name);
let slack: FakeSlack;
beforeEach(() => {
  slack = install.platform;
});

/** Starts a calma process and sends it `/crisis open`; resolves once it is acknowledged. */
async function openOn(process: CalmaProcess, responseId: string): Promise<void> {
  const acked = await postSigned(
    `http://127.0.0.1:${await httpPort(process)}/slack/events`,
    commandBody({
      text: 'open hacked-account sev1 Spam from our account',
      response_url: slack.responseUrl(responseId),
    }),
    { secret: SLACK_SECRET },
  );
  expect(acked.status).toBe(200);
}

/** The channels conversations.create made, by name. */
function createdChannels(): { id: string; name: string }[] {
  return slack
    .calls('conversations.create')
    .filter((c) => c.response?.ok === true)
    .map((c) => {
      const channel = c.response?.channel as { id: string; name: string };
      return { id: channel.id, name: channel.name };
    });
}

test('GIVEN Slack created the incident’s channel WHEN the calma process opening it is killed before saving it THEN the process taking over uses that channel: one channel, with the incident’s summary pinned', async () => {
  const first = calma('first');
  // Slack carries the create out at once, and answers long after the process is dead.
  slack.answerLateNext('conversations.create', NEVER_MS);
  await openOn(first, 'r1');
  await slack.waitForCall('conversations.create', (c) => c.response?.ok === true, 15_000);
  await first.kill();
  const [made] = createdChannels();

  calma('second');
  const answer = await slack.waitForResponse((r) => r.id === 'r1', 90_000);

  expect(made?.name).toMatch(/^crisis-1-.*spam-from-our-account$/);
  expect(JSON.stringify(answer.body)).toContain(`Incident #1 is open in <#${made?.id}>`);
  expect(createdChannels()).toEqual([made]);
  const pin = await slack.waitForCall('pins.add', (c) => c.args.channel === made?.id, 15_000);
  const summary = slack.calls('chat.postMessage').find((c) => c.response?.ts === pin.args.timestamp);
  expect(summary?.args.text).toContain('SEV1 · #1 Spam from our account');
}, 150_000);

test('GIVEN bob made a channel of the incident’s name (calma in it) WHEN the calma process opening the incident is killed and another takes over THEN that one leaves bob’s channel alone and opens the incident in …-2', async () => {
  const first = calma('first');
  // Slack stops answering creates: the first process dies before any channel exists.
  slack.hang('conversations.create');
  await openOn(first, 'r1');
  const asked = await slack.waitForCall('conversations.create', undefined, 15_000);
  await first.kill();
  const name = String(asked.args.name);
  const bobs = slack.seedChannel({ name, creator: 'U0BOB', members: [FAKE_TEAM.user_id] });
  slack.heal('conversations.create');

  calma('second');
  const answer = await slack.waitForResponse((r) => r.id === 'r1', 90_000);

  const created = createdChannels();
  expect(created.map((c) => c.name)).toEqual([`${name}-2`]);
  expect(JSON.stringify(answer.body)).toContain(`Incident #1 is open in <#${created[0]?.id}>`);
  expect(slack.messagesIn(bobs)).toEqual([]);
}, 150_000);

test('GIVEN the process opening an incident posted its summary and is killed before saving it WHEN another takes the request over THEN the room shows each of its cards once: one summary, pinned, one rules card, one first step', async () => {
  const first = calma('first');
  // The summary is posted, then its pin hangs: the process dies with the summary not yet saved.
  slack.answerLateNext('pins.add', NEVER_MS);
  await openOn(first, 'r1');
  await slack.waitForCall('pins.add', () => true, 30_000);
  await first.kill();

  calma('second');
  const answer = await slack.waitForResponse((r) => r.id === 'r1', 90_000);
  const [made] = createdChannels();
  expect(JSON.stringify(answer.body)).toContain(`Incident #1 is open in <#${made?.id}>`);
  await slack.waitForCall('pins.add', (c) => c.response?.ok === true, 30_000);

  const posts = slack.messagesIn(made?.id ?? '').map((m) => String(m.text));
  expect(posts.filter((text) => text.includes('SEV1 · #1 Spam from our account'))).toHaveLength(1);
  expect(posts.filter((text, i) => posts.indexOf(text) !== i)).toEqual([]);
  const pinned = slack.calls('pins.add').filter((c) => c.response?.ok === true);
  expect(new Set(pinned.map((c) => c.args.timestamp)).size).toBe(1);
}, 150_000);
