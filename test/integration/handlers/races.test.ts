import { button } from '../../support/recording-chat';
import { ana, bob, inRoom, useWorld } from './world';

const world = useWorld();

describe('two responders acting at the same moment', () => {
  test('GIVEN ana presses Done while bob sets SEV2 AND the platform applies the first summary update late WHEN both are through THEN the pinned summary shows both changes, as stored', async () => {
    const w = world();
    const room = await w.open(ana);
    const done = button(w.latestStepCard(room), 'Done');
    const pinned = (await w.incident(1)).summary ?? { room: '', id: '' };
    // Whichever change is stored first has its summary refresh delayed on the way to the platform.
    w.chat.slowNext('update', 100);

    await Promise.all([w.press(inRoom(ana, room), done), w.command(inRoom(bob, room), 'sev 2')]);

    const stored = await w.incident(1);
    expect(stored.severity).toBe(2);
    expect(stored.steps[0]?.state).toBe('done');
    const shown = w.chat.currentCard(pinned);
    expect(shown?.title).toBe('SEV2 · #1 Our account is posting spam');
    expect(shown?.fields).toContainEqual({ label: 'Progress', value: 'step 2 of 11 (done: 1, skipped: 0)' });
    expect(w.chat.topicOf(room)).toMatch(/^SEV2 · /);
  });
});
