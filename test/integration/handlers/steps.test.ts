import type { Caller } from '../../../src/app/deps';
import { button, buttonsOf, textOf } from '../../support/recording-chat';
import { ana, bob, inRoom, kinds, lena, replyText, useWorld, type World } from './world';

const world = useWorld();

/** Opens #1 and returns the room plus ana, bob and lena standing in it. */
async function openIncident(w: World) {
  const room = await w.open(ana);
  return { room, ana: inRoom(ana, room), bob: inRoom(bob, room), lena: inRoom(lena, room) };
}

/** Presses Done on the step card the room shows last, as `who`. */
async function doneOnLatest(w: World, room: string, who: Caller) {
  return w.press(who, button(w.latestStepCard(room), 'Done'));
}

describe('the Done button', () => {
  test('GIVEN step 1 on the room WHEN ana presses Done THEN step 1 is done on the timeline and the room reads the record and step 2', async () => {
    const w = world();
    const { room, ana } = await openIncident(w);
    const step1 = w.latestStepCard(room);
    const before = w.chat.postsIn(room).length;
    w.clock.advanceMinutes(3);

    const reply = await w.press(ana, button(step1, 'Done'));

    const incident = await w.incident(1);
    expect(incident.steps[0]).toEqual({ state: 'done', by: 'U0ANA', at: '2026-11-22T09:33:00.000Z' });
    expect((await w.timeline(1)).at(-1)).toMatchObject({
      kind: 'step-done',
      step: 0,
      by: 'U0ANA',
      at: '2026-11-22T09:33:00.000Z',
    });
    const [record, step2, ...rest] = w.chat.postsIn(room).slice(before);
    expect(rest).toEqual([]);
    expect(textOf(record ?? {})).toBe('Step 1 done by <@U0ANA>: Open the incident and take the lead');
    expect(step2?.title).toBe('Step 2 of 11: Pull the kill switch');
    expect(textOf(step2 ?? {})).toContain('*Due:* 5 min after opening (22 Nov 2026 09:35 UTC)');
    expect(buttonsOf(step2).map((b) => b.action.args)).toEqual([
      ['1', '1'],
      ['1', '1'],
      ['1', '1'],
      // Draft holding statement: the holding step's template, whatever step the team is on.
      ['1', '5'],
    ]);
    // The pinned summary follows.
    expect(w.chat.currentCard(incident.summary ?? { room: '', id: '' })?.fields).toContainEqual({
      label: 'Progress',
      value: 'step 2 of 11 (done: 1, skipped: 0)',
    });
    // Pressed in the room: the room already shows it, so the private reply is empty.
    expect(reply.cards).toEqual([]);
  });

  test('GIVEN step 1 is done WHEN its Done button is pressed again THEN the reply says it is already done and nothing changes', async () => {
    const w = world();
    const { room, ana, bob } = await openIncident(w);
    const step1 = w.latestStepCard(room);
    await w.press(ana, button(step1, 'Done'));
    const before = await w.snapshot();

    const reply = await w.press(bob, button(step1, 'Done'));

    expect(replyText(reply)).toBe('Step 1 is already done.');
    expect(await w.snapshot()).toEqual(before);
  });

  test('GIVEN step 1 on the room WHEN two people press Done at the same moment THEN the step is done once: one step-done event, one record in the room, one refusal', async () => {
    const w = world();
    const { room } = await openIncident(w);
    const done = button(w.latestStepCard(room), 'Done');
    // Both press from outside the room, so each gets a reply saying what happened to them.
    const before = w.chat.postsIn(room).length;

    const replies = await Promise.all([w.press(ana, done), w.press(bob, done)]);

    const events = (await w.timeline(1)).filter((e) => e.kind === 'step-done');
    expect(events).toHaveLength(1);
    const texts = replies.map(replyText);
    expect(texts.filter((t) => t.startsWith('Step 1 done by'))).toHaveLength(1);
    expect(texts.filter((t) => t === 'Step 1 is already done.')).toHaveLength(1);
    const posted = w.chat.postsIn(room).slice(before).map(textOf);
    expect(posted.filter((t) => t.startsWith('Step 1 done by'))).toHaveLength(1);
    expect(posted.filter((t) => t.startsWith('Step 2 of 11'))).toHaveLength(1);
    expect((await w.incident(1)).steps[0]?.state).toBe('done');
  });
});

