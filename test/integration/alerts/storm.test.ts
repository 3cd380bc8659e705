import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { processStorm } from '../../../bench/support/alert-processing';
import { AlertIntake, type AlertJob } from '../../../src/alerts/intake';
import { OPENED_AT, useWorld, WORKSPACE } from '../handlers/world';
import { alert, useAlertRigs } from './alert-world';

const world = useWorld();
const rig = useAlertRigs();

/** `count` alerts spread over `groups` groups, every alert with its own dedup key, as one storm. */
function storm(count: number, groups: number, delivery: string): AlertJob[] {
  return Array.from({ length: count }, (_, i) => ({
    alert: alert({
      dedupKey: `fp-${i}`,
      groupKey: `{}/{team="social"}:{alertname="MentionsSpike${i % groups}"}`,
      title: `Mentions spike in region ${i % groups}`,
    }),
    delivery,
    index: i,
    receivedAt: OPENED_AT,
  }));
}

/**
 * A storm is a few thousand Redis round trips: about 5 s on a quiet machine, ten times that on a loaded
 * one. The tests check what comes of it, not how fast: their bounds only catch processing that never ends.
 */
const STORM_MS = 110_000;

describe('an alert storm', () => {
  test('GIVEN 400 alerts in 8 groups arriving together WHEN processed THEN exactly 8 incidents open, each with its 50 alerts on the timeline', async () => {
    const w = world();
    const r = rig(w, { routes: [{ match: {}, action: 'open', playbook: 'hacked-account' }] });
    const jobs = storm(400, 8, 'storm-1');

    await Promise.all(Array.from({ length: 20 }, (_, n) => r.intake.accept(jobs.slice(n * 20, n * 20 + 20))));
    await r.worker.idle(STORM_MS);

    const incidents = await w.store.list(WORKSPACE, { all: true });
    expect(incidents).toHaveLength(8);
    expect(new Set(incidents.map((i) => i.title)).size).toBe(8);
    for (const incident of incidents) {
      const alerts = (await w.timeline(incident.seq)).filter((e) => e.kind === 'alert');
      expect(alerts).toHaveLength(50);
    }
    expect(w.chat.rooms).toHaveLength(8);
    expect(r.outcomes.filter((o) => o.kind === 'opened')).toHaveLength(8);
  }, 120_000);

  test('GIVEN a storm queued by the door WHEN the bench processing works it THEN it reports as many incidents as groups', async () => {
    const connection = new Redis(process.env.CALMA_TEST_REDIS_URL ?? '', { maxRetriesPerRequest: null });
    const intake = new AlertIntake({
      connection,
      prefix: `test-${randomBytes(4).toString('hex')}`,
      name: `alerts-storm-${randomBytes(3).toString('hex')}`,
    });
    try {
      await intake.accept(storm(300, 5, 'storm-2'));

      const result = await processStorm(intake, process.env.CALMA_TEST_REDIS_URL ?? '', STORM_MS);

      expect(result).toMatchObject({ alerts: 300, incidents: 5 });
    } finally {
      await intake.close();
      connection.disconnect();
    }
  }, 120_000);
});
