/**
 * A triage card shows once even when the platform acted without answering in time: calma's real Slack
 * and Discord adapters against the fakes, the real alert queue and BullMQ worker. Slack takes no
 * idempotency key: a keyed post carries message metadata, and calma looks for it before posting again
 * (after an unanswered attempt, and in a retry of the job). Discord keeps an enforced nonce a few
 * minutes and answers a repeat with the message it made.
 */
import { keysOf } from '../../../src/alerts/process';
import type { Deps } from '../../../src/app/deps';
import type { TriageCard } from '../../../src/ports/alert-store';
import { announcements, useDiscordWorld } from '../discord/discord-world';
import { useSlackWorld } from '../slack/slack-world';
import { storm, useStormRigs } from './storm-rig';

/** Past the attempt's time (1 s here), within the call's: calma gave the attempt up when it lands. */
const LATE_MS = 2000;
const TRIAGE = 'C0TRIAGE';

const rig = useStormRigs();

describe('on Slack', () => {
  const world = useSlackWorld({ announcements: null }, { timeouts: { attemptMs: 1000, callMs: 15_000 } });

  const cards = () =>
    world()
      .fake.calls('chat.postMessage')
      .filter((c) => c.args.channel === TRIAGE && c.status === 200 && c.response?.ok === true);

  test('GIVEN Slack posts the triage card but answers after calma gave the attempt up WHEN the alert is processed THEN the channel has the card once, and calma keeps that one', async () => {
    const w = world();
    const r = rig(w.slack.deps, { workspace: 'T1', triageChannel: TRIAGE, groups: 100 });
    w.fake.answerLateNext('chat.postMessage', LATE_MS, { channel: TRIAGE });

    await r.send(storm(1, 1));

    expect(cards()).toHaveLength(1);
    expect((await triageCard(w.slack.deps, 'T1'))?.card?.id).toBe(String(cards()[0]?.response?.ts));
  });

  test('GIVEN Slack posts the triage card without answering and calma cannot look for it in that run WHEN the alert job runs again THEN it finds the card rather than posting a second one', async () => {
    const w = world();
    const r = rig(w.slack.deps, { workspace: 'T1', triageChannel: TRIAGE, groups: 100 });
    // The first run posts, is not answered, and cannot read the channel: it fails, and its job is retried.
    w.fake.answerLateNext('chat.postMessage', LATE_MS, { channel: TRIAGE });
    w.fake.outage('conversations.history', 'internal_error');
    const healed = w.fake
      .waitForCall('conversations.history', () => true, 20_000)
      .then(() => w.fake.heal('conversations.history'));

    await r.send(storm(1, 1));
    await healed;

    expect(cards()).toHaveLength(1);
    const found = w.fake.calls('conversations.history').filter((c) => c.response?.ok === true);
    expect(found.length).toBeGreaterThan(0);
    expect((await triageCard(w.slack.deps, 'T1'))?.card?.id).toBe(String(cards()[0]?.response?.ts));
  });
});

describe('on Discord', () => {
  const world = useDiscordWorld({}, { timeouts: { attemptMs: 1000, callMs: 15_000 } });

  test('GIVEN Discord creates the triage message but answers after calma gave the attempt up WHEN the alert is processed THEN the channel has the card once (the nonce brings the same message back)', async () => {
    const w = world();
    const channel = announcements;
    const r = rig(w.discord.deps, {
      workspace: w.fake.guildId,
      triageChannel: channel,
      groups: 100,
    });
    w.fake.answerLateNext('POST', new RegExp(`/channels/${channel}/messages$`), LATE_MS);

    await r.send(storm(1, 1));

    const messages = w.fake.messagesIn(channel);
    expect(messages).toHaveLength(1);
    expect((await triageCard(w.discord.deps, w.fake.guildId))?.card?.id).toBe(messages[0]?.id);
  });
});

/** The triage card calma stored for the one alert `storm(1, 1)` sends. */
async function triageCard(deps: Deps, workspace: string): Promise<TriageCard | null> {
  const [job] = storm(1, 1);
  if (!deps.alerts || !job) return null;
  const link = (await deps.alerts.linked(workspace, keysOf(job.alert))) ?? '';
  return link.startsWith('triage:') ? deps.alerts.triage(workspace, link.slice('triage:'.length)) : null;
}
