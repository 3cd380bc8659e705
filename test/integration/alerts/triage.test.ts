import { alertmanager } from '../../../src/alerts/sources/alertmanager';
import type { RouteSetting } from '../../../src/core/alert-route';
import { button, textOf } from '../../support/recording-chat';
import { ana, bob, kinds, lena, replyText, useWorld, WORKSPACE } from '../handlers/world';
import { type AlertRig, alert, TRIAGE, useAlertRigs } from './alert-world';
import { ALERTMANAGER } from './payloads';

const world = useWorld();
const rig = useAlertRigs();

/** Alerts of the social team get a triage card whose Open button opens hacked-account at SEV2. */
const TRIAGE_SOCIAL: RouteSetting[] = [
  { match: { labels: { team: 'social' } }, action: 'triage', playbook: 'hacked-account', severity: 2 },
];

/** The triage card as it reads now: its last redraw, else as posted. */
function triageCardOf(r: AlertRig, n = 0) {
  const post = r.world.chat.posts.filter((p) => p.room === TRIAGE)[n];
  if (!post) throw new Error(`no triage card #${n + 1}`);
  return r.world.chat.updatesOf(post.ref).at(-1) ?? post.card;
}

const triageCards = (r: AlertRig) => r.world.chat.postsIn(TRIAGE);

