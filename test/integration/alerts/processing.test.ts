import { processAlert } from '../../../src/alerts/process';
import type { RouteSetting } from '../../../src/core/alert-route';
import type { TimelineEntry } from '../../../src/core/types';
import { textOf } from '../../support/recording-chat';
import { waitFor } from '../../support/wait-for';
import { ana, inRoom, kinds, useWorld, WORKSPACE } from '../handlers/world';
import { alert, useAlertRigs } from './alert-world';

const world = useWorld();
const rig = useAlertRigs();

/** SEV1-2 alerts of the social team open a hacked-account crisis at SEV1. */
const OPEN_SOCIAL: RouteSetting[] = [
  {
    match: { labels: { team: 'social' }, severity: '<=2' },
    action: 'open',
    playbook: 'hacked-account',
    severity: 1,
  },
];

const alertEntries = (timeline: TimelineEntry[]) => timeline.filter((e) => e.kind === 'alert');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('an alert a route opens', () => {
  test('GIVEN a route opening SEV2 social alerts as SEV1 hacked-account WHEN one comes THEN calma opens that incident on its behalf, the alert on the timeline', async () => {
    const w = world();
    const r = rig(w, { routes: OPEN_SOCIAL });

    await r.send(alert({ severity: 2 }));

    const incident = await w.incident(1);
    expect(incident).toMatchObject({
      playbook: 'hacked-account',
      severity: 1,
      status: 'open',
      openedBy: 'calma',
      title: 'Mentions of the brand up 900% in 10 minutes',
    });
    const timeline = await w.timeline(1);
    expect(kinds(timeline)).toEqual(['opened', 'alert', 'room']);
    expect(timeline[1]).toMatchObject({
      kind: 'alert',
      by: 'calma',
      source: 'alertmanager',
      status: 'firing',
      title: 'Mentions of the brand up 900% in 10 minutes',
      url: 'https://grafana.example/d/social?viewPanel=4',
      dedupKey: 'fp-mentions-1',
      opening: true,
    });
    const room = incident.room ?? '';
    const said = w.chat.textsIn(room).join('\n');
    expect(said).toContain('Opened from an alert');
    expect(said).toContain('Alertmanager, firing: “Mentions of the brand up 900% in 10 minutes”');
    // calma opened it: the responders are invited, calma itself is not a person to invite.
    expect(w.chat.invitedTo(room)).toEqual(['U_ON_CALL']);
    expect(r.outcomes).toEqual([{ kind: 'opened', seq: 1 }]);
  });

  test('GIVEN an incident an alert opened WHEN it is closed THEN the postmortem timeline says which alert opened it', async () => {
    const w = world();
    const r = rig(w, { routes: OPEN_SOCIAL });
    await r.send(alert());
    const room = (await w.incident(1)).room ?? '';

    await w.command(inRoom(ana, room), 'close Account secured, posts removed.');

    const content = w.chat.files[0]?.content ?? '';
    expect(content).toContain(
      'opened from the Alertmanager alert, firing: “Mentions of the brand up 900% in 10 minutes” (key fp-mentions-1) https://grafana.example/d/social?viewPanel=4',
    );
  });

  test('GIVEN a route that ignores staging alerts WHEN one comes THEN nothing is opened, stored or posted', async () => {
    const w = world();
    const r = rig(w, {
      routes: [{ match: { labels: { env: 'staging' } }, action: 'ignore' }, ...OPEN_SOCIAL],
    });

    await r.send(alert({ labels: { team: 'social', env: 'staging' } }));

    expect(await w.store.list(WORKSPACE, { all: true })).toEqual([]);
    expect(w.chat.posts).toEqual([]);
    expect(r.outcomes).toEqual([{ kind: 'ignored' }]);
  });
});

