/**
 * PagerDuty's notes about an incident (annotations, published status updates) as the worker handles
 * them: on the timeline of the incident that PagerDuty incident opened, never a new incident or card.
 */
import { pagerduty } from '../../../src/alerts/sources/pagerduty';
import type { RouteSetting } from '../../../src/core/alert-route';
import { kinds, useWorld, WORKSPACE } from '../handlers/world';
import { TRIAGE, useAlertRigs } from './alert-world';
import { PAGERDUTY_ANNOTATED, PAGERDUTY_STATUS_UPDATE, PAGERDUTY_VECTOR } from './payloads';

const world = useWorld();
const rig = useAlertRigs();

const OPEN_PAGERDUTY: RouteSetting[] = [
  { match: { source: 'pagerduty' }, action: 'open', playbook: 'hacked-account' },
];

/** What the door queues for a PagerDuty body. */
const alertsOf = (payload: unknown) =>
  pagerduty.normalise(pagerduty.schema.parse(payload), '2021-04-26T18:00:00.000Z');

test('GIVEN an incident PagerDuty incident PGR0VU2 opened WHEN it is annotated and a status update is published THEN both are notes on its timeline, by their author', async () => {
  const w = world();
  const r = rig(w, { routes: OPEN_PAGERDUTY });
  await r.send(...alertsOf(JSON.parse(PAGERDUTY_VECTOR.body)));

  await r.send(...alertsOf(PAGERDUTY_ANNOTATED), ...alertsOf(PAGERDUTY_STATUS_UPDATE));

  const timeline = await w.timeline(1);
  expect(kinds(timeline)).toEqual(['opened', 'alert', 'room', 'note', 'note']);
  expect(timeline.slice(3)).toMatchObject([
    {
      by: 'calma',
      text: 'from PagerDuty (Tenex Engineer): The attacker changed the recovery email at 17:20.',
    },
    {
      by: 'calma',
      text: 'status update from PagerDuty (Tenex Engineer): Account recovered; removing the posts now.',
    },
  ]);
  expect(await w.store.list(WORKSPACE, { all: true })).toHaveLength(1);
});

test('GIVEN nothing calma knows of PagerDuty incident PGR0VU2 WHEN it is annotated THEN nothing opens and no card is posted', async () => {
  const w = world();
  const r = rig(w, { routes: OPEN_PAGERDUTY });

  await r.send(...alertsOf(PAGERDUTY_ANNOTATED));

  expect(await w.store.list(WORKSPACE, { all: true })).toEqual([]);
  expect(w.chat.postsIn(TRIAGE)).toEqual([]);
  expect(r.outcomes).toEqual([{ kind: 'dropped', reason: 'no incident for the note' }]);
});
