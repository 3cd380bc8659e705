import { ana, bob, useSlackWorld } from './slack-world';

/** Neither zone has daylight saving time: the offsets hold all year. */
const world = useSlackWorld({ timeZone: 'Asia/Kolkata' });
const CHANNEL = 'C1000';

describe('time zones in Slack', () => {
  test('GIVEN a team in Kolkata and ana in Bogotá WHEN ana opens an incident and asks for its status THEN the channel cards show the team zone and her own reply shows hers, her zone asked of Slack once', async () => {
    const w = world();
    w.fake.seedUser({ id: ana.user, tz: 'America/Bogota', tz_offset: -18_000 });
    const opened = await w.command(ana, 'open hacked-account sev1 Spam from our account');
    await w.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'C0ANNOUNCE');
    await w.responseText(opened.responseId);

    const room = w.postsIn(CHANNEL).join('\n');
    expect(room).toMatch(/Due:\* 0 min after opening \(\d{1,2} \w{3,4} \d{4} \d\d:\d\d UTC\+5:30\)/);
    expect(room).not.toContain('UTC-5');

    const status = await w.command({ ...ana, channel: CHANNEL }, 'status');
    const reply = await w.responseText(status.responseId);
    expect(reply).toMatch(/\d{1,2} \w{3,4} \d{4} \d\d:\d\d UTC-5 by <@U0ANA>/);
    expect(reply).toMatch(/Due:\* 0 min after opening \(\d{1,2} \w{3,4} \d{4} \d\d:\d\d UTC-5\)/);
    expect(reply).not.toContain('UTC+5:30');
    // Her zone was asked for once, with her first request, and remembered for the second.
    expect(w.fake.calls('users.info').map((c) => c.args.user)).toEqual([ana.user]);
  });

  test('GIVEN a workspace that has not granted users:read WHEN bob asks for the status THEN his reply shows the team zone', async () => {
    const w = world();
    const opened = await w.command(ana, 'open hacked-account sev1 Spam from our account');
    await w.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'C0ANNOUNCE');
    await w.responseText(opened.responseId);

    w.fake.failNext('users.info', 'missing_scope');
    const status = await w.command({ ...bob, channel: CHANNEL }, 'status');
    const reply = await w.responseText(status.responseId);
    expect(reply).toMatch(/\d{1,2} \w{3,4} \d{4} \d\d:\d\d UTC\+5:30/);
    expect(reply).not.toMatch(/\d\d:\d\d UTC(?!\+5:30)/);
  });
  test('GIVEN Slack hanging on users.info WHEN bob asks for the status THEN he is answered at once, in the team zone', async () => {
    const w = world();
    const opened = await w.command(ana, 'open hacked-account sev1 Spam from our account');
    await w.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'C0ANNOUNCE');
    await w.responseText(opened.responseId);
    w.fake.hang('users.info');

    const asked = Date.now();
    const status = await w.command({ ...bob, channel: CHANNEL }, 'status');
    const reply = await w.responseText(status.responseId);
    expect(Date.now() - asked).toBeLessThan(3000);
    expect(reply).toMatch(/\d{1,2} \w{3,4} \d{4} \d\d:\d\d UTC\+5:30/);
  });
});
