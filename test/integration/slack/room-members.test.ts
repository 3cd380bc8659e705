/**
 * Who is in a Slack channel (`conversations.members`), which decides who gets an approval link by DM:
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
