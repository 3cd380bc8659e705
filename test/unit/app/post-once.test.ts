import { jobPost } from '../../../src/app/post-once';

describe('the key of a queued job’s post', () => {
  it('GIVEN a job id WHEN its post is keyed THEN the key is the same on every run, fits Discord’s 25-character nonce, and differs from another job’s', () => {
    const id = 'reminder:T0123456789:12345:step-3-escalation:1796681555090';
    const key = jobPost('reminder', id).key;
    expect(jobPost('reminder', id).key).toBe(key);
    expect(key.length).toBeLessThanOrEqual(25);
    expect(jobPost('reminder', `${id}0`).key).not.toBe(key);
    expect(jobPost('publish', id).key).not.toBe(key);
  });

  it('GIVEN a job run for the first time or again WHEN its post is keyed THEN only a run again looks for an earlier post, from the time given', () => {
    const since = new Date('2026-12-07T21:00:00Z');
    expect(jobPost('publish', 'p1').since).toBeUndefined();
    expect(jobPost('publish', 'p1', since).since).toEqual(since);
  });
});
