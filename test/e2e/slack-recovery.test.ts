/**
 * A Slack request acknowledged by a calma process that is then killed is not lost: it was written to
 * Redis before the acknowledgement, so another calma process runs it and answers on its response_url.
 */
import type { FakeSlack } from '../support/fake-slack';
import { commandBody, postSigned } from '../support/slack-request';
import { httpPort } from './calma-process';
import { QUICK_HANDOFF, SLACK_SECRET, useSlackInstall } from './platform-install';

const install = useSlackInstall('slack-recovery');
const calma = (name: string) => install.calma(name, QUICK_HANDOFF);
let slack: FakeSlack;
beforeEach(() => {
  slack = install.platform;
});

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
    { secret: SLACK_SECRET },
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
