/**
 * Discord stops answering posts to one channel while calma runs on the real discord.js client: each call
 * gives up once its time is over (shortened here from 10 s), the person who asked is told, and nothing
 * outside that channel waits for it.
 */
import { stringOption } from '../../support/discord-payloads';
import type { FakeInteraction } from '../../support/fake-discord';
import { announcements, type DiscordWorld, readable, useDiscordWorld } from './discord-world';

// Short enough for a quick test, long enough that a loaded machine's ordinary calls (the announcements
// this test waits for) never run out of time: only the hung channel's do.
const world = useDiscordWorld({}, { timeouts: { attemptMs: 1000, callMs: 3000 } });

const WAIT_MS = 10_000;

/** Opens an incident as ana in #general and returns its channel once it is announced. */
async function openIncident(w: DiscordWorld, title: string): Promise<string> {
  await w
    .command('open', [
      stringOption('playbook', 'hacked-account'),
      stringOption('severity', 'sev1'),
      stringOption('title', title),
    ])
    .callback(WAIT_MS);
  await w.messageWith(announcements, title, WAIT_MS);
  const room = (await w.store.list(w.fake.guildId)).find((i) => i.title === title)?.room;
  if (!room) throw new Error(`incident "${title}" has no channel`);
  return room;
}

/** What the person who asked reads: the direct reply, or the deferred one once filled in. */
async function answerOf(interaction: FakeInteraction): Promise<string> {
  const callback = await interaction.callback(WAIT_MS);
  if (callback.type === 4) return readable(callback.data ?? {});
  return readable((await interaction.reply('edit', undefined, WAIT_MS)).body);
}

describe('when Discord hangs in one channel', () => {
  test('GIVEN posts to incident #1’s channel hang WHEN ana logs a question there THEN she is told Discord did not answer in time, while help, the list and a question in incident #2 go through', async () => {
    const w = world();
    const hung = await openIncident(w, 'Spam from our account');
    const other = await openIncident(w, 'Fake giveaway');
    w.fake.hang('POST', new RegExp(`^/channels/${hung}/messages$`));

    const asked = w.command('question', [stringOption('question', 'Is my password safe?')], {
      channel: w.fake.channel(hung),
    });
    const help = w.command('help');
    const list = w.command('list');
    w.command('question', [stringOption('question', 'Is the giveaway real?')], {
      channel: w.fake.channel(other),
    });

    expect(await answerOf(help)).toContain('/crisis note');
    const listed = await answerOf(list);
    expect(listed).toContain('Spam from our account');
    expect(listed).toContain('Fake giveaway');
    await w.messageWith(other, 'Is the giveaway real?', WAIT_MS);
    expect(await answerOf(asked)).toContain('Discord did not answer calma in time');
    const incident = await w.store.findByRoom(w.fake.guildId, hung);
    expect(incident?.questions).toEqual([expect.objectContaining({ text: 'Is my password safe?' })]);
  });
});
