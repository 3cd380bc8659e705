/**
 * The first ten minutes in the console (issue 15's measure): a real calma process, a signed alert from a
 * listening tool, and people pressing and typing until an approved holding statement is public in the
 * incident room, the announcements room and on the status page. At most five human actions.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { testRedis, uniquePrefix } from '../support/redis';
import {
  CalmaProcess,
  calmaEnv,
  deletePrefix,
  type PrintedCard,
  printedCards,
  waitUntil,
} from './calma-process';
import {
  Actions,
  ANSWERS,
  httpPort,
  MAX_ACTIONS,
  MINUTE_MS,
  postSignedAlert,
  report,
  SCENARIO_ENV,
  StatusPage,
  scenarioYaml,
} from './first-ten-minutes';

const WAIT_MS = 20_000;
const redis = testRedis();
const statusPage = new StatusPage();
let dir = '';
let prefix = '';
let calma: CalmaProcess | undefined;

beforeAll(() => statusPage.start());
afterAll(async () => {
  await statusPage.stop();
  await redis.quit();
});
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'calma-first-ten-'));
  prefix = uniquePrefix();
});
afterEach(async () => {
  await calma?.kill();
  calma = undefined;
  await deletePrefix(redis, prefix);
  await rm(dir, { recursive: true, force: true });
});

/** Cards printed in `room` whose title contains `title`, oldest first. */
function cardsIn(c: CalmaProcess, room: string, title: string): PrintedCard[] {
  // Each card is printed under a `#room ›` line: the nth such line heads the nth card.
  const rooms = c.lines.flatMap((l) => /^#(\S+) ›$/.exec(l.text)?.[1] ?? []);
  return printedCards(c).filter((card, i) => rooms[i] === room && card.title.includes(title));
}

/** The number the console printed for the button `label` on a card. */
function buttonNumber(card: PrintedCard, label: string): string {
  const number = new RegExp(`\\[(\\d+)\\] ${label}`).exec(card.lines.join('\n'))?.[1];
  if (!number) throw new Error(`no button "${label}" on "${card.title}":\n${card.lines.join('\n')}`);
  return number;
}

test('GIVEN a signed alert from the listening tool WHEN sam opens the crisis from its triage card, drafts the holding statement and fills it, and bob then carol approve THEN it is public in the room, the announcements room and on the status page, in five actions', async () => {
  await writeFile(
    path.join(dir, 'calma.yaml'),
    scenarioYaml({
      prefix,
      triage: 'triage',
      announcements: 'announcements',
      approver: 'bob',
      lead: 'carol',
      targetUrl: statusPage.url,
    }),
  );
  const c = new CalmaProcess('first-ten', dir, { ...calmaEnv(dir, MINUTE_MS), ...SCENARIO_ENV });
  calma = c;
  await c.waitForLine('calma console:', 30_000);
  await waitUntil(
    () => httpPort(c.stderr) > 0,
    30_000,
    () => `no HTTP port:\n${c.stderr}`,
  );
  const actions = new Actions();
  /** One human action: a line typed (a button's number, a command, a form's answers). */
  const act = (what: string, ...lines: string[]) => {
    actions.count(what);
    for (const line of lines) c.send(line);
  };
  /** The last card titled `title` in `room`, waiting for it to be printed after `mark`. */
  const awaitCard = async (room: string, title: string, mark: number): Promise<PrintedCard> => {
    let found: PrintedCard | undefined;
    await waitUntil(
      () => {
        found = cardsIn(c, room, title).find((card) => card.at >= mark);
        return found !== undefined;
      },
      WAIT_MS,
      () => `no card "${title}" in #${room}\n--- stdout\n${c.stdout}\n--- stderr\n${c.stderr}`,
    );
    if (!found) throw new Error('unreachable');
    return found;
  };

  const alertAt = Date.now();
  expect(await postSignedAlert(httpPort(c.stderr))).toBe(202);
  const triage = await awaitCard('triage', '🔔 Alert: Our account is posting spam links', alertAt);

  // 1. Open crisis: the route says hacked-account at SEV1.
  act('Open crisis', buttonNumber(triage, 'Open crisis'));
  await c.waitForLine('Incident #1 is open in #', WAIT_MS);
  const room = /Incident #1 is open in #(\S+) /.exec(c.stdout)?.[1] ?? '';
  const first = await awaitCard(room, 'Step 1 of', alertAt);

  // 2. Draft holding statement, on the first card.
  act('Draft holding statement', buttonNumber(first, 'Draft holding statement'));
  await c.waitForLine('What the public will read', WAIT_MS);

  // 3. The form: the filled template kept as it is ("."), then each thing calma cannot know.
  act(
    'fill and submit the form',
    '.',
    ANSWERS.account ?? '',
    ANSWERS.affected ?? '',
    ANSWERS.not_affected ?? '',
    // Enter: statuspage stays ticked.
    '',
  );
  const draft = await awaitCard(room, 'Statement S1: waiting for approval (0 of 2)', alertAt);
  expect(draft.lines).toContainEqual('Still needs: approver (@bob); incident lead (@carol)');

  // 4 and 5. The two people SEV1's policy names approve (a command: the numbers on screen move when a
  // reminder prints its buttons between switching person and pressing).
  c.send('/as bob');
  act('bob approves', '/crisis approve S1');
  await c.waitForLine('Statement S1 approved by @bob', WAIT_MS);
  c.send('/as carol');
  act('carol approves', '/crisis approve S1');

  const published = await awaitCard(room, '📣 Public statement S1', alertAt);
  const announced = await awaitCard('announcements', '📣 Public statement S1', alertAt);
  await waitUntil(
    () => statusPage.accepted.length > 0,
    WAIT_MS,
    () => `the status page got nothing verified (refused: ${statusPage.refused.join(', ')})`,
  );
  const publishedAt = Math.max(published.at, announced.at, statusPage.accepted[0]?.at ?? 0);
  console.log(report('console', actions, publishedAt - alertAt));

  expect(actions.n).toBeLessThanOrEqual(MAX_ACTIONS);
  const text = published.lines.join('\n');
  expect(text).toContain('Our @acme account was hacked');
  expect(text).toContain('write to us at help@acme.example');
  expect(text).not.toMatch(/\{[a-z_]+\}/);
  expect(published.lines).toContainEqual(expect.stringMatching(/^Approved by @bob, @carol · published /));
  expect(announced.lines[0]).toBe(published.lines[0]);
  const delivered = statusPage.accepted[0]?.body as { statement: { text: string; approvals: unknown[] } };
  expect(delivered.statement.text).toContain('Our @acme account was hacked');
  expect(delivered.statement.approvals).toEqual([
    expect.objectContaining({ user: 'bob', role: 'approver' }),
    expect.objectContaining({ user: 'carol', role: 'lead' }),
  ]);
  expect(statusPage.refused).toEqual([]);
}, 90_000);
