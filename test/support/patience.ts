/**
 * How long the test helpers wait for what calma does, unless a test says otherwise. A loaded machine
 * (other jest workers on 2 cores, load average near 20) can take seconds for what takes milliseconds on a
 * quiet one (an interaction answered 15 s late was seen), so a wait is bounded generously rather than by
 * how fast things usually are: a wait on a condition ends as soon as it holds, so only a real failure
 * pays for the bound. Kept under Jest's test timeout (`testTimeout` in jest.config.js, 60 s) so that a
 * wait that never ends fails with what it waited for, not with Jest's bare "Exceeded timeout".
 */
export const PATIENCE_MS = 45_000;
