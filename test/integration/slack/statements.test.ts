/**
 * Public statements as a Slack user lives them, through the real Bolt app (signed requests), the real
 * Redis store and the real BullMQ outbox, against the local fake of Slack's Web API: draft in a modal,
 * four eyes, publication in the incident and announcements channels, a Slack outage, a rejection.
 */

import { ONE_APPROVER } from '../../support/approval-policy';
import type { Args, FakeCall } from '../../support/fake-slack';
import { waitFor } from '../../support/wait-for';
import { ana, bob, readable, type SlackWorld, useSlackWorld, type Who } from './slack-world';

const ANNOUNCE = 'C0ANNOUNCE';
const world = useSlackWorld(
  {
    announcements: ANNOUNCE,
    approvers: { approver: ['U0BOB'] },
    approvalPolicy: ONE_APPROVER,
    outboundTargets: ['statuspage'],
  },
  { outbox: true },
);
const CHANNEL = 'C1000';
const inRoom = (who: Who): Who => ({ ...who, channel: CHANNEL });

const TEXT =
  'We are sorry: our account was hacked this morning & posted spam. Do not click its links. Next update at 11:00.';

interface Block {
  type: string;
  block_id?: string;
  text?: { text?: string };
  elements?: { type?: string; text?: { text?: string } }[];
  element?: Record<string, unknown>;
  optional?: boolean;
  label?: { text?: string };
}

const blocksOf = (message: Args): Block[] => (Array.isArray(message.blocks) ? message.blocks : []);

/** The labels of a message's buttons, in order. */
function buttons(message: Args): string[] {
  return blocksOf(message)
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? [])
    .filter((e) => e.type === 'button')
    .map((e) => e.text?.text ?? '');
}

/** Everything a reader sees in a message now (the fake keeps chat.update's changes). */
const shown = (message: Args): string =>
  `${String(message.text ?? '')}\n${JSON.stringify(message.blocks ?? '')}`;

/** The public statement S1 as it stands in a channel's history: what people scrolling it find. */
const publicPosts = (w: SlackWorld, channel: string): Args[] =>
  w.fake.messagesIn(channel).filter((m) => String(m.text).includes('📣 Public statement S1'));

/** Attempts to post the public statement S1 in `channel` that Slack refused. */
const refusedPublicPosts = (w: SlackWorld, channel: string): FakeCall[] =>
  w.fake
    .calls('chat.postMessage')
    .filter(
      (c) =>
        c.args.channel === channel &&
        c.response?.ok === false &&
        String(c.args.text).includes('📣 Public statement S1'),
    );

/** Opens incident #1 and waits until it is fully set up (the announcement comes last). */
async function openIncident(w: SlackWorld): Promise<void> {
  const { responseId } = await w.command(ana, 'open hacked-account sev1 Spam from our account');
  await w.fake.waitForCall('chat.postMessage', (c) => c.args.channel === ANNOUNCE);
  await w.responseText(responseId);
}

/** The modal `views.open` showed whose title contains `title`. */
async function modal(w: SlackWorld, title: string): Promise<Record<string, unknown>> {
  const opened = await w.fake.waitForCall('views.open', (c) =>
    JSON.stringify((c.args.view as { title?: unknown })?.title).includes(title),
  );
  return opened.args.view as Record<string, unknown>;
}

/** ana types `/crisis update` in the room, writes `text` in the modal, unticks statuspage and submits. */
async function draftInModal(w: SlackWorld, text = TEXT): Promise<FakeCall> {
  await w.command(inRoom(ana), 'update');
  const view = await modal(w, 'Public statement, #1');
  const submitted = await w.submit(ana, view, {
    text: { value: { type: 'plain_text_input', value: text } },
    'target:statuspage': { value: { type: 'checkboxes', selected_options: [] } },
  });
  expect(submitted.status).toBe(200);
  return w.fake.waitForCall(
    'chat.postMessage',
    (c) =>
      c.args.channel === CHANNEL &&
      c.response?.ok === true &&
      String(c.args.text).includes('Statement S1: waiting for approval'),
  );
}

/** The statement card as it stands now in the room. */
function card(w: SlackWorld, posted: FakeCall): Args {
  const ts = posted.response?.ts;
  const message = w.fake.messagesIn(CHANNEL).find((m) => m.ts === ts);
  if (!message) throw new Error(`no card ${String(ts)} in ${CHANNEL}`);
  return message;
}

