/**
 * Who is in a Slack channel (`conversations.members`), which decides who gets an approval link by DM,
 * and what a person is called (`users.info`), for the approval page:
 * against the fake Slack, through the real Web API client.
 */
import { webApi } from '@slack/bolt';
import { ChannelPacer } from '../../../src/pacer';
import { SlackChat } from '../../../src/slack/slack-chat';
import { type FakeSlack, startFakeSlack } from '../../support/fake-slack';

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack();
});
afterAll(async () => {
  await fake.close();
});

test('GIVEN a channel with ana and bob WHEN calma asks who is in it THEN it is them, and not lena', async () => {
  const room = fake.seedChannel({ name: 'crisis-1-spam', creator: 'U0ANA', members: ['U0BOB'] });
  const chat = new SlackChat(
    new webApi.WebClient('xoxb-test', { slackApiUrl: fake.apiUrl }),
    new ChannelPacer(),
  );

  const members = await chat.roomMembers(room);

  expect(members).toEqual(expect.arrayContaining(['U0ANA', 'U0BOB']));
  expect(members).not.toContain('U0LENA');
});

test('GIVEN ana’s Slack profile WHEN a page asks for her name THEN it is her display name, asked once while it is kept; someone unknown to Slack stays their id', async () => {
  fake.seedUser({ id: 'U0ANA', profile: { display_name: 'Ana (comms)', real_name: 'Ana García' } });
  fake.failNext('users.info', 'user_not_found');
  const chat = new SlackChat(
    new webApi.WebClient('xoxb-test', { slackApiUrl: fake.apiUrl }),
    new ChannelPacer(),
  );

  expect(await chat.displayName('T0ACME', 'U0GONE')).toBeNull();
  expect(await chat.displayName('T0ACME', 'U0ANA')).toBe('Ana (comms)');
  expect(await chat.displayName('T0ACME', 'U0ANA')).toBe('Ana (comms)');
  expect(fake.calls('users.info').filter((c) => c.args.user === 'U0ANA')).toHaveLength(1);
});
