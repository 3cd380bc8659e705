import { interactionBody, postSigned, uniqueTriggerId } from '../../support/slack-request';
import { ana, bob, readable, type SlackWorld, useSlackWorld } from './slack-world';

const world = useSlackWorld();
const CHANNEL = 'C1000';

/** Opens incident #1 and waits until it is fully set up (the announcement comes last). */
async function openIncident(w: SlackWorld): Promise<void> {
  const { responseId } = await w.command(ana, 'open hacked-account sev1 Spam from our account');
  await w.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'C0ANNOUNCE');
  await w.responseText(responseId);
}

describe('working an incident in Slack', () => {
  test('GIVEN an open incident WHEN Done is pressed on step 1 THEN the room reads who did it, shows step 2 and the pinned summary is updated in place', async () => {
    const w = world();
    await openIncident(w);
    const pinned = (await w.fake.waitForCall('pins.add')).args.timestamp;

    const { http } = await w.press({ ...ana, channel: CHANNEL }, w.buttonValue(CHANNEL, 'Done'));

    expect(http.status).toBe(200);
    const done = await w.fake.waitForCall('chat.postMessage', (c) =>
      String(c.args.text).includes('Step 1 done by'),
    );
    expect(done.args.text).toContain('<@U0ANA>');
    await w.fake.waitForCall('chat.postMessage', (c) => String(c.args.text).startsWith('Step 2 of 11'));
    const update = await w.fake.waitForCall('chat.update', (c) => c.args.ts === pinned);
    expect(readable(update)).toContain('step 2 of 11 (done: 1, skipped: 0)');
  });

  test('GIVEN a step card WHEN Done is double-clicked THEN step 1 is done once and the second click is told so', async () => {
    const w = world();
    await openIncident(w);
    const value = w.buttonValue(CHANNEL, 'Done');

    const [first, second] = await Promise.all([
      w.press({ ...ana, channel: CHANNEL }, value),
      w.press({ ...ana, channel: CHANNEL }, value),
    ]);

    expect([first.http.status, second.http.status]).toEqual([200, 200]);
    const refusal = await w.fake.waitForResponse((r) =>
      JSON.stringify(r.body).includes('Step 1 is already done.'),
    );
    expect([first.responseId, second.responseId]).toContain(refusal.id);
    await w.fake.waitForCall('chat.postMessage', (c) => String(c.args.text).startsWith('Step 2 of 11'));
    const done = (await w.store.timeline('T1', 1)).filter((e) => e.kind === 'step-done');
    expect(done).toHaveLength(1);
  });

  test('GIVEN a step card WHEN Skip is pressed THEN a modal asks why, an empty reason is refused on the field, and a reason skips the step', async () => {
    const w = world();
    await openIncident(w);

    await w.press({ ...ana, channel: CHANNEL }, w.buttonValue(CHANNEL, 'Skip'));
    const opened = await w.fake.waitForCall('views.open');
    const view = opened.args.view as Record<string, unknown>;
    expect(JSON.stringify(view)).toContain('Skip step 1');

    const refused = await w.submit(ana, view, {
      reason: { value: { type: 'plain_text_input', value: ' ' } },
    });
    expect(JSON.parse(refused.body)).toEqual({
      response_action: 'errors',
      errors: { reason: 'Please fill this in.' },
    });

    const accepted = await w.submit(ana, view, {
      reason: { value: { type: 'plain_text_input', value: 'Lead already paged by phone' } },
    });
    expect(accepted.status).toBe(200);
    await w.fake.waitForCall('chat.postMessage', (c) => String(c.args.text).includes('Step 1 skipped by'));
    const timeline = await w.store.timeline('T1', 1);
    expect(timeline.find((e) => e.kind === 'step-skipped')).toMatchObject({
      reason: 'Lead already paged by phone',
    });
  });

  test('GIVEN a user is named comms lead WHEN the command runs THEN they are invited and get a direct message with their steps', async () => {
    const w = world();
    await openIncident(w);

    await w.command({ ...ana, channel: CHANNEL }, 'role comms <@U0BOB|bob>');

    await w.fake.waitForCall('conversations.invite', (c) => c.args.users === 'U0BOB');
    const dm = await w.fake.waitForCall('conversations.open', (c) => c.args.users === 'U0BOB');
    expect(dm).toBeDefined();
    const brief = await w.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'DU0BOB');
    expect(String(brief.args.text)).toContain('You are comms lead on incident #1');
  });

  test('GIVEN a Slack user group WHEN it is named approver THEN the group is mentioned, its members invited and each gets the brief', async () => {
    const w = world();
    await openIncident(w);
    w.fake.seedUserGroup('S0LEGAL', ['U0LEA', 'U0LUC']);

    await w.command({ ...ana, channel: CHANNEL }, 'role approver <!subteam^S0LEGAL|@legal>');

    const record = await w.fake.waitForCall('chat.postMessage', (c) =>
      String(c.args.text).includes('is now approver'),
    );
    expect(record.args.text).toContain('<!subteam^S0LEGAL> is now approver');
    await w.fake.waitForCall('conversations.invite', (c) => c.args.users === 'U0LEA,U0LUC');
    await w.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'DU0LEA');
    await w.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'DU0LUC');
  });

  test('GIVEN the announcement WHEN bob presses Join THEN he is invited into the incident channel', async () => {
    const w = world();
    await openIncident(w);

    await w.press({ ...bob, channel: 'C0ANNOUNCE' }, w.buttonValue('C0ANNOUNCE', 'Join the channel'));

    await w.fake.waitForCall(
      'conversations.invite',
      (c) => c.args.users === 'U0BOB' && c.args.channel === CHANNEL,
    );
  });

  test('GIVEN `/crisis open` with no text WHEN ana fills the modal THEN the incident opens with what she chose, and an empty title is refused on the field', async () => {
    const w = world();

    await w.command(ana, 'open');
    const view = (await w.fake.waitForCall('views.open')).args.view as Record<string, unknown>;
    const answers = (title: string) => ({
      title: { value: { type: 'plain_text_input', value: title } },
      playbook: { value: { type: 'static_select', selected_option: { value: 'hacked-account' } } },
      severity: { value: { type: 'static_select', selected_option: { value: 'sev2' } } },
      lead: { value: { type: 'users_select', selected_user: 'U0BOB' } },
      private: { value: { type: 'checkboxes', selected_options: [{ value: 'true' }] } },
      drill: { value: { type: 'checkboxes', selected_options: [] } },
    });

    const refused = await w.submit(ana, view, answers(''));
    expect(JSON.parse(refused.body).errors.title).toContain('short title');

    await w.submit(ana, view, answers('Price shows 0 EUR'));
    const created = await w.fake.waitForCall('conversations.create');
    expect(created.args).toMatchObject({ is_private: 'true' });
    expect(await w.store.get('T1', 1)).toMatchObject({ severity: 2, roles: { lead: 'U0BOB' } });
    const ephemeral = await w.fake.waitForCall('chat.postEphemeral', (c) => c.args.user === 'U0ANA');
    expect(String(ephemeral.args.text)).toContain('Incident #1 is open');
  });

  test('GIVEN a message in the incident channel WHEN someone reacts with :pushpin: THEN it is kept on the timeline with its author, time and link', async () => {
    const w = world();
    await openIncident(w);
    w.fake.seedMessage(CHANNEL, {
      ts: '1763900000.000100',
      user: 'U0TROLL',
      text: 'Free iPhones &amp; more at scam.example',
    });

    const http = await w.event({
      type: 'reaction_added',
      user: 'U0BOB',
      reaction: 'pushpin',
      item_user: 'U0TROLL',
      item: { type: 'message', channel: CHANNEL, ts: '1763900000.000100' },
      event_ts: '1763900001.000200',
    });

    expect(http.status).toBe(200);
    await w.fake.waitForCall('chat.postEphemeral', (c) =>
      String(c.args.text).includes('Added to the timeline'),
    );
    const captured = (await w.store.timeline('T1', 1)).find((e) => e.kind === 'captured');
    expect(captured).toMatchObject({
      by: 'U0BOB',
      message: {
        author: 'U0TROLL',
        text: 'Free iPhones & more at scam.example',
        postedAt: '2025-11-23T12:13:20.000Z',
      },
    });
    expect(captured?.kind === 'captured' && captured.message.link).toContain(CHANNEL);
  });

  test('GIVEN a :pushpin: in a channel that is no incident WHEN the event arrives THEN calma stays silent and calls nothing', async () => {
    const w = world();
    await openIncident(w);
    const before = w.fake.calls().length;

    await w.event({
      type: 'reaction_added',
      user: 'U0BOB',
      reaction: 'pushpin',
      item: { type: 'message', channel: 'C0RANDOM', ts: '1.1' },
      event_ts: '1.2',
    });
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(w.fake.calls().length).toBe(before);
  });

  test('GIVEN a complaint in a team channel WHEN “Open a crisis from this message” is used THEN the modal is pre-filled and the incident keeps the message as evidence', async () => {
    const w = world();
    const shortcut = {
      type: 'message_action',
      callback_id: 'open_crisis_from_message',
      team: { id: 'T1', domain: 'acme' },
      user: { id: 'U0ANA', name: 'ana' },
      channel: { id: 'C0SUPPORT', name: 'support' },
      trigger_id: uniqueTriggerId(),
      message_ts: '1763900000.000100',
      message: {
        type: 'message',
        ts: '1763900000.000100',
        user: 'U0CUSTOMER',
        text: 'Your shop sold me a TV for 0 EUR and now cancels!\nThread below.',
      },
      response_url: w.fake.responseUrl('shortcut'),
    };

    await postSigned(w.url, interactionBody(shortcut), { secret: 'test-signing-secret' });

    const view = (await w.fake.waitForCall('views.open')).args.view as Record<string, unknown>;
    expect(JSON.stringify(view)).toContain('Your shop sold me a TV for 0 EUR and now cancels!');
    await w.submit(ana, view, {
      title: { value: { type: 'plain_text_input', value: 'TV sold at 0 EUR' } },
      playbook: { value: { type: 'static_select', selected_option: { value: 'hacked-account' } } },
      severity: { value: { type: 'static_select', selected_option: { value: 'sev2' } } },
    });
    await w.fake.waitForCall('pins.add');
    const captured = (await w.store.timeline('T1', 1)).find((e) => e.kind === 'captured');
    expect(captured).toMatchObject({
      message: { author: 'U0CUSTOMER', text: expect.stringContaining('TV for 0 EUR') },
    });
  });
});

describe('when Slack is slow or failing', () => {
  test('GIVEN Slack answers 429 with Retry-After 1 WHEN calma posts THEN it waits and the post goes through', async () => {
    const w = world();
    w.fake.rateLimitNext('chat.postMessage', 1);
    const started = Date.now();

    await w.command(ana, 'open hacked-account sev1 Spam');

    await w.fake.waitForCall('chat.postMessage', (c) => c.status === 200, 8000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(w.fake.calls('chat.postMessage').filter((c) => c.status === 429)).toHaveLength(1);
  });

  test('GIVEN Slack keeps failing with 500 WHEN ana opens an incident THEN she is told in plain words and the incident is kept', async () => {
    const w = world();
    w.fake.serverErrorNext('conversations.create', 5);

    const { responseId } = await w.command(ana, 'open hacked-account sev1 Spam');

    expect(await w.responseText(responseId)).toContain('Slack refused calma’s request (http_500)');
    expect(await w.store.get('T1', 1)).toMatchObject({ title: 'Spam', room: null });
  });
});
