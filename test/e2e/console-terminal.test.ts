/**
 * The console as a person uses it: calma in a real pseudo-terminal, typed into key by key. The prompt
 * shows, what is typed is echoed after it, answers come, no log line is mixed in, and every way out
 * (Ctrl-D, Ctrl-C, closing the terminal) stops the private Redis so the next start works.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { alive, privateRedisOf, waitUntilStopped } from './private-redis';
import { TerminalSession } from './terminal-session';

let dir: string;
const sessions: TerminalSession[] = [];

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'calma-terminal-'));
  await writeFile(path.join(dir, 'calma.yaml'), 'locale: en\n');
});

afterEach(async () => {
  for (const session of sessions.splice(0)) session.close();
  await rm(dir, { recursive: true, force: true });
});

/** calma in a terminal, on a private Redis with its data in the test's dir. */
function start(): TerminalSession {
  const env = { CALMA_DATA_DIR: path.join(dir, 'data'), CALMA_CONFIG: path.join(dir, 'calma.yaml') };
  const session = new TerminalSession(dir, env);
  sessions.push(session);
  return session;
}

const ROOM_PROMPT = /^#crisis-1-\d{4}-\d{2}-\d{2}-our-account-is-posting-spam sam>$/;

test('GIVEN calma started in a terminal THEN it prompts, echoes what is typed, answers it, logs nothing into the chat, and Ctrl-D leaves with Redis stopped', async () => {
  const session = start();
  await session.waitForPrompt('#general sam> ');
  const redis = await privateRedisOf(path.join(dir, 'data'));

  session.type('/crisis help\r');
  await session.waitFor(() => session.text.includes('this help'), 'no help card');
  await session.waitForPrompt('#general sam> ');
  session.type('/crisis open hacked-account sev1 Our account is posting spam\r');
  await session.waitForPrompt(ROOM_PROMPT);

  const rows = session.rows;
  expect(rows.slice(0, 3)).toEqual([
    'calma console: a chat in your terminal. Type `/crisis help` to start, `/quit` to leave.',
    'You are sam (change with `/as <name>`).',
    '#general sam> /crisis help',
  ]);
  expect(rows).toContain('calma: crisis response, step by step');
  expect(rows).toContain('#general sam> /crisis open hacked-account sev1 Our account is posting spam');
  expect(session.text).toMatch(
    /✔ Incident #1 is open in #crisis-1-\d{4}-\d{2}-\d{2}-our-account-is-posting-spam/,
  );
  // Logs are for people here: nothing at info level (pretty or JSON) among the chat.
  expect(session.text).not.toMatch(/INFO|"level"|redis-server started|HTTP on port/);

  session.type('\x04');
  expect(await session.exited).toBe(0);
  expect(session.rows.filter((row) => row !== '').slice(-2)).toEqual([
    session.rows.filter((row) => ROOM_PROMPT.test(row)).at(-1),
    'Bye. Your incidents are kept for next time.',
  ]);
  await waitUntilStopped(redis);
}, 60_000);

test('GIVEN calma in a terminal WHEN the terminal is closed THEN calma stops its Redis, and the next start in the same data dir works and leaves on Ctrl-C', async () => {
  const first = start();
  await first.waitForPrompt('#general sam> ');
  const redis = await privateRedisOf(path.join(dir, 'data'));
  const calma = redis.parent;

  first.close();
  await first.waitFor(() => !alive(calma), `calma (pid ${calma}) is still running`, 20_000);
  await waitUntilStopped(redis);

  const second = start();
  await second.waitForPrompt('#general sam> ');
  expect(second.text).not.toContain('another calma');
  const again = await privateRedisOf(path.join(dir, 'data'));
  second.type('/crisis list\r');
  await second.waitFor(() => second.text.includes('No open incidents'), 'no answer to /crisis list');
  await second.waitForPrompt('#general sam> ');
  second.type('\x03');
  expect(await second.exited).toBe(0);
  await waitUntilStopped(again);
}, 90_000);