describe('triage cards', () => {
  test('GIVEN no route matches WHEN an alert comes THEN the default route posts a triage card offering the playbooks and Dismiss', async () => {
    const w = world();
    const r = rig(w);

    await r.send(alert({ title: 'Our account was hacked: spam posts' }));

    expect(await w.store.list(WORKSPACE, { all: true })).toEqual([]);
    expect(triageCards(r)).toHaveLength(1);
    const card = triageCardOf(r);
    // The playbook the title suggests comes first and stands out; the others follow; Dismiss is last.
    const buttons = card.buttons?.map((b) => [b.label, b.action.kind, b.style]) ?? [];
    expect(buttons[0]).toEqual(['Open: Hacked or compromised account', 'alert.open', 'primary']);
    expect(buttons.at(-1)).toEqual(['Dismiss', 'alert.dismiss', 'danger']);
    expect(
      buttons.slice(1, -1).every(([, kind, style]) => kind === 'alert.open' && style === undefined),
    ).toBe(true);
    const text = textOf(card);
    expect(text).toContain('🔔 Alert: Our account was hacked: spam posts');
    expect(text).toContain('Source: Alertmanager');
    expect(text).toContain('Severity: SEV2');
    expect(text).toContain('No routing rule matched: triage is the default');
    expect(r.outcomes.map((o) => o.kind)).toEqual(['triaged']);
  });

  test('GIVEN an alert that our publishing tool posted spam from customers’ accounts WHEN triaged THEN the card offers compromised-tool first, hacked-account after it', async () => {
    const w = world();
    const r = rig(w);

    await r.send(alert({ title: "Buffer hacked: spam posted from customers' accounts" }));

    const labels = triageCardOf(r).buttons?.map((b) => [b.label, b.style]) ?? [];
    expect(labels[0]).toEqual([
      "Open: Our publishing tool was compromised: posts from customers' accounts",
      'primary',
    ]);
    expect(labels[1]).toEqual(['Open: Hacked or compromised account', 'primary']);
  });

  test('GIVEN a pending triage card WHEN the alert repeats THEN no second card is posted and nothing opens', async () => {
    const w = world();
    const r = rig(w, { routes: TRIAGE_SOCIAL });
    await r.send(alert());

    await r.send(alert(), alert({ dedupKey: 'fp-2' }), alert());

    expect(triageCards(r)).toHaveLength(1);
    expect(await w.store.list(WORKSPACE, { all: true })).toEqual([]);
    expect(r.outcomes.map((o) => o.kind)).toEqual([
      'triaged',
      'added-to-triage',
      'added-to-triage',
      'added-to-triage',
    ]);
  });

  test('GIVEN an Alertmanager and a Grafana alert with the same group and dedup keys WHEN both come THEN they are two alerts: two cards, each counting one', async () => {
    const w = world();
    const r = rig(w, { routes: TRIAGE_SOCIAL });
    const keys = { groupKey: '{}:{alertname="MentionsSpike"}', dedupKey: 'c6eadffa33fcdf37' };

    await r.send(alert({ source: 'alertmanager', ...keys }));
    await r.send(alert({ source: 'grafana', ...keys }));

    expect(triageCards(r)).toHaveLength(2);
    expect(r.outcomes.map((o) => o.kind)).toEqual(['triaged', 'triaged']);
    expect(textOf(triageCardOf(r, 0))).toContain('Alertmanager');
    expect(textOf(triageCardOf(r, 1))).toContain('Grafana');
  });

  test('GIVEN an Alertmanager notification that left 48 alerts out (truncatedAlerts) WHEN it comes THEN its card says so', async () => {
    const w = world();
    const r = rig(w, { routes: TRIAGE_SOCIAL });
    const payload = alertmanager.schema.parse({ ...ALERTMANAGER, truncatedAlerts: 48 });

    await r.send(...alertmanager.normalise(payload, '2026-11-22T09:31:00.000Z').slice(0, 1));

    expect(textOf(triageCardOf(r))).toContain(
      'Alerts of this group that Alertmanager did not send (over its `max_alerts`): 48.',
    );
  });

  test('GIVEN a triage card WHEN bob presses Open crisis THEN the room’s first card offers "Draft holding statement"', async () => {
    const w = world();
    const r = rig(w, { routes: TRIAGE_SOCIAL });
    await r.send(alert());

    const reply = await w.press(bob, button(triageCardOf(r), 'Open crisis'));

    const draft = button(w.latestStepCard(reply.openedRoom ?? ''), 'Draft holding statement');
    const form = (await w.press({ ...bob, room: reply.openedRoom ?? '' }, draft)).form;
    expect(form?.fields[0]?.initial).toMatch(/^Our \{account\} account was hacked – /);
  });

  test('GIVEN a triage card WHEN bob presses Open crisis THEN the incident opens with the routed playbook and severity, by bob, with the alerts on its timeline', async () => {
    const w = world();
    const r = rig(w, { routes: TRIAGE_SOCIAL });
    await r.send(alert());
    await r.send(alert({ status: 'resolved' }));
    const card = triageCardOf(r);
    expect(card.buttons?.map((b) => b.label)).toEqual(['Open crisis', 'Dismiss']);
    // The resolution is a change of state: the card is redrawn with it at once.
    expect(textOf(card)).toContain('✅ The source reports it resolved (22 Nov 2026 09:30 UTC).');

    const reply = await w.press(bob, button(card, 'Open crisis'));

    const incident = await w.incident(1);
    expect(incident).toMatchObject({
      playbook: 'hacked-account',
      severity: 2,
      openedBy: 'U0BOB',
      status: 'open',
    });
    expect(reply.openedRoom).toBe(incident.room);
    expect(replyText(reply)).toContain('Incident #1 is open');
    const timeline = await w.timeline(1);
    expect(kinds(timeline)).toEqual(['opened', 'alert', 'alert', 'room']);
    expect(timeline[0]).toMatchObject({ kind: 'opened', by: 'U0BOB' });
    expect(timeline.slice(1, 3)).toMatchObject([
      { kind: 'alert', by: 'calma', status: 'firing', opening: true },
      { kind: 'alert', by: 'calma', status: 'resolved' },
    ]);
    expect(w.chat.textsIn(incident.room ?? '').join('\n')).toContain(
      'Opened from its triage card by <@U0BOB>.',
    );
    const redrawn = textOf(triageCardOf(r));
    expect(redrawn).toContain('Opened as incident #1 by <@U0BOB> (22 Nov 2026 09:30 UTC)');
    expect(triageCardOf(r).buttons).toBeUndefined();

    // Later alerts of the group join the incident; pressing the old button again opens nothing.
    await r.send(alert());
    expect(kinds(await w.timeline(1)).filter((k) => k === 'alert')).toHaveLength(3);
    expect(triageCards(r)).toHaveLength(1);
    expect(replyText(await w.press(lena, button(card, 'Open crisis')))).toBe(
      'This alert was already opened as incident #1.',
    );
    expect(await w.store.list(WORKSPACE, { all: true })).toHaveLength(1);
  });

  test('GIVEN a triage card WHEN bob and lena press Open crisis at the same moment THEN one incident opens', async () => {
    const w = world();
    const r = rig(w, { routes: TRIAGE_SOCIAL });
    await r.send(alert());
    const open = button(triageCardOf(r), 'Open crisis');
    w.chat.slowNext('createRoom', 100);

    const replies = await Promise.all([w.press(bob, open), w.press(lena, open)]);

    expect(await w.store.list(WORKSPACE, { all: true })).toHaveLength(1);
    expect(replies.filter((reply) => reply.openedRoom)).toHaveLength(1);
    expect(replies.map(replyText).find((text) => !text.includes('Incident #1 is open'))).toMatch(
      /opening this alert right now|already opened as incident #1/,
    );
  });

  test('GIVEN a triage card WHEN lena dismisses it THEN the card says so, nothing opens, and the next alert of the group gets a new card', async () => {
    const w = world();
    const r = rig(w, { routes: TRIAGE_SOCIAL });
    await r.send(alert());
    const first = triageCardOf(r);

    const reply = await w.press(lena, button(first, 'Dismiss'));

    expect(replyText(reply)).toBe('Alert dismissed.');
    const redrawn = triageCardOf(r);
    expect(textOf(redrawn)).toContain('Dismissed by <@U0LENA> (22 Nov 2026 09:30 UTC)');
    expect(redrawn.buttons).toBeUndefined();
    expect(await w.store.list(WORKSPACE, { all: true })).toEqual([]);
    expect(replyText(await w.press(ana, button(first, 'Open crisis')))).toBe(
      'This alert was already dismissed by <@U0LENA>.',
    );

    await r.send(alert());
    expect(triageCards(r)).toHaveLength(2);
    expect(triageCardOf(r, 1).buttons?.map((b) => b.label)).toEqual(['Open crisis', 'Dismiss']);
  });

  test('GIVEN calma speaks Spanish WHEN an alert is triaged THEN the card is in Spanish', async () => {
    const w = world();
    w.deps.locale = 'es';
    const r = rig(w, { routes: TRIAGE_SOCIAL });

    await r.send(alert());

    const card = triageCardOf(r);
    expect(card.buttons?.map((b) => b.label)).toEqual(['Abrir crisis', 'Descartar']);
    expect(textOf(card)).toContain('Alertmanager avisa de algo que puede ser una crisis.');
  });

  test('GIVEN no triage channel WHEN an alert is routed to triage THEN nothing is posted and the group stays free', async () => {
    const w = world();
    const r = rig(w, { triageChannel: null });

    await r.send(alert(), alert());

    expect(w.chat.posts).toEqual([]);
    expect(r.outcomes).toEqual([
      { kind: 'dropped', reason: 'no triage channel' },
      { kind: 'dropped', reason: 'no triage channel' },
    ]);
  });

  test('GIVEN a stale or forged button WHEN pressed THEN it changes nothing', async () => {
    const w = world();
    rig(w, { routes: TRIAGE_SOCIAL });

    expect(replyText(await w.press(bob, 'alert.open|0123456789|hacked-account'))).toContain(
      'That button no longer does anything',
    );
    expect(replyText(await w.press(bob, 'alert.dismiss|../../x'))).toContain(
      'That button no longer does anything',
    );
    expect(await w.store.list(WORKSPACE, { all: true })).toEqual([]);
  });
});
