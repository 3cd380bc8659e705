/** `/crisis followup`: follow-up actions added, done and listed, before and after closing. */
import { textOf } from '../../support/recording-chat';
import { ana, bob, inRoom, kinds, lena, replyText, useWorld } from './world';

const world = useWorld();

/** The value of a field of the summary card that `/crisis status` shows. */
async function summaryField(w: ReturnType<typeof world>, room: string, label: string) {
  const status = await w.command(inRoom(ana, room), 'status');
  return status.cards[0]?.fields?.find((f) => f.label === label)?.value;
}

describe('/crisis followup', () => {
  test('GIVEN an open incident WHEN ana adds a follow-up for bob THEN it is F1 on the record, bob is invited, the room reads it and the summary lists it with its owner', async () => {
    const w = world();
    const room = await w.open(ana);

    await w.command(inRoom(ana, room), 'followup Rotate the scheduling tool API keys @U0BOB');

    const incident = await w.incident(1);
    expect(incident.followups).toEqual([
      {
        n: 1,
        text: 'Rotate the scheduling tool API keys',
        owner: 'U0BOB',
        by: 'U0ANA',
        at: '2026-11-22T09:30:00.000Z',
      },
    ]);
    expect((await w.timeline(1)).at(-1)).toMatchObject({
      kind: 'followup',
      n: 1,
      text: 'Rotate the scheduling tool API keys',
      owner: 'U0BOB',
      by: 'U0ANA',
    });
    expect(w.chat.invitedTo(room)).toContain('U0BOB');
    expect(w.chat.postsIn(room).map(textOf).at(-1)).toBe(
      'Follow-up F1 added by <@U0ANA> for <@U0BOB>: Rotate the scheduling tool API keys. calma reminds them until it is done.',
    );
    expect(await summaryField(w, room, 'Open follow-ups')).toBe(
      '• F1: Rotate the scheduling tool API keys (<@U0BOB>)',
    );
  });

  test('GIVEN two follow-ups WHEN lena marks F1 done and anyone lists them THEN F1 is done by lena on the record, the summary keeps only F2, and the list shows both', async () => {
    const w = world();
    const room = await w.open(ana);
    await w.command(inRoom(ana, room), 'followup Rotate the API keys @U0BOB');
    await w.command(inRoom(ana, room), 'followup Thank the customers who warned us');
    w.clock.advanceMinutes(10);

    await w.command(inRoom(lena, room), 'followup done F1');

    const incident = await w.incident(1);
    expect(incident.followups?.[0]?.done).toEqual({ by: 'U0LENA', at: '2026-11-22T09:40:00.000Z' });
    expect(incident.followups?.[1]?.done).toBeUndefined();
    expect((await w.timeline(1)).at(-1)).toMatchObject({ kind: 'followup-done', n: 1, by: 'U0LENA' });
    expect(w.chat.postsIn(room).map(textOf).at(-1)).toBe(
      'Follow-up F1 marked done by <@U0LENA>: Rotate the API keys',
    );
    expect(await summaryField(w, room, 'Open follow-ups')).toBe(
      '• F2: Thank the customers who warned us (no owner)',
    );

    const list = await w.command(inRoom(bob, room), 'followup');
    const card = list.cards[0];
    expect(card?.title).toBe('Follow-up actions of incident #1');
    expect(card?.fields).toEqual([
      { label: 'Open follow-ups', value: '• F2: Thank the customers who warned us (no owner)' },
      { label: 'Done', value: '• F1: Rotate the API keys (done by <@U0LENA>, 22 Nov 2026 09:40 UTC)' },
    ]);
  });

  test('GIVEN a follow-up open at closing WHEN the incident is closed THEN the closing says so, and follow-ups can still be added and done afterwards, from another channel with #N', async () => {
    const w = world();
    const room = await w.open(ana);
    await w.command(inRoom(ana, room), 'followup Rotate the API keys @U0BOB');

    await w.command(inRoom(ana, room), 'close The spam is gone.');
    expect(w.chat.postsIn(room).map(textOf).at(-1)).toContain(
      'Follow-ups still open: F1. Their owners keep being reminded until they are done.',
    );

    await w.command(ana, 'followup #1 Publish the postmortem @U0ANA');
    await w.command(bob, 'followup #1 done F1');

    const incident = await w.incident(1);
    expect(incident.status).toBe('resolved');
    expect(incident.followups?.map((f) => [f.n, f.text, f.done?.by])).toEqual([
      [1, 'Rotate the API keys', 'U0BOB'],
      [2, 'Publish the postmortem', undefined],
    ]);
    expect(kinds(await w.timeline(1)).slice(-3)).toEqual(['closed', 'followup', 'followup-done']);
    expect(await summaryField(w, room, 'Open follow-ups')).toBe('• F2: Publish the postmortem (<@U0ANA>)');
  });

  test('GIVEN no follow-up yet WHEN `/crisis followup` is sent THEN it says there are none and how to add one', async () => {
    const w = world();
    const room = await w.open(ana);

    expect(replyText(await w.command(inRoom(ana, room), 'followup'))).toContain(
      'No follow-up actions yet. Add one with `/crisis followup <text> [@owner]`.',
    );
  });

  test.each([
    ['followup done', 'Which follow-up? `/crisis followup done F1`'],
    ['followup done F9', 'Incident #1 has no follow-up F9.'],
    ['followup @U0BOB', 'What is left to do? `/crisis followup <text> [@owner]`'],
    ['followup done F1', 'Follow-up F1 is already done.'],
  ])(
    'GIVEN F1 done WHEN `/crisis %s` is sent THEN a friendly refusal and nothing stored',
    async (text, said) => {
      const w = world();
      const room = await w.open(ana);
      await w.command(inRoom(ana, room), 'followup Rotate the API keys');
      await w.command(inRoom(ana, room), 'followup done F1');
      const before = await w.snapshot();

      expect(replyText(await w.command(inRoom(bob, room), text))).toContain(said);
      expect((await w.snapshot()).incidents).toEqual(before.incidents);
      expect((await w.snapshot()).timelines).toEqual(before.timelines);
    },
  );

  test('GIVEN an incident in Spanish WHEN a follow-up is added and listed THEN the room and the list read in Spanish', async () => {
    const w = world();
    const room = await w.open(ana);
    await w.command(inRoom(ana, room), 'lang es');

    await w.command(inRoom(ana, room), 'followup Revisar los permisos @U0BOB');

    expect(w.chat.postsIn(room).map(textOf).at(-1)).toBe(
      '<@U0ANA> añadió la acción de seguimiento F1 para <@U0BOB>: Revisar los permisos. calma se la recordará hasta que esté hecha.',
    );
    const list = await w.command(inRoom(ana, room), 'followup');
    expect(list.cards[0]?.title).toBe('Acciones de seguimiento de la crisis #1');
  });
});