describe('repeats never open a second incident', () => {
  test('GIVEN an incident an alert opened WHEN the same dedup key, the same group and a retried delivery come THEN they join its timeline and nothing new opens', async () => {
    const w = world();
    const r = rig(w, { routes: OPEN_SOCIAL });
    const delivery = r.job(alert(), 'am-notification-7', 0);
    await r.send(delivery);

    await r.send(alert()); // the same alert, a later notification
    await r.send(alert({ dedupKey: 'fp-mentions-2', title: 'Mentions up in Spain too' })); // same group
    await r.send(alert({ groupKey: 'regrouped' })); // same dedup key, in another group
    await r.send(r.job(alert({ dedupKey: 'fp-other' }), 'am-notification-7', 0)); // a retried delivery

    expect(await w.store.list(WORKSPACE, { all: true })).toHaveLength(1);
    expect(w.chat.rooms).toHaveLength(1);
    expect(alertEntries(await w.timeline(1)).map((e) => e.kind === 'alert' && e.dedupKey)).toEqual([
      'fp-mentions-1',
      'fp-mentions-1',
      'fp-mentions-2',
      'fp-mentions-1',
    ]);
    // The retried delivery never ran: the queue already had its job id.
    expect(r.outcomes.map((o) => o.kind)).toEqual(['opened', 'added', 'added', 'added']);
  });

  test('GIVEN a dedup key first seen in a group WHEN it later comes alone in another group THEN it still joins the incident', async () => {
    const w = world();
    const r = rig(w, { routes: OPEN_SOCIAL });
    await r.send(alert());
    await r.send(alert({ dedupKey: 'fp-late' }));

    await r.send(alert({ dedupKey: 'fp-late', groupKey: 'a-group-nobody-saw' }));

    expect(await w.store.list(WORKSPACE, { all: true })).toHaveLength(1);
    expect(alertEntries(await w.timeline(1))).toHaveLength(3);
  });

  test('GIVEN ten copies of a new alert processed at the same time WHEN the room takes a while to create THEN one incident opens with all ten on its timeline', async () => {
    const w = world();
    const r = rig(w, { routes: OPEN_SOCIAL });
    w.chat.slowNext('createRoom', 150);
    const desk = r.desk();

    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, i) => processAlert(desk, r.job(alert(), `copy-${i}`), `copy-${i}.0`)),
    );

    expect(outcomes.filter((o) => o.kind === 'opened')).toEqual([{ kind: 'opened', seq: 1 }]);
    expect(outcomes.filter((o) => o.kind === 'added')).toHaveLength(9);
    expect(await w.store.list(WORKSPACE, { all: true })).toHaveLength(1);
    expect(w.chat.rooms).toHaveLength(1);
    expect(alertEntries(await w.timeline(1))).toHaveLength(10);
  });

  test('GIVEN ten deliveries of one alert queued at once WHEN the worker takes them concurrently THEN one incident opens', async () => {
    const w = world();
    const r = rig(w, { routes: OPEN_SOCIAL });
    w.chat.slowNext('createRoom', 150);

    await Promise.all(Array.from({ length: 10 }, () => r.intake.accept([r.job(alert())])));
    await r.worker.idle(20_000);

    expect(await w.store.list(WORKSPACE, { all: true })).toHaveLength(1);
    expect(alertEntries(await w.timeline(1))).toHaveLength(10);
    expect(r.outcomes.filter((o) => o.kind === 'opened')).toHaveLength(1);
  });

  test('GIVEN the incident was closed WHEN its alert fires again THEN a new incident opens and the closed one is left alone', async () => {
    const w = world();
    const r = rig(w, { routes: OPEN_SOCIAL });
    await r.send(alert());
    const room = (await w.incident(1)).room ?? '';
    await w.command(inRoom(ana, room), 'close Fixed.');

    await r.send(alert());
    await r.send(alert());

    expect((await w.incident(2)).status).toBe('open');
    expect(alertEntries(await w.timeline(1))).toHaveLength(1);
    expect(alertEntries(await w.timeline(2))).toHaveLength(2);
    expect(r.outcomes.map((o) => o.kind)).toEqual(['opened', 'opened', 'added']);
  });
});

