/**
 * calma's log while its Redis is away: an operator's log collector reads one JSON object per line, and a
 * fail-over or restart must not bury the lines that matter under repeats. BullMQ's queues and workers
 * report every failed reconnection as an 'error' event: without a listener of calma's, Node printed each
 * one as a raw stack trace.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { RedisProcess } from '../support/redis-process';
import { CalmaProcess, waitUntil } from './calma-process';

/** How long Redis stays away: every queue, worker and connection retries many times meanwhile. */
const OUTAGE_MS = 4000;

let redis: RedisProcess | undefined;
let calma: CalmaProcess | undefined;
let dir = '';

afterEach(async () => {
  await calma?.kill();
  await redis?.kill();
  await rm(dir, { recursive: true, force: true });
});

/** The lines written more than `most` times (the time of each line aside), with their count. */
function repeated(lines: readonly string[], most: number): [string, number][] {
  const counts = new Map<string, number>();
  for (const line of lines) {
    const key = line.replace(/"time":"[^"]*",?/, '');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()].filter(([, count]) => count > most);
}

test('GIVEN calma running WHEN its Redis is killed for a few seconds and started again THEN every line it logs is JSON, none is written more than a few times, and it says Redis was lost and came back', async () => {
  const server = await RedisProcess.start();
  redis = server;
  dir = await mkdtemp(path.join(os.tmpdir(), 'calma-outage-log-'));
  await writeFile(path.join(dir, 'calma.yaml'), 'locale: en\n');
  // stderr is a pipe, not a terminal: the log is JSON, as under Docker or systemd.
  const running = new CalmaProcess('calma', dir, {
    REDIS_URL: server.url,
    CALMA_CONFIG: path.join(dir, 'calma.yaml'),
    CALMA_DATA_DIR: path.join(dir, 'data'),
  });
  calma = running;
  const said = (text: string, timeoutMs: number) =>
    waitUntil(
      () => running.stderr.includes(text),
      timeoutMs,
      () => `calma did not log "${text}"\n${running.stderr}`,
    );
  await said('HTTP on port', 30_000);

  await server.kill();
  await said('lost Redis', 20_000);
  await sleep(OUTAGE_MS);
  await server.restart();
  await said('Redis answers again', 30_000);

  const lines = running.stderr.split('\n').filter((line) => line.trim() !== '');
  const notJson = lines.filter((line) => {
    try {
      return typeof JSON.parse(line) !== 'object';
    } catch {
      return true;
    }
  });
  expect(notJson.slice(0, 5)).toEqual([]);
  expect(repeated(lines, 3)).toEqual([]);
}, 120_000);
