import type { ScenarioResult } from '../support/replicas-scenario';

/**
 * What "every effect once" means for a run of the replicas scenario, whatever was SIGKILLed: each
 * acknowledged command applied and each accepted alert carded exactly once (a card posted by a replica
 * that died before recording it is found by the job taken over, not posted again: PostOnce), one number
 * and one channel per incident, each statement delivered to each target under one id, each step
 * reminder posted once.
 */
export function expectEveryEffectOnce(result: ScenarioResult): void {
  const acknowledged = result.sent.filter((s) => s.acknowledged);
  expect(acknowledged.length).toBeGreaterThan(0);
  expect(acknowledged.filter((s) => s.effects !== 1).map((s) => `${s.kind} ${s.key}: ${s.effects}`)).toEqual(
    [],
  );
  // A request whose answer never came back (its replica died) may have been done, but once at most.
  expect(result.sent.filter((s) => (s.effects ?? 0) > 1).map((s) => `${s.kind} ${s.key}`)).toEqual([]);

  const seqs = result.incidents.map((i) => i.seq);
  expect(new Set(seqs).size).toBe(seqs.length);
  expect(new Set(result.channels).size).toBe(result.channels.length);
  expect(result.channels).toHaveLength(result.incidents.length);
  expect(new Set(result.incidents.map((i) => i.room)).size).toBe(result.incidents.length);

  for (const published of result.published) {
    for (const target of ['statuspage', 'scheduler']) {
      const delivered = result.deliveries.get(`${target} ${published}`);
      expect({ statement: `${target} ${published}`, ids: delivered?.ids.size }).toEqual({
        statement: `${target} ${published}`,
        ids: 1,
      });
    }
  }
  expect([...result.deliveries.keys()].sort()).toEqual(
    result.published.flatMap((p) => [`scheduler ${p}`, `statuspage ${p}`]).sort(),
  );

  const missingOrTwice: string[] = [];
  for (const incident of result.incidents.filter((i) => result.remindable.includes(i.seq))) {
    for (const key of result.expectedReminderKeys) {
      const posted = result.reminders.get(`${incident.room} ${key}`) ?? 0;
      if (posted !== 1) missingOrTwice.push(`#${incident.seq} ${key}: ${posted}`);
    }
  }
  expect(missingOrTwice).toEqual([]);
}

/**
 * What holds through a Redis fail-over too: nothing taken is silently lost (each acknowledged command or
 * accepted alert is done, or the person was told it failed), incident numbers and channels stay
 * unique, and each statement reaches each target under one delivery id.
 */
export function expectNothingTakenLost(result: ScenarioResult): void {
  expect(result.sent.filter((s) => s.acknowledged).length).toBeGreaterThan(0);
  const lost = result.sent.filter((s) => s.acknowledged && s.effects === 0 && !s.toldFailed);
  expect(lost.map((s) => `${s.kind} ${s.key} (to ${s.replica})`)).toEqual([]);
  const seqs = result.incidents.map((i) => i.seq);
  expect(new Set(seqs).size).toBe(seqs.length);
  expect(new Set(result.channels).size).toBe(result.channels.length);
  for (const [statement, delivered] of result.deliveries) {
    expect({ statement, ids: delivered.ids.size }).toEqual({ statement, ids: 1 });
  }
  expect(result.deliveries.size).toBe(result.published.length * 2);
}

/**
 * What holds through a Redis fail-over since calma's connections wait for the promoted replica: on top
 * of `expectNothingTakenLost`, no request taken is answered "Something went wrong" (one whose hand-off
 * could not be written is told "nothing was changed", and nothing was), nothing is done twice (no
 * triage card posted twice), and every incident gets each of its step reminders once.
 */
export function expectEveryEffectOnceThroughFailover(result: ScenarioResult): void {
  expectNothingTakenLost(result);
  const wentWrong = result.sent.filter((s) => s.acknowledged && s.toldFailed && !s.toldNothingDone);
  expect(wentWrong.map((s) => `${s.kind} ${s.key} (to ${s.replica})`)).toEqual([]);
  expect(result.sent.filter((s) => (s.effects ?? 0) > 1).map((s) => `${s.kind} ${s.key}`)).toEqual([]);
  expect(result.remindable).toHaveLength(result.incidents.length);
  const missingOrTwice: string[] = [];
  for (const incident of result.incidents) {
    for (const key of result.expectedReminderKeys) {
      const posted = result.reminders.get(`${incident.room} ${key}`) ?? 0;
      if (posted !== 1) missingOrTwice.push(`#${incident.seq} ${key}: ${posted}`);
    }
  }
  expect(missingOrTwice).toEqual([]);
}
