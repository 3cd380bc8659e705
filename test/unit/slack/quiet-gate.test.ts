import { QuietGate } from '../../../src/slack/quiet-gate';

describe('QuietGate', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const gate = () => new QuietGate({ quietMs: 50, maxDelayMs: 1000, now: () => Date.now() });

  test('GIVEN requests still arriving WHEN work waits THEN it goes once they have been quiet for 50 ms', async () => {
    const quiet = gate();
    const started: number[] = [];
    quiet.arrived();
    void quiet.wait().then(() => started.push(Date.now()));
    const queuedAt = Date.now();

    await jest.advanceTimersByTimeAsync(30);
    quiet.arrived(); // another request of the burst
    await jest.advanceTimersByTimeAsync(30);
    expect(started).toEqual([]);

    await jest.advanceTimersByTimeAsync(30);
    expect(started).toHaveLength(1);
    expect((started[0] ?? 0) - queuedAt).toBeGreaterThanOrEqual(80);
  });

  test('GIVEN requests that never stop WHEN work has waited a second THEN it goes anyway', async () => {
    const quiet = gate();
    let ran = false;
    quiet.arrived();
    void quiet.wait().then(() => {
      ran = true;
    });

    for (let t = 0; t < 900; t += 10) {
      quiet.arrived();
      await jest.advanceTimersByTimeAsync(10);
    }
    expect(ran).toBe(false);
    quiet.arrived();
    await jest.advanceTimersByTimeAsync(150);

    expect(ran).toBe(true);
  });

  test('GIVEN no request for a while WHEN work waits THEN it goes at once, and every waiter is let through', async () => {
    const quiet = gate();
    await jest.advanceTimersByTimeAsync(100);
    let through = 0;
    const waits = Array.from({ length: 20 }, () => quiet.wait().then(() => through++));

    await jest.advanceTimersByTimeAsync(0);
    await Promise.all(waits);

    expect(through).toBe(20);
  });
});