describe('the Skip button', () => {
  test('GIVEN step 1 WHEN ana presses Skip THEN she gets a form asking why, and nothing changes yet', async () => {
    const w = world();
    const { room, ana } = await openIncident(w);
    const before = await w.snapshot();

    const reply = await w.press(ana, button(w.latestStepCard(room), 'Skip'));

    expect(reply.form).toEqual({
      submit: { kind: 'step.skip', args: ['1', '0'] },
      title: 'Skip step 1',
      fields: [{ id: 'reason', label: 'Why skip it? (goes into the postmortem)' }],
    });
    expect(await w.snapshot()).toEqual(before);
  });

  test('GIVEN the skip form WHEN ana submits a reason THEN step 1 is skipped with that reason on the timeline and the room moves to step 2', async () => {
    const w = world();
    const { room, ana } = await openIncident(w);
    const { form } = await w.press(ana, button(w.latestStepCard(room), 'Skip'));
    const before = w.chat.postsIn(room).length;

    await w.submit(ana, form, { reason: 'Lead already named in the war room' });

    expect((await w.incident(1)).steps[0]).toMatchObject({
      state: 'skipped',
      by: 'U0ANA',
      reason: 'Lead already named in the war room',
    });
    expect((await w.timeline(1)).at(-1)).toMatchObject({
      kind: 'step-skipped',
      step: 0,
      reason: 'Lead already named in the war room',
    });
    const posted = w.chat.postsIn(room).slice(before);
    expect(textOf(posted[0] ?? {})).toBe(
      'Step 1 skipped by <@U0ANA>: Open the incident and take the lead. Reason: Lead already named in the war room',
    );
    expect(posted[1]?.title).toBe('Step 2 of 11: Pull the kill switch');
  });

  test('GIVEN the skip form WHEN it is submitted with a blank reason THEN it is refused and step 1 stays open', async () => {
    const w = world();
    const { room, ana } = await openIncident(w);
    const { form } = await w.press(ana, button(w.latestStepCard(room), 'Skip'));
    const before = await w.snapshot();

    const reply = await w.submit(ana, form, { reason: '   ' });

    expect(replyText(reply)).toBe('Say why you skip step 1: the reason goes into the postmortem.');
    expect((await w.incident(1)).steps[0]).toEqual({ state: 'open' });
    expect(await w.snapshot()).toEqual(before);
  });
});

describe('the Assign button', () => {
  test('GIVEN step 2 WHEN ana presses Assign and answers `@bob` THEN bob owns step 2, is invited to the room, and the room is told', async () => {
    const w = world();
    const { room, ana } = await openIncident(w);
    await doneOnLatest(w, room, ana);
    const { form } = await w.press(ana, button(w.latestStepCard(room), 'Assign'));
    expect(form?.submit).toEqual({ kind: 'step.assign', args: ['1', '1'] });
    expect(form?.fields.map((f) => f.id)).toEqual(['user']);
    const before = w.chat.postsIn(room).length;

    await w.submit(ana, form, { user: '@U0BOB' });

    expect((await w.incident(1)).steps[1]).toEqual({ state: 'open', assignee: 'U0BOB' });
    expect((await w.timeline(1)).at(-1)).toMatchObject({ kind: 'step-assigned', step: 1, user: 'U0BOB' });
    expect(w.chat.invitedTo(room)).toContain('U0BOB');
    expect(w.chat.postsIn(room).slice(before).map(textOf)).toEqual([
      'Step 2 (Pull the kill switch) assigned to <@U0BOB> by <@U0ANA>',
    ]);
    // The step card now names bob as the one to act.
    const show = await w.command(ana, 'step');
    expect(replyText(show)).toContain('(<@U0BOB>)');
  });

  test('GIVEN the assign form WHEN the answer is not a user THEN it is refused and nobody is assigned', async () => {
    const w = world();
    const { room, ana } = await openIncident(w);
    const { form } = await w.press(ana, button(w.latestStepCard(room), 'Assign'));
    const before = await w.snapshot();

    const reply = await w.submit(ana, form, { user: '' });

    expect(replyText(reply)).toBe('Say who takes the step: `/crisis step assign [N] @name`.');
    expect(await w.snapshot()).toEqual(before);
  });
});