describe('resolved alerts', () => {
  test('GIVEN an incident an alert opened WHEN the source reports it resolved (twice) THEN the room is told once and the incident stays open', async () => {
    const w = world();
    const r = rig(w, { routes: OPEN_SOCIAL });
    await r.send(alert());
    const room = (await w.incident(1)).room ?? '';

    await r.send(alert({ status: 'resolved' }));
    await r.send(alert({ status: 'resolved' }));

    expect((await w.incident(1)).status).toBe('open');
    const resolvedSaid = w.chat
      .textsIn(room)
      .filter((text) => text.includes('resolved. The incident stays open'));
    expect(resolvedSaid).toEqual([
      '✅ Alertmanager reports “Mentions of the brand up 900% in 10 minutes” resolved. The incident stays open: close it with `/crisis close` once the crisis is over.\nhttps://grafana.example/d/social?viewPanel=4',
    ]);
    expect(alertEntries(await w.timeline(1)).map((e) => e.kind === 'alert' && e.status)).toEqual([
      'firing',
      'resolved',
      'resolved',
    ]);
  });

  test('GIVEN nothing open for an alert WHEN only its resolution comes THEN nothing opens and nothing is posted', async () => {
    const w = world();
    const r = rig(w, { routes: OPEN_SOCIAL });

    await r.send(alert({ status: 'resolved' }));
    await r.send(alert({ status: 'resolved' }), alert({ status: 'resolved', dedupKey: 'x', groupKey: 'x' }));

    expect(await w.store.list(WORKSPACE, { all: true })).toEqual([]);
    expect(w.chat.posts).toEqual([]);
    // The group was left unclaimed: its first firing alert still opens an incident.
    await r.send(alert());
    expect((await w.incident(1)).status).toBe('open');
  });
});

describe('at most one message per alert group per window', () => {
  test('GIVEN a 1 s window WHEN five repeats follow the opening THEN the room hears nothing more until the window ends, then one message counts them', async () => {
    const w = world();
    const r = rig(w, { routes: OPEN_SOCIAL, groupWindow: 1, minuteMs: 1000 });
    await r.send(alert());
    const room = (await w.incident(1)).room ?? '';
    const before = w.chat.postsIn(room).length;

    await r.send(alert(), alert(), alert({ dedupKey: 'fp-2' }), alert(), alert());

    expect(w.chat.postsIn(room)).toHaveLength(before);
    expect(alertEntries(await w.timeline(1))).toHaveLength(6);
    const digest = await waitFor(
      () => w.chat.textsIn(room).find((text) => text.includes('more alerts since')),
      5000,
      'the digest of the held-back alerts',
    );
    expect(digest).toMatch(
      /^🔔 “Mentions of the brand up 900% in 10 minutes”: 5 more alerts since 22 Nov 2026 09:30 UTC\./,
    );
    expect(w.chat.postsIn(room)).toHaveLength(before + 1);

    // The digest started a window of its own: two more now wait for its end, then come as one message.
    await r.send(alert(), alert());
    expect(w.chat.postsIn(room)).toHaveLength(before + 1);
    await waitFor(
      () => w.chat.textsIn(room).some((text) => text.includes('2 more alerts since')),
      5000,
      'the second digest',
    );
    expect(w.chat.postsIn(room)).toHaveLength(before + 2);
  });

  test('GIVEN a quiet window has passed WHEN the alert repeats THEN it is posted at once', async () => {
    const w = world();
    const r = rig(w, { routes: OPEN_SOCIAL, groupWindow: 1, minuteMs: 300 });
    await r.send(alert());
    const room = (await w.incident(1)).room ?? '';
    await sleep(400);

    await r.send(alert({ title: 'Mentions still climbing' }));

    const last = w.chat.lastPostIn(room);
    expect(last && textOf(last)).toBe(
      '🔔 Alertmanager alert again, firing: “Mentions still climbing”\nhttps://grafana.example/d/social?viewPanel=4',
    );
  });
});
