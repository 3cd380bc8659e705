import { textOf } from '../../support/recording-chat';
import { ana, inRoom, replyText, useWorld } from './world';

const world = useWorld();

describe('progress and what is overdue', () => {
  test('GIVEN an incident opened 17 minutes ago with steps 1-5 open WHEN the status is asked THEN the summary lists the overdue steps and by how much, and the step card says it is late', async () => {
    const w = world();
    const room = await w.open(ana);
    w.clock.advanceMinutes(17);

    const reply = await w.command(inRoom(ana, room), 'status');

    const text = replyText(reply);
    expect(text).toContain('Overdue: step 1 (+17 min) · step 2 (+12 min) · step 3 (+7 min) · and 3 more');
    expect(text).toContain('step 1 of 11 (done: 0, skipped: 0)');
    expect(text).toMatch(/Due:\* 0 min after opening \(22 Nov 2026 09:30 UTC\) \(\*17 min overdue\*\)/);
  });

  test('GIVEN overdue steps WHEN they are done THEN the pinned summary no longer lists them', async () => {
    const w = world();
    const room = await w.open(ana);
    w.clock.advanceMinutes(6);

    await w.command(inRoom(ana, room), 'step done');
    await w.command(inRoom(ana, room), 'step done');

    const pinned = w.chat.pinnedIn(room)[0];
    const summary = textOf(pinned ? (w.chat.currentCard(pinned) ?? {}) : {});
    expect(summary).toContain('step 3 of 11');
    expect(summary).not.toContain('Overdue');
  });
});
