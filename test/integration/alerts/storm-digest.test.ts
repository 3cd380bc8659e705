/**
 * An alert storm in Slack: calma's real Slack app against the fake Slack, the real AlertIntake and BullMQ
 * worker on the test Redis, with the storm rule on. Many new alert groups make one digest card in the
 * triage channel, posted once and updated in place; *Open crisis* on it opens the group's incident.
 */
import type { RouteSetting } from '../../../src/core/alert-route';
import type { FakeCall } from '../../support/fake-slack';
import { waitFor } from '../../support/wait-for';
import { ana, readable, TEAM, useSlackWorld } from '../slack/slack-world';
import { type StormRig, storm, useStormRigs } from './storm-rig';

const TRIAGE = 'C0TRIAGE';
const w = useSlackWorld();

const stormRig = useStormRigs();

/** The alert queue and worker of the Slack world, with the storm rule of 5 new groups a minute. */
function rig(routes: RouteSetting[] = []): StormRig {
  return stormRig(w().slack.deps, { workspace: TEAM, triageChannel: TRIAGE, routes });
}

const inTriage = (calls: FakeCall[]) => calls.filter((c) => c.args.channel === TRIAGE && c.response?.ok);

/** The digest: the triage post that says "Alert storm", and every update of it, in order. */
function digest() {
  const posts = inTriage(w().fake.calls('chat.postMessage'));
  const post = posts.find((c) => readable(c).includes('Alert storm'));
  const ts = post?.response?.ts;
  const updates = inTriage(w().fake.calls('chat.update')).filter((c) => c.args.ts === ts);
  const latest = updates.at(-1) ?? post;
  return { posts, post, updates, text: latest ? readable(latest) : '', blocks: latest?.args.blocks };
}

/** The digest once it shows `groups` groups and `alerts` alerts (its redraw runs just after the last alert). */
const digestShowing = (groups: number, alerts: number) =>
  waitFor(
    () => {
      const { text } = digest();
      return text.includes(`Alert storm: ${groups} alert groups`) && text.includes(`${alerts} alerts.`)
        ? digest()
        : null;
    },
    30_000,
    `the digest to show ${groups} groups and ${alerts} alerts`,
  );

function buttons(blocks: unknown): { text: string; value: string }[] {
  if (!Array.isArray(blocks)) return [];
  return blocks.flatMap(
    (block: { type?: string; elements?: { type?: string; text?: { text: string }; value?: string }[] }) =>
      block.type === 'actions'
        ? (block.elements ?? []).map((e) => ({ text: e.text?.text ?? '', value: e.value ?? '' }))
        : [],
  );
}

describe('an alert storm in the triage channel', () => {
  test('GIVEN the storm rule of 5 groups a minute WHEN 60 new groups of 5 alerts each arrive together THEN the triage channel gets 5 cards and ONE digest, updated in place a few times, listing all 55 other groups', async () => {
    const r = rig();

    await r.send(storm(60, 5));
    const shown = await digestShowing(55, 275);

    // 5 triage cards of their own, then one digest message: not 60 cards.
    expect(shown.posts).toHaveLength(6);
    expect(shown.posts.filter((c) => readable(c).includes('Alert storm'))).toHaveLength(1);
    // Updated in place, coalesced: far fewer updates than the 275 alerts that landed on it.
    expect(shown.updates.length).toBeLessThan(50);
    expect(shown.text).toContain('region=r');
    expect(shown.text).toContain('and 35 more groups');
    const pressable = buttons(shown.blocks);
    expect(pressable.filter((b) => b.value.startsWith('alert.pick|'))).toHaveLength(20);
    expect(pressable.filter((b) => b.value.startsWith('alert.groups|'))).toHaveLength(1);
    expect((shown.blocks as unknown[]).length).toBeLessThanOrEqual(50);
  });

  test('GIVEN a storm routed to triage with a playbook WHEN *Open crisis* is pressed on the digest THEN the group opens as an incident, the digest says so, and the group’s later alerts join the incident', async () => {
    const r = rig([{ match: {}, action: 'triage', playbook: 'hacked-account' }]);
    await r.send(storm(30, 2));
    const shown = await digestShowing(25, 50);
    const first = buttons(shown.blocks).find((b) => b.text.startsWith('1. Open crisis'));
    expect(first).toBeDefined();

    const { responseId } = await w().press({ ...ana, channel: TRIAGE }, first?.value ?? '');
    expect(await w().responseText(responseId)).toContain('#1');
    const [incident] = await w().store.list(TEAM, { all: true });
    expect(incident?.title).toMatch(/^Mentions spike in region \d+$/);
    await waitFor(() => digest().text.includes('opened as incident #1'), 10_000, 'the digest to say it');

    const region = incident?.title.replace('Mentions spike in region ', '') ?? '';
    await r.send(
      storm(1, 3, Number(region)).map((job, i) => ({
        ...job,
        alert: { ...job.alert, dedupKey: `later-${i}` },
      })),
    );

    const timeline = await w().store.timeline(TEAM, incident?.seq ?? 0);
    // Its 2 alerts from the storm, then the 3 that came after it was opened; one incident in all.
    expect(timeline.filter((e) => e.kind === 'alert')).toHaveLength(5);
    expect(await w().store.list(TEAM, { all: true })).toHaveLength(1);
  });

  test('GIVEN a storm with no playbook routed WHEN *Open crisis* and *All groups* are pressed on the digest THEN the presser gets the group’s triage card to pick a playbook, and a page of every group', async () => {
    const r = rig();
    await r.send(storm(30, 1));
    const shown = await digestShowing(25, 25);
    const all = buttons(shown.blocks);

    const picked = await w().press(
      { ...ana, channel: TRIAGE },
      all.find((b) => b.text.startsWith('1. '))?.value ?? '',
    );
    const card = await w().responseText(picked.responseId);
    expect(card).toContain('Alert: Mentions spike in region');
    expect(card).toContain('alert.open|');
    expect(card).toContain('alert.dismiss|');

    const listed = await w().press(
      { ...ana, channel: TRIAGE },
      all.find((b) => b.text === 'All groups')?.value ?? '',
    );
    const page = await w().responseText(listed.responseId);
    expect(page).toContain('Alert groups 1–20 of 25');
    expect(page).toContain('Next groups');
    expect(await w().store.list(TEAM, { all: true })).toHaveLength(0);
  });

  test('GIVEN a storm whose alert titles and labels carry Slack markup WHEN the digest lists them THEN they show as the characters they are: no ping, no disguised link', async () => {
    const r = rig();
    const hostile = storm(8, 1).map((job) => ({
      ...job,
      alert: {
        ...job.alert,
        title: `<!channel> ${job.alert.title} <https://evil.example|click here>`,
        labels: { ...job.alert.labels, note: '<@U0BOSS>' },
      },
    }));
    await r.send(hostile);
    const shown = await digestShowing(3, 3);

    // What Slack reads as mrkdwn (button labels are plain text: Slack shows them as they are).
    const blocks = JSON.stringify(
      (shown.blocks as { type: string }[]).filter((b) => b.type === 'section' || b.type === 'context'),
    );
    expect(blocks).not.toContain('<!channel>');
    expect(blocks).not.toContain('<https://evil.example|click here>');
    expect(blocks).not.toContain('<@U0BOSS>');
    expect(blocks).toContain('&lt;!channel&gt;');
    expect(blocks).toContain('&lt;@U0BOSS&gt;');
  });
});
