import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/** A new connection to the run's throwaway Redis. Close it in `afterAll` (`await redis.quit()`). */
export function testRedis(): Redis {
  const url = process.env.CALMA_TEST_REDIS_URL;
  if (!url)
    throw new Error(
      'CALMA_TEST_REDIS_URL is not set: run tests through jest (its global setup starts Redis)',
    );
  return new Redis(url);
}

/** A key prefix of its own for each test file or test, so tests sharing the throwaway Redis never collide. */
export function uniquePrefix(): string {
  return `test-${randomBytes(6).toString('hex')}`;
}
