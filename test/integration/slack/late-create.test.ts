/**
 * Slack creates an incident's channel but answers after calma gave the attempt up (3 s, shortened here):
 * calma's retry is refused with name_taken, and the channel its first attempt made becomes the incident's
 * rather than a second one (`…-2`) beside an orphan.
 */
import { FAKE_TEAM } from '../../support/fake-slack';
import { ana, bob, useSlackWorld } from './slack-world';

// No announcement channel: its posts are paced at one a second, which these tests are not about.
const world = useSlackWorld({ announcements: null }, { timeouts: { attemptMs: 1000, callMs: 15_000 } });
const today = new Date().toISOString().slice(0, 10);
/** Well past the attempt's time: calma has given it up when Slack answers. */
const LATE_MS = 5000;
/** Generous: the open waits for an attempt's time, a retry and a lookup before its room is set up. */
const ANSWER_MS = 20_000;

describe('a channel Slack creates but answers for too late', () => {
  test('GIVEN Slack creates the channel but answers too late WHEN ana opens an incident THEN exactly one channel exists, calma uses it and nothing named …-2 was created', async () => {
    const w = world();
    // Two incidents first, and pages of one channel: the lookup has to page through the bot's channels.
    for (const title of ['Fake giveaway', 'Troll raid']) {
      const { responseId } = await w.command(ana, `open hacked-account sev1 ${title}`);
      await w.fake.waitForResponse((r) => r.id === responseId, ANSWER_MS);
    }
    w.fake.shortPages(1);
    w.fake.answerLateNext('conversations.create', LATE_MS);

    const { responseId } = await w.command(ana, 'open hacked-account sev1 Spam from our account');

    const answer = JSON.stringify((await w.fake.waitForResponse((r) => r.id === responseId, ANSWER_MS)).body);
    const name = `crisis-3-${today}-spam-from-our-account`;
    const created = w.fake
      .calls('conversations.create')
      .filter((c) => c.response?.ok === true && String(c.args.name).startsWith('crisis-3-'));
    expect(created.map((c) => c.args.name)).toEqual([name]);
    const channel = String((created[0]?.response?.channel as { id?: string } | undefined)?.id);
    expect(answer).toContain(`Incident #3 is open in <#${channel}>`);
    expect(await w.store.get('T1', 3)).toMatchObject({ room: channel, roomName: name });
    const pin = await w.fake.waitForCall('pins.add', (c) => c.args.channel === channel, ANSWER_MS);
    const summary = w.fake.calls('chat.postMessage').find((c) => c.response?.ts === pin.args.timestamp);
    expect(summary?.args.text).toContain('SEV1 · #3 Spam from our account');
    const topic = await w.fake.waitForCall('conversations.setTopic', (c) => c.args.channel === channel);
    expect(topic.args.topic).toContain('SEV1 · open');
    expect(w.fake.calls('conversations.create').filter((c) => String(c.args.name).endsWith('-2'))).toEqual(
      [],
    );
  }, 60_000);

  test('GIVEN bob made a channel with the incident’s name and invited calma, and Slack answers creates too late WHEN ana opens an incident THEN calma leaves bob’s channel alone and uses the one it created, named …-2', async () => {
    const w = world();
    const name = `crisis-1-${today}-spam`;
    const bobs = w.fake.seedChannel({ name, creator: bob.user, members: [FAKE_TEAM.user_id] });
    w.fake.answerLateNext('conversations.create', LATE_MS, { name });
    w.fake.answerLateNext('conversations.create', LATE_MS, { name: `${name}-2` });

    const { responseId } = await w.command(ana, 'open hacked-account sev1 Spam');

    const answer = JSON.stringify((await w.fake.waitForResponse((r) => r.id === responseId, ANSWER_MS)).body);
    const created = w.fake.calls('conversations.create').filter((c) => c.response?.ok === true);
    expect(created.map((c) => c.args.name)).toEqual([`${name}-2`]);
    const channel = String((created[0]?.response?.channel as { id?: string } | undefined)?.id);
    expect(answer).toContain(`Incident #1 is open in <#${channel}>`);
    expect(await w.store.get('T1', 1)).toMatchObject({ room: channel, roomName: `${name}-2` });
    expect(w.fake.messagesIn(bobs)).toEqual([]);
  }, 60_000);
});
