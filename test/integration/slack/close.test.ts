/**
 * Closing in Slack, through the real Bolt app against the fake Web API: the close modal, and the
 * postmortem shared in the channel through Slack's external upload flow.
 */
import { interactionBody, postSigned, uniqueTriggerId } from '../../support/slack-request';
import { waitFor } from '../../support/wait-for';
import { ana, type SlackWorld, useSlackWorld, type Who } from './slack-world';

const world = useSlackWorld();
const CHANNEL = 'C1000';
const inRoom = (who: Who): Who => ({ ...who, channel: CHANNEL });

async function openIncident(w: SlackWorld): Promise<void> {
  const { responseId } = await w.command(ana, 'open hacked-account sev1 Spam from our account');
  await w.responseText(responseId);
}

describe('closing in Slack', () => {
  test('GIVEN an incident WHEN ana submits the close modal THEN it is resolved and the postmortem is shared in the channel as a Markdown file, its timeline chart attached beside it as timeline.svg', async () => {
    const w = world();
    await openIncident(w);

    await w.command(inRoom(ana), 'close');
    const opened = await w.fake.waitForCall('views.open', (c) =>
      JSON.stringify((c.args.view as { title?: unknown })?.title).includes('Close incident #1'),
    );
    const submitted = await w.submit(ana, opened.args.view as Record<string, unknown>, {
      resolution: {
        value: { type: 'plain_text_input', value: 'Account recovered; spam archived then removed.' },
      },
      finalUpdate: { value: { type: 'checkboxes', selected_options: [{ value: 'true' }] } },
    });
    expect(submitted.status).toBe(200);

    const [file, chart] = await waitFor(
      () => {
        const files = w.fake.filesIn(CHANNEL);
        return files.length > 1 ? files : null;
      },
      10_000,
      'the postmortem file and its chart',
    );
    expect(file).toMatchObject({
      filename: 'postmortem-T1-1.md',
      title: 'Postmortem #1: Spam from our account',
    });
    expect(file?.uploaded).toContain('# Postmortem: #1 Spam from our account');
    expect(file?.uploaded).toContain('Account recovered; spam archived then removed.');
    expect(file?.uploaded).toContain('![Timeline chart](timeline.svg)');
    // Shared in the same message, under the name the Markdown links to.
    expect(chart).toMatchObject({
      filename: 'timeline.svg',
      title: 'Timeline of incident #1: Spam from our account',
    });
    expect(chart?.initialComment).toBe(file?.initialComment);
    expect(chart?.uploaded).toMatch(/<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]* role="img"/);
    expect(chart?.uploaded).toContain('Closed');
    expect(
      w.fake
        .messagesIn(CHANNEL)
        .map((m) => String(m.text))
        .join('\n'),
    ).toContain('Incident #1 resolved by');
  });
});

describe('the "Add to crisis evidence" shortcut', () => {
  test('GIVEN one open incident WHEN the shortcut is used on a post in a team channel THEN the message, its author and time are kept on that incident', async () => {
    const w = world();
    await openIncident(w);

    await postSigned(
      w.url,
      interactionBody({
        type: 'message_action',
        callback_id: 'add_to_crisis_evidence',
        team: { id: 'T1', domain: 'acme' },
        user: { id: 'U0ANA', name: 'ana' },
        channel: { id: 'C0SOCIAL', name: 'social-feed' },
        trigger_id: uniqueTriggerId(),
        message_ts: '1763900000.000200',
        message: {
          type: 'message',
          ts: '1763900000.000200',
          user: 'U0FEED',
          text: 'Buy cheap pills at spam.example',
        },
        response_url: w.fake.responseUrl('evidence'),
      }),
      { secret: 'test-signing-secret' },
    );

    const captured = await waitFor(async () =>
      (await w.store.timeline('T1', 1)).find((e) => e.kind === 'captured'),
    );
    expect(captured).toMatchObject({
      by: 'U0ANA',
      message: {
        author: 'U0FEED',
        text: 'Buy cheap pills at spam.example',
        postedAt: '2025-11-23T12:13:20.000Z',
      },
    });
  });
});
