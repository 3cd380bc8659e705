import { QuietGate } from '../../../src/slack/quiet-gate';

describe('QuietGate', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const gate = (concurrency = 4) =>
    new QuietGate({ quietMs: 50, maxDelayMs: 1000, concurrency, now: () => Date.now() });

  test('GIVEN requests still arriving WHEN work waits THEN it goes once they have been quiet for 50 ms', async () => {
    const quiet = gate();
    const started: number[] = [];
    quiet.arrived();
    void quiet.enter().then(() => started.push(Date.now()));
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
    void quiet.enter().then(() => {
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

  test('GIVEN ten works and room for two WHEN they run THEN never more than two are inside at once, and all finish', async () => {
    const quiet = gate(2);
    let inside = 0;
    let most = 0;
    let finished = 0;
    const works = Array.from({ length: 10 }, async () => {
      const leave = await quiet.enter();
      inside++;
      most = Math.max(most, inside);
      await new Promise((resolve) => setTimeout(resolve, 20));
      inside--;
      finished++;
      leave();
    });

    await jest.advanceTimersByTimeAsync(1000);
    await Promise.all(works);

    expect(most).toBe(2);
    expect(finished).toBe(10);
  });

  test('GIVEN a work that leaves twice WHEN others wait THEN it frees one place, not two', async () => {
    const quiet = gate(1);
    const leave = await quiet.enter();
    let second = false;
    let third = false;
    void quiet.enter().then(() => {
      second = true;
    });
    void quiet.enter().then(() => {
      third = true;
    });

    leave();
    leave();
    await jest.advanceTimersByTimeAsync(0);

    expect([second, third]).toEqual([true, false]);
  });
});
