import pino from 'pino';
import { AfterAck } from '../../../src/slack/after-ack';

const log = pino({ level: 'silent' });

describe('AfterAck', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const queue = (concurrency = 4) =>
    new AfterAck({ concurrency, quietMs: 50, maxDelayMs: 1000, now: () => Date.now() }, log);

  test('GIVEN requests still arriving WHEN work is queued THEN it waits until they have been quiet for 50 ms', async () => {
    const afterAck = queue();
    const started: number[] = [];
    afterAck.arrived();
    afterAck.run(async () => {
      started.push(Date.now());
    });
    const queuedAt = Date.now();

    await jest.advanceTimersByTimeAsync(30);
    afterAck.arrived(); // another request of the burst
    await jest.advanceTimersByTimeAsync(30);
    expect(started).toEqual([]);

    await jest.advanceTimersByTimeAsync(30);
    expect(started).toHaveLength(1);
    expect((started[0] ?? 0) - queuedAt).toBeGreaterThanOrEqual(80);
  });

  test('GIVEN requests that never stop WHEN work has waited a second THEN it starts anyway', async () => {
    const afterAck = queue();
    let ran = false;
    afterAck.arrived();
    afterAck.run(async () => {
      ran = true;
    });

    for (let t = 0; t < 900; t += 10) {
      afterAck.arrived();
      await jest.advanceTimersByTimeAsync(10);
    }
    expect(ran).toBe(false);
    afterAck.arrived();
    await jest.advanceTimersByTimeAsync(150);

    expect(ran).toBe(true);
  });

  test('GIVEN ten tasks and a limit of two WHEN they run THEN never more than two run at once, and drained waits for all', async () => {
    const afterAck = queue(2);
    let running = 0;
    let most = 0;
    let finished = 0;
    for (let i = 0; i < 10; i++) {
      afterAck.run(async () => {
        running++;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 20));
        running--;
        finished++;
      });
    }
    const drained = afterAck.drained();

    await jest.advanceTimersByTimeAsync(1000);
    await drained;

    expect(most).toBe(2);
    expect(finished).toBe(10);
  });

  test('GIVEN a task that throws WHEN it runs THEN the next tasks still run', async () => {
    const afterAck = queue(1);
    let second = false;
    afterAck.run(async () => {
      throw new Error('Slack is down');
    });
    afterAck.run(async () => {
      second = true;
    });

    await jest.advanceTimersByTimeAsync(200);

    expect(second).toBe(true);
  });
});
