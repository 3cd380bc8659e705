import { TokenBucket } from '../../../src/alerts/rate-limit';

describe('TokenBucket', () => {
  test('GIVEN burst 2 at 0.5/s WHEN 3 requests arrive at once THEN 2 pass and the third is told 2 s; refilled after 4 s', () => {
    let now = 0;
    const bucket = new TokenBucket({ per_second: 0.5, burst: 2 }, () => now);

    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([0, 0, 2]);
    now = 1999;
    expect(bucket.take()).toBe(1);
    now = 4000;
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([0, 0, 2]);
  });

  test('GIVEN a long quiet spell THEN the bucket refills to its burst, never beyond', () => {
    let now = 0;
    const bucket = new TokenBucket({ per_second: 10, burst: 3 }, () => now);
    for (let i = 0; i < 3; i++) bucket.take();

    now = 60_000;

    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([0, 0, 0, 1]);
  });
});