describe('public statements in Slack', () => {
  test('GIVEN an incident channel WHEN ana types `/crisis update` and fills the modal THEN S1 is drafted: its card in the channel has the text and Approve / Reject / Edit', async () => {
    const w = world();
    await openIncident(w);

    await w.command(inRoom(ana), 'update');

    const view = await modal(w, 'Public statement, #1');
    const blocks = view.blocks as Block[];
    const text = blocks.find((b) => b.block_id === 'text');
    expect(text?.element).toMatchObject({ type: 'plain_text_input', multiline: true, max_length: 3000 });
    expect(text?.optional).toBeUndefined();
    const statuspage = blocks.find((b) => b.block_id === 'target:statuspage');
    expect(statuspage?.label?.text).toBe('Also send to statuspage once approved');
    expect(statuspage?.element).toMatchObject({
      type: 'checkboxes',
      initial_options: [{ value: 'true' }],
    });
    // Slack refuses to submit a required input left empty: unticking the box must be allowed.
    expect(statuspage?.optional).toBe(true);

    const refused = await w.submit(ana, view, {
      text: { value: { type: 'plain_text_input', value: '   ' } },
      'target:statuspage': { value: { type: 'checkboxes', selected_options: [{ value: 'true' }] } },
    });
    expect(JSON.parse(refused.body)).toEqual({
      response_action: 'errors',
      errors: { text: 'Please fill this in.' },
    });

    await w.submit(ana, view, {
      text: { value: { type: 'plain_text_input', value: TEXT } },
      'target:statuspage': { value: { type: 'checkboxes', selected_options: [] } },
    });
    const posted = await w.fake.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === CHANNEL && String(c.args.text).includes('Statement S1'),
    );
    expect(posted.args.text).toBe('📝 Statement S1: waiting for approval (0 of 1)');
    const drafted = readable(posted);
    // Escaped as Slack mrkdwn: the reader sees "&", not an entity gone wrong.
    expect(drafted).toContain(TEXT.replace('&', '&amp;'));
    expect(drafted).toContain('*Checklist:*');
    expect(drafted).toContain('<@U0ANA>');
    expect(buttons(posted.args)).toEqual(['Approve', 'Reject', 'Edit']);
    await w.fake.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === CHANNEL && String(c.args.text).startsWith('Statement S1 drafted by <@U0ANA>'),
    );
  });

  test('GIVEN an incident channel WHEN ana types `/crisis update holding` THEN the modal holds the filled holding template and a field per unknown placeholder; her answers replace them in S1', async () => {
    const w = world();
    await openIncident(w);

    await w.command(inRoom(ana), 'update holding');

    const view = await modal(w, 'Public statement, #1');
    const blocks = view.blocks as Block[];
    expect(blocks.filter((b) => b.block_id?.startsWith('fill:')).map((b) => b.label?.text)).toEqual([
      'Account (name or @handle)',
      'Who or what is affected',
      'What is not affected (only what you checked)',
    ]);
    const template = String(blocks.find((b) => b.block_id === 'text')?.element?.initial_value ?? '');
    expect(template).toMatch(/^Our \{account\} account was hacked – /);

    await w.submit(ana, view, {
      text: { value: { type: 'plain_text_input', value: template } },
      'fill:account': { value: { type: 'plain_text_input', value: '@acme' } },
      'fill:affected': { value: { type: 'plain_text_input', value: 'people who clicked' } },
      'fill:not_affected': { value: { type: 'plain_text_input', value: '' } },
      'target:statuspage': { value: { type: 'checkboxes', selected_options: [] } },
    });
    const posted = await w.fake.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === CHANNEL && String(c.args.text).includes('Statement S1'),
    );
    const drafted = readable(posted);
    expect(drafted).toContain('Our @acme account was hacked');
    expect(drafted).toContain('Affected so far: people who clicked. Not affected: {not_affected}.');
  });

  test('GIVEN S1 drafted by ana WHEN ana presses Approve THEN she is told a second person must; WHEN bob does THEN the card reads published and S1 is posted in the channel and the announcements channel', async () => {
    const w = world();
    await openIncident(w);
    const posted = await draftInModal(w);
    const approveValue = w.buttonValue(CHANNEL, 'Approve');

    const own = await w.press(inRoom(ana), approveValue);

    expect(await w.responseText(own.responseId)).toContain(
      'You wrote (part of) statement S1, so you cannot approve it: a second person must.',
    );
    expect(buttons(card(w, posted))).toEqual(['Approve', 'Reject', 'Edit']);
    expect(publicPosts(w, CHANNEL)).toEqual([]);

    await w.press(inRoom(bob), approveValue);

    await w.fake.waitForCall(
      'chat.update',
      (c) => c.args.ts === posted.response?.ts && String(c.args.text).includes('published'),
    );
    const published = card(w, posted);
    expect(published.text).toBe('✅ Statement S1: published');
    expect(shown(published)).toContain('<@U0BOB> (approver)');
    expect(buttons(published)).toEqual([]);
    await w.fake.waitForCall('chat.postMessage', (c) =>
      String(c.args.text).includes(
        'Statement S1 approved by <@U0BOB>: published. Delivering to the incident channel, the announcements channel.',
      ),
    );
    await waitFor(
      () => publicPosts(w, CHANNEL).length > 0 && publicPosts(w, ANNOUNCE).length > 0,
      5000,
      'S1 in the incident and announcements channels',
    );
    for (const channel of [CHANNEL, ANNOUNCE]) {
      const [post] = publicPosts(w, channel);
      expect(post?.text).toBe('📣 Public statement S1 · incident #1: Spam from our account');
      expect(shown(post ?? {})).toContain(TEXT.replace('&', '&amp;'));
      expect(shown(post ?? {})).toContain('Approved by <@U0BOB>');
    }
    await waitFor(() => w.outboxIdle(), 5000, 'the outbox to finish');
    expect(publicPosts(w, CHANNEL)).toHaveLength(1);
    expect(publicPosts(w, ANNOUNCE)).toHaveLength(1);
  });

  test('GIVEN chat.postMessage fails WHEN bob approves S1 THEN no public post appears while Slack is down, and once it is back S1 appears exactly once in each channel', async () => {
    const w = world();
    await openIncident(w);
    const posted = await draftInModal(w);
    w.fake.outage('chat.postMessage', 'internal_error');

    await w.press(inRoom(bob), w.buttonValue(CHANNEL, 'Approve'));

    await w.fake.waitForCall(
      'chat.update',
      (c) => c.args.ts === posted.response?.ts && String(c.args.text).includes('published'),
    );
    // The outbox keeps trying: two refused attempts in each channel, and nothing shows meanwhile.
    await waitFor(
      () => refusedPublicPosts(w, CHANNEL).length >= 2 && refusedPublicPosts(w, ANNOUNCE).length >= 2,
      10_000,
      'two refused attempts to post S1 in each channel',
    );
    expect(publicPosts(w, CHANNEL)).toEqual([]);
    expect(publicPosts(w, ANNOUNCE)).toEqual([]);
    const { responseId } = await w.command(inRoom(ana), 'status');
    expect(await w.responseText(responseId)).toContain(
      'S1 still being delivered to the incident channel, the announcements channel',
    );

    w.fake.heal('chat.postMessage');

    await waitFor(
      () => publicPosts(w, CHANNEL).length > 0 && publicPosts(w, ANNOUNCE).length > 0,
      10_000,
      'S1 in both channels once Slack is back',
    );
    await waitFor(() => w.outboxIdle(), 10_000, 'the outbox to finish');
    expect(publicPosts(w, CHANNEL)).toHaveLength(1);
    expect(publicPosts(w, ANNOUNCE)).toHaveLength(1);
    expect(shown(publicPosts(w, ANNOUNCE)[0] ?? {})).toContain(TEXT.replace('&', '&amp;'));
    const after = await w.command(inRoom(ana), 'status');
    expect(await w.responseText(after.responseId)).not.toContain('still being delivered');
  });

  test('GIVEN S1 drafted WHEN bob presses Reject THEN a modal asks why, an empty reason is refused on the field, and a reason turns the card into rejected', async () => {
    const w = world();
    await openIncident(w);
    const posted = await draftInModal(w);

    await w.press(inRoom(bob), w.buttonValue(CHANNEL, 'Reject'));

    const view = await modal(w, 'Reject statement S1');
    expect((view.blocks as Block[]).map((b) => b.block_id)).toEqual(['reason']);
    const refused = await w.submit(bob, view, {
      reason: { value: { type: 'plain_text_input', value: '' } },
    });
    expect(JSON.parse(refused.body)).toEqual({
      response_action: 'errors',
      errors: { reason: 'Please fill this in.' },
    });

    await w.submit(bob, view, {
      reason: { value: { type: 'plain_text_input', value: 'Say which data is safe' } },
    });

    await w.fake.waitForCall(
      'chat.update',
      (c) => c.args.ts === posted.response?.ts && String(c.args.text).includes('rejected'),
    );
    const rejected = card(w, posted);
    expect(rejected.text).toBe('↩️ Statement S1: rejected');
    expect(shown(rejected)).toContain('<@U0BOB>: Say which data is safe');
    expect(buttons(rejected)).toEqual(['Edit']);
    await w.fake.waitForCall('chat.postMessage', (c) =>
      String(c.args.text).startsWith('Statement S1 rejected by <@U0BOB>: Say which data is safe.'),
    );
    expect(publicPosts(w, CHANNEL)).toEqual([]);
  });

  test('GIVEN a statement of the full 3,000 characters WHEN it is drafted and published THEN every word is shown, within Slack’s block limits', async () => {
    const w = world();
    await openIncident(w);
    const words = Array.from({ length: 600 }, (_, i) => `w${i}&<`).join(' ');
    const text = words.slice(0, 3000);
    expect(text).toHaveLength(3000);

    const posted = await draftInModal(w, text);
    await w.press(inRoom(bob), w.buttonValue(CHANNEL, 'Approve'));
    await waitFor(() => publicPosts(w, ANNOUNCE).length > 0, 5000, 'S1 in the announcements channel');

    for (const message of [card(w, posted), ...publicPosts(w, ANNOUNCE)]) {
      const blocks = blocksOf(message);
      expect(blocks.length).toBeLessThanOrEqual(50);
      const sections = blocks.filter((b) => b.type === 'section' && b.text).map((b) => b.text?.text ?? '');
      for (const section of sections) expect(section.length).toBeLessThanOrEqual(3000);
      const read = sections.join(' ').replaceAll('&lt;', '<').replaceAll('&amp;', '&');
      expect(read.replace(/\s+/g, ' ')).toContain(text);
    }
  });
});
