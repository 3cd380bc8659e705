import { ana, inRoom, replyText, useWorld } from './world';

/**
 * `#N` names an incident, but free text (a note, a skip reason, a title) may contain `#` followed by a
 * number too: a ticket, a hashtag-like reference, another incident mentioned in passing. Typed in an
 * incident's room, the text belongs to that incident and must arrive whole.
 */
const world = useWorld();

describe('free text that contains #N', () => {
  test('GIVEN ana is in the room of #1 WHEN she notes “Support ticket #5512 filed with the platform” THEN the note is on #1, word for word', async () => {
    const w = world();
    const room = await w.open(ana);

    const reply = await w.command(inRoom(ana, room), 'note Support ticket #5512 filed with the platform');

    expect(replyText(reply)).toBe('Note added to the timeline of incident #1.');
    expect((await w.timeline(1)).at(-1)).toMatchObject({
      kind: 'note',
      text: 'Support ticket #5512 filed with the platform',
    });
  });

  test('GIVEN incidents #1 and #2 WHEN ana, in the room of #1, notes “Same attacker as in #2” THEN the note lands on #1 with its full text, and #2 is untouched', async () => {
    const w = world();
    const room1 = await w.open(ana);
    await w.open(ana, 'open hacked-account sev2 Scam DMs to followers');
    const timeline2 = await w.timeline(2);

    await w.command(inRoom(ana, room1), 'note Same attacker as in #2');

    expect((await w.timeline(1)).at(-1)).toMatchObject({ kind: 'note', text: 'Same attacker as in #2' });
    expect(await w.timeline(2)).toEqual(timeline2);
  });

  test('GIVEN incidents #1 and #2 WHEN ana, in the room of #1, types `/crisis step skip Duplicate of #2` THEN step 1 of #1 is skipped with that reason, and #2 is untouched', async () => {
    const w = world();
    const room1 = await w.open(ana);
    await w.open(ana, 'open hacked-account sev2 Scam DMs to followers');
    const incident2 = await w.incident(2);

    await w.command(inRoom(ana, room1), 'step skip Duplicate of #2');

    expect((await w.incident(1)).steps[0]).toMatchObject({ state: 'skipped', reason: 'Duplicate of #2' });
    expect(await w.incident(2)).toEqual(incident2);
  });

  test('GIVEN nothing is open WHEN ana opens “Spam from the #1 fan account” THEN the incident keeps its whole title', async () => {
    const w = world();

    await w.command(ana, 'open hacked-account sev1 Spam from the #1 fan account');

    expect((await w.incident(1)).title).toBe('Spam from the #1 fan account');
  });
});
