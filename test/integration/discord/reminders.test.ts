/**
 * Reminders on Discord through the real BullMQ queue (one playbook minute = 40 ms): a step reminder
 * arrives in the incident channel with Snooze / Dismiss, the people it is for are pinged (mentions in
 * the message content, where Discord notifies them), and a statement waiting for approval nags the
 * approvers.
 */
import type { APIMessage } from 'discord.js';
import { stringOption } from '../../support/discord-payloads';
import { PATIENCE_MS } from '../../support/patience';
import { waitFor } from '../../support/wait-for';
import { announcements, bob, buttonsOf, type DiscordWorld, readable, useDiscordWorld } from './discord-world';

const world = useDiscordWorld({ minuteMs: 40, approvers: { approver: [bob.id] } }, { reminders: true });

async function openIncident(w: DiscordWorld): Promise<string> {
  await w
    .command('open', [
      stringOption('playbook', 'hacked-account'),
      stringOption('severity', 'sev1'),
      stringOption('title', 'Spam from our account'),
    ])
    .callback();
  const room = await w.fake.waitFor(() => w.incidentChannels()[0], 'the incident channel');
  await w.messageWith(announcements, 'Spam from our account');
  return room.id;
}

describe('reminders on Discord', () => {
  test('GIVEN an open incident WHEN step 2 falls due with nobody on it THEN its reminder comes in the channel with Snooze and Dismiss; Dismiss is recorded with who', async () => {
    const w = world();
    const room = await openIncident(w);
    const reminder = await w.messageWith(room, '⏰ Step 2 is due');
    expect(buttonsOf(reminder).map((b) => b.label)).toEqual(
      expect.arrayContaining(['Snooze 30 min', 'Snooze 60 min', 'Snooze 90 min', 'Dismiss']),
    );

    await w.press(reminder, 'Dismiss', { channel: w.fake.channel(room), user: bob }).callback();
    const dismissed = await waitFor(
      async () => (await w.store.timeline(w.fake.guildId, 1)).find((e) => e.kind === 'reminder-dismissed'),
      PATIENCE_MS,
      'the dismissal on the timeline',
    );
    expect(dismissed).toMatchObject({ reminder: 'step-1', by: bob.id });
  });

  test('GIVEN S1 waiting for approval WHEN approval_after passes THEN bob, the approver, is pinged in the channel', async () => {
    const w = world();
    const room = await openIncident(w);
    await w
      .command(
        'update',
        [stringOption('text', 'We are sorry: our account posted spam. Do not click its links.')],
        {
          channel: w.fake.channel(room),
        },
      )
      .callback();
    const nag = await w.messageWith(room, 'Statement S1 has waited');
    // Discord only notifies mentions in a message's content, never inside an embed.
    expect(nag.content).toContain(`<@${bob.id}>`);
    expect((nag as APIMessage & { mention_everyone?: boolean }).mention_everyone ?? false).toBe(false);
    expect(readable(nag)).toContain('⏳');
  });
});
