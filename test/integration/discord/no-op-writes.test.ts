/**
 * No Discord call that changes nothing: a change that leaves the topic and the pinned summary as they
 * are edits neither. calma's Discord adapter against the fake Discord, the real Redis store.
 */
import type { Caller } from '../../../src/app/deps';
import { dispatch } from '../../../src/app/dispatch';
import type { Incident } from '../../../src/core/types';
import { ana, general, useDiscordWorld } from './discord-world';

const world = useDiscordWorld();

describe('no Discord call that changes nothing', () => {
  test('GIVEN an open incident WHEN notes are added THEN neither the channel topic nor the pinned summary is edited, AND a severity change then edits each once', async () => {
    const w = world();
    const deps = w.discord.deps;
    const guild = w.fake.guildId;
    const caller: Caller = { workspace: guild, user: ana.id, room: general };
    await dispatch(deps, caller, { type: 'command', text: 'open hacked-account sev1 Spam from our account' });
    const incident = (await w.store.get(guild, 1)) as Incident;
    const room = incident.room ?? '';
    const summary = incident.summary?.id ?? '';
    await w.fake.waitFor(() => w.fake.channel(room)?.topic?.startsWith('SEV1'), 'the SEV1 topic');
    const here = { ...caller, room };
    const topicEdits = () =>
      w.fake.calls.filter((c) => c.method === 'PATCH' && c.path === `/channels/${room}`);
    const summaryEdits = () =>
      w.fake.calls.filter((c) => c.method === 'PATCH' && c.path === `/channels/${room}/messages/${summary}`);
    w.fake.clearCalls();

    for (const note of ['Spam posts archived', 'Password reset requested', 'Legal informed'])
      await dispatch(deps, here, { type: 'command', text: `note ${note}` });
    await dispatch(deps, here, { type: 'command', text: 'sev 2' });
    await w.fake.waitFor(() => w.fake.channel(room)?.topic?.startsWith('SEV2'), 'the SEV2 topic');

    expect((await w.store.timeline(guild, 1)).filter((e) => e.kind === 'note')).toHaveLength(3);
    expect(topicEdits()).toHaveLength(1);
    expect(summaryEdits()).toHaveLength(1);
    expect(JSON.stringify(summaryEdits()[0]?.body)).toContain('SEV2 · #1 Spam from our account');
  });
});
