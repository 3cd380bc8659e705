/**
 * An alert storm on Discord: calma's real Discord adapter against the fake Discord (which checks
 * Discord's message limits), the real AlertIntake and BullMQ worker, the storm rule on. The digest is
 * one message, edited in place, within 5 rows of 5 buttons and the embed limits, and its buttons open.
 */
import type { APIMessage } from 'discord.js';
import { announcements, buttonsOf, readable, useDiscordWorld } from '../discord/discord-world';
import { storm, useStormRigs } from './storm-rig';

const w = useDiscordWorld();

const rig = useStormRigs();

/** A storm with long titles and many labels, as a noisy monitoring tool sends them. */
function noisyStorm(groups: number, perGroup: number) {
  return storm(groups, perGroup).map((job) => ({
    ...job,
    alert: {
      ...job.alert,
      title: `${job.alert.title}: ${'brand mentions quoting a post we did not write '.repeat(5)}`,
      labels: { ...job.alert.labels, service: 'social-listening', env: 'production', cluster: 'eu-west-1' },
    },
  }));
}

describe('an alert storm on Discord', () => {
  test('GIVEN the storm rule of 5 groups a minute WHEN 60 new groups arrive together THEN the triage channel gets 5 cards and one digest message, edited in place within Discord’s limits, whose *Open crisis* opens the group', async () => {
    const world = w();
    const r = rig(world.discord.deps, {
      workspace: world.fake.guildId,
      triageChannel: announcements,
      routes: [{ match: {}, action: 'triage', playbook: 'hacked-account' }],
    });

    await r.send(noisyStorm(60, 3));
    const digest = await world.fake.waitFor(
      () =>
        world.fake
          .messagesIn(announcements)
          .find(
            (m) =>
              readable(m).includes('Alert storm: 55 alert groups') && readable(m).includes('165 alerts.'),
          ),
      'the digest to show 55 groups',
      30_000,
    );

    const messages = world.fake.messagesIn(announcements);
    expect(messages).toHaveLength(6);
    const edits = world.fake.calls.filter(
      (c) => c.method === 'PATCH' && c.path.endsWith(`/messages/${digest.id}`) && c.status === 200,
    );
    expect(edits.length).toBeLessThan(50);
    expect(digest.components?.length).toBeLessThanOrEqual(5);
    const buttons = buttonsOf(digest);
    expect(buttons.filter((b) => b.custom_id.includes('alert.pick'))).toHaveLength(20);
    expect(buttons.filter((b) => b.custom_id.includes('alert.groups'))).toHaveLength(1);

    const first = buttons.find((b) => b.label.startsWith('1. Open crisis'));
    await world.press(digest as APIMessage, first?.label ?? '').callback();
    await world.fake.waitFor(() => world.incidentChannels()[0], 'the incident channel', 10_000);
    expect(await world.store.list(world.fake.guildId, { all: true })).toHaveLength(1);
    await world.fake.waitFor(
      () =>
        world.fake
          .messagesIn(announcements)
          .find((m) => m.id === digest.id && readable(m).includes('opened as incident #1')),
      'the digest to say the group was opened',
      10_000,
    );
  });
});
