/** `/crisis evidence`: links to what was posted in public, kept with who logged them and when. */
import { textOf } from '../../support/recording-chat';
import { ana, inRoom, kinds, replyText, useWorld } from './world';

const world = useWorld();

describe('/crisis evidence', () => {
  test('GIVEN an incident WHEN a Slack-wrapped link is logged with a note THEN the timeline keeps it, the room reads it and status shows it', async () => {
    const w = world();
    const room = await w.open(ana);

    await w.command(
      inRoom(ana, room),
      'evidence <https://x.com/acme/status/123|x.com/acme/status/123> attacker post, 4k reposts',
    );

    expect((await w.timeline(1)).at(-1)).toMatchObject({
      kind: 'evidence',
      url: 'https://x.com/acme/status/123',
      note: 'attacker post, 4k reposts',
      by: 'U0ANA',
    });
    expect(w.chat.postsIn(room).map(textOf).at(-1)).toContain(
      'Evidence kept on incident #1 by <@U0ANA>: https://x.com/acme/status/123',
    );
    // Still in the status card's evidence list after six more events pushed it out of "latest".
    for (let i = 1; i <= 6; i++) await w.command(inRoom(ana, room), `note Update ${i}`);
    const status = await w.command(inRoom(ana, room), 'status');
    const evidenceCard = status.cards.find((c) => c.title === 'Evidence (1)');
    expect(evidenceCard?.lines?.[0]).toContain(
      'evidence kept: https://x.com/acme/status/123 (attacker post, 4k reposts)',
    );
    expect(status.cards.find((c) => c.title === 'Latest on the timeline')?.lines?.join('\n')).not.toContain(
      'x.com',
    );
  });

  test('GIVEN a resolved incident WHEN evidence turns up late THEN it is still kept', async () => {
    const w = world();
    const room = await w.open(ana);
    await w.command(inRoom(ana, room), 'close Done.');

    await w.command(inRoom(ana, room), 'evidence https://news.example/article');

    expect(kinds(await w.timeline(1)).at(-1)).toBe('evidence');
  });

  test.each([
    ['evidence', 'Which link? `/crisis evidence <link> [note]`'],
    ['evidence javascript:alert(1)', '“javascript:alert(1)” is not a web link (http:// or https://).'],
    ['evidence see-the-screenshot', '“see-the-screenshot” is not a web link'],
  ])('GIVEN `/crisis %s` WHEN sent THEN a friendly refusal and nothing kept', async (text, said) => {
    const w = world();
    const room = await w.open(ana);
    const before = (await w.timeline(1)).length;

    expect(replyText(await w.command(inRoom(ana, room), text))).toContain(said);
    expect(await w.timeline(1)).toHaveLength(before);
  });
});
