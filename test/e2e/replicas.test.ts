/**
 * Three real calma processes (Slack HTTP mode) share one Redis: requests spread round-robin, alerts to
 * any of them, reminders and statement deliveries spread by BullMQ. One replica is SIGKILLed just after
 * it acknowledged a request in a burst of `/crisis open` and alerts: every effect happens once.
 */
import { runReplicasScenario, type ScenarioResult } from '../support/replicas-scenario';
import { expectEveryEffectOnce } from './replicas-expectations';

test('GIVEN three calma replicas on one Redis WHEN one is SIGKILLed just after acknowledging a request in a burst of /crisis open and alerts THEN every acknowledged command and accepted alert is applied once, incidents and channels are unique, and reminders and deliveries come once', async () => {
  const redisUrl = process.env.CALMA_TEST_REDIS_URL;
  if (!redisUrl) throw new Error('CALMA_TEST_REDIS_URL is not set: run tests through jest');
  const result: ScenarioResult = await runReplicasScenario({
    redisUrl,
    warmup: 3,
    burst: 12,
    minuteMs: 300,
    strikeAfter: 6,
    // CALMA_REPLICAS_LOGS=<dir> keeps each replica's log there, to read after a failure.
    ...(process.env.CALMA_REPLICAS_LOGS ? { logDir: process.env.CALMA_REPLICAS_LOGS } : {}),
    log: (line) => console.log(line),
    strike: async (replicas) => {
      const victim = replicas[2];
      if (!victim) throw new Error('three replicas are started');
      // Strike while it most likely holds what it acknowledged: at once after its next ack.
      await Promise.race([victim.nextAck(), new Promise((resolve) => setTimeout(resolve, 10_000))]);
      await victim.process.kill();
      return `${victim.name} SIGKILLed`;
    },
  });

  expectEveryEffectOnce(result);
  const killed = result.sent.filter((s) => s.replica === 'calma-c');
  // The killed replica took part: it acknowledged requests before it died.
  expect(killed.filter((s) => s.acknowledged).length).toBeGreaterThan(0);
  // Every replica served requests (the balancing is the test's round-robin).
  for (const name of ['calma-a', 'calma-b', 'calma-c']) {
    expect(result.sent.some((s) => s.replica === name && s.acknowledged)).toBe(true);
  }
}, 420_000);