describe('a step that needs the lead’s approval (step 5, remove the attacker’s posts)', () => {
  /** Opens #1, names lena lead, and presses Done on steps 1 to 4 so the room shows step 5. */
  async function atStep5(w: World) {
    const people = await openIncident(w);
    await w.command(people.ana, 'role lead @U0LENA');
    for (let i = 0; i < 4; i++) await doneOnLatest(w, people.room, people.ana);
    const step5 = w.latestStepCard(people.room);
    expect(step5.title).toBe('Step 5 of 11: Remove the posts we did not write');
    return { ...people, step5 };
  }

  test('GIVEN step 5 WHEN its card is read THEN it says only the incident lead can mark it done', async () => {
    const w = world();
    const { step5 } = await atStep5(w);

    expect(textOf(step5)).toContain('*Needs approval by:* incident lead. Only they can mark it done.');
  });

  test('GIVEN lena is lead WHEN bob (not the lead) presses Done on step 5 THEN it is refused naming the role, and step 5 stays open', async () => {
    const w = world();
    const { bob, step5 } = await atStep5(w);
    const before = await w.snapshot();

    const reply = await w.press(bob, button(step5, 'Done'));

    expect(replyText(reply)).toBe('Step 5 needs approval by: incident lead. Ask them to mark it done.');
    expect((await w.incident(1)).steps[4]?.state).toBe('open');
    expect(await w.snapshot()).toEqual(before);
  });

  test('GIVEN lena is lead WHEN lena presses Done on step 5 THEN it is done (her press is the approval) and the room moves to step 6', async () => {
    const w = world();
    const { room, lena, step5 } = await atStep5(w);

    await w.press(lena, button(step5, 'Done'));

    expect((await w.incident(1)).steps[4]).toMatchObject({ state: 'done', by: 'U0LENA' });
    expect((await w.timeline(1)).at(-1)).toMatchObject({ kind: 'step-done', step: 4, by: 'U0LENA' });
    const texts = w.chat.textsIn(room);
    expect(texts.at(-2)).toBe('Step 5 done by <@U0LENA>: Remove the posts we did not write');
    expect(w.latestStepCard(room).title).toMatch(/^Step 6 of 11: /);
  });

  test('GIVEN nobody is lead WHEN someone presses Done on step 5 THEN the refusal says nobody holds the role and how to name one', async () => {
    const w = world();
    const { room, ana } = await openIncident(w);
    for (let i = 0; i < 4; i++) await doneOnLatest(w, room, ana);
    const before = await w.snapshot();

    const reply = await doneOnLatest(w, room, ana);

    expect(replyText(reply)).toBe(
      'Step 5 needs approval by: incident lead, and nobody holds that role yet. Name someone first: `/crisis role lead @name`.',
    );
    expect(await w.snapshot()).toEqual(before);
  });
});

describe('/crisis step typed as a command', () => {
  test('GIVEN step 1 is current WHEN ana types `/crisis step done` in the room THEN the current step is done', async () => {
    const w = world();
    const { room, ana } = await openIncident(w);

    await w.command(ana, 'step done');

    expect(kinds(await w.timeline(1)).at(-1)).toBe('step-done');
    expect(w.latestStepCard(room).title).toMatch(/^Step 2 of 11/);
  });

  test('GIVEN incident #1 WHEN bob types `/crisis step skip 3 Nothing was posted` outside the room THEN step 3 is skipped and bob is shown what happened', async () => {
    const w = world();
    await openIncident(w);

    const reply = await w.command(bob, 'step skip 3 Nothing was posted');

    expect((await w.incident(1)).steps[2]).toMatchObject({ state: 'skipped', reason: 'Nothing was posted' });
    expect(replyText(reply)).toContain('Step 3 skipped by <@U0BOB>: Archive every post we did not write');
  });

  test('GIVEN every step is done or skipped WHEN the last Done is pressed THEN the room is told the playbook is finished', async () => {
    const w = world();
    const { room, ana, lena } = await openIncident(w);
    await w.command(ana, 'role lead @U0LENA');
    await w.command(ana, 'role approver @U0LENA');
    for (let i = 0; i < 10; i++) await doneOnLatest(w, room, lena);

    await doneOnLatest(w, room, lena);

    expect((await w.incident(1)).steps.every((s) => s.state === 'done')).toBe(true);
    expect(w.chat.textsIn(room).at(-1)).toBe(
      'That was the last step of the playbook. Keep the timeline going with `/crisis note`.',
    );
    expect(replyText(await w.command(ana, 'step'))).toBe('Every step of incident #1 is done or skipped.');
  });
});
