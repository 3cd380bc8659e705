import { commandBody, postSigned } from '../../support/slack-request';
import { ana, useSlackWorld } from './slack-world';

const world = useSlackWorld();
const today = new Date().toISOString().slice(0, 10);

describe('/crisis open in Slack', () => {
  test('GIVEN a fresh workspace WHEN ana types `/crisis open hacked-account sev1 Spam from our account` THEN a channel is created, staffed, titled, pinned, bookmarked and announced, and she is told where', async () => {
    const w = world();

    const { http, responseId } = await w.command(ana, 'open hacked-account sev1 Spam from our account');

    expect(http.status).toBe(200);
    const created = await w.fake.waitForCall('conversations.create');
    expect(created.args).toMatchObject({
      name: `crisis-1-${today}-spam-from-our-account`,
      is_private: 'false',
    });
    const channel = 'C1000';
    expect(await w.responseText(responseId)).toContain(`Incident #1 is open in <#${channel}>`);
    const invite = await w.fake.waitForCall('conversations.invite');
    expect(invite.args).toMatchObject({ channel, users: 'U0ANA' });
    expect((await w.fake.waitForCall('conversations.setTopic')).args.topic).toContain('SEV1 · open');
    const pin = await w.fake.waitForCall('pins.add');
    const summary = w.fake.calls('chat.postMessage').find((c) => c.response?.ts === pin.args.timestamp);
    expect(summary?.args.text).toContain('SEV1 · #1 Spam from our account');
    expect((await w.fake.waitForCall('bookmarks.add')).args).toMatchObject({
      channel_id: channel,
      link: 'https://git.example/playbooks/hacked-account.yaml',
    });
    const announcement = await w.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'C0ANNOUNCE');
    expect(JSON.stringify(announcement.args.blocks)).toContain('Join the channel');
    await w.fake.waitForCall('chat.postMessage', (c) => String(c.args.text).startsWith('Step 1 of 11'));
  });

  test('GIVEN the channel name is taken WHEN an incident opens THEN calma takes the name with the -2 suffix', async () => {
    const w = world();
    w.fake.takeChannelName(`crisis-1-${today}-spam`);

    const { responseId } = await w.command(ana, 'open hacked-account sev1 Spam');

    const created = await w.fake.waitForCall('conversations.create', (c) => c.response?.ok === true);
    expect(created.args.name).toBe(`crisis-1-${today}-spam-2`);
    expect(await w.responseText(responseId)).toContain('Incident #1 is open');
    expect((await w.store.get('T1', 1))?.roomName).toBe(`crisis-1-${today}-spam-2`);
  });

  test('GIVEN Slack re-delivers the same command (X-Slack-Retry-Num) WHEN both arrive THEN one incident is opened', async () => {
    const w = world();
    const { body } = await w.command(ana, 'open hacked-account sev1 Spam');

    const again = await postSigned(w.url, body, {
      secret: 'test-signing-secret',
      headers: { 'x-slack-retry-num': '1' },
    });

    expect(again.status).toBe(200);
    await w.fake.waitForCall('pins.add');
    expect(w.fake.calls('conversations.create')).toHaveLength(1);
    expect(await w.store.list('T1', { all: true })).toHaveLength(1);
  });

  test('GIVEN a bad command WHEN ana types `/crisis sev9` THEN she gets an ephemeral answer saying what to do', async () => {
    const w = world();

    const { responseId } = await w.command(ana, 'sev9');

    const response = await w.fake.waitForResponse((r) => r.id === responseId);
    expect(response.body).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(response.body)).toContain('is not a severity');
  });

  test('GIVEN a request with a wrong signature WHEN it reaches calma THEN it gets 401 and nothing happens', async () => {
    const w = world();

    const http = await postSigned(w.url, commandBody({ text: 'open hacked-account sev1 x' }), {
      secret: 'wrong',
    });

    expect(http.status).toBe(401);
    expect(w.fake.calls('conversations.create')).toHaveLength(0);
  });
});
