import { ana, useSlackWorld } from './slack-world';

/**
 * 200 ms playbook minutes: step 1's reminder comes 200 ms after opening. (Escalations are shown with the
 * recording platform in test/integration/reminders: here the per-channel pacing of posts would make
 * the test wait for the reminders queued in front of them.)
 */
const world = useSlackWorld({ minuteMs: 200, announcements: null, playbooksUrl: null }, { reminders: true });
const CHANNEL = 'C1000';

describe('reminders in Slack', () => {
  test('GIVEN an open SEV1 incident WHEN step 1 is due and still open THEN the channel is reminded, with Snooze and Dismiss buttons', async () => {
    const w = world();

    await w.command(ana, 'open hacked-account sev1 Spam');

    const due = await w.fake.waitForCall(
      'chat.postMessage',
      (c) => String(c.args.text).includes('Step 1 is due'),
      5000,
    );
    expect(due.args.channel).toBe(CHANNEL);
    const buttons = JSON.stringify(due.args.blocks);
    expect(buttons).toContain('Snooze 30 min');
    expect(buttons).toContain('Dismiss');
  });

  test('GIVEN a reminder in the channel WHEN Dismiss is pressed THEN it is on the timeline with who did it', async () => {
    const w = world();
    await w.command(ana, 'open hacked-account sev1 Spam');
    await w.fake.waitForCall('chat.postMessage', (c) => String(c.args.text).includes('Step 1 is due'), 5000);

    await w.press({ ...ana, channel: CHANNEL }, w.buttonValue(CHANNEL, 'Dismiss'));

    await w.fake.waitForCall('chat.postMessage', (c) =>
      String(c.args.text).includes('Reminder dismissed by <@U0ANA>'),
    );
    const timeline = await w.store.timeline('T1', 1);
    expect(timeline.some((e) => e.kind === 'reminder-dismissed' && e.by === 'U0ANA')).toBe(true);
  });
});
