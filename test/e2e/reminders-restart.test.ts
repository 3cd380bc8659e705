import { Queue } from 'bullmq';
import { RedisIncidentStore } from '../../src/store/redis-incident-store';
import {
  countByKey,
  type PrintedCard,
  printedCards,
  printedReminders,
  reminderRules,
  useE2eInstall,
  waitUntil,
} from './calma-process';

/**
 * 400 ms playbook minutes: long enough that the kill lands between two reminders with room to spare
 * on a loaded machine (after step 2's, minute 5, the next are due at minute 10: 2 s later; 1 s was
 * missed once in a loaded CI run), short enough that 45 minutes of a crisis take 18 s.
 */
const MINUTE_MS = 400;
/** calma is down from just after minute 5 until this minute after the opening. */
const DOWN_UNTIL_MINUTE = 30;
/** calma runs until every reminder due by this minute is out. */
const WINDOW_MINUTES = 45;
/** A card says it was sent late when it is more than this late (src/cards/reminder.ts). */
const LATE_AFTER_MS = Math.max(1000, MINUTE_MS);
/**
 * "Promptly": the card of missed reminders is out within this long of the new process being ready (it
 * waits 2 s for their burst to end; the rest is room for a loaded machine).
 */
const CARD_MS = 10_000;
const AWAY_TITLE = /⏰ While calma was away, \d+ reminders? fell due$/;

/** A line of the card: what was due and how long ago (playbook minutes; a range when read in hours). */
function awayLinesOf(card: PrintedCard): { what: string; ago: [number, number] }[] {
  return card.lines.flatMap((line) => {
    const match = /^(.*): due (\d+) (minute|hour)s? ago(?:, for .*)?\.$/.exec(line);
    if (!match) return [];
    const n = Number(match[2]);
    return [{ what: match[1] ?? '', ago: match[3] === 'hour' ? [n * 60 - 30, n * 60 + 30] : [n, n] }];
  });
}

describe('reminders across a SIGKILL and a restart (console processes on a shared Redis)', () => {
  const install = useE2eInstall('restart');
  let queue: Queue;

  beforeEach(() => {
    // The console's reminder queue, to see that no job is running when the test pulls the plug.
    queue = new Queue('reminders-console', { connection: install.redis, prefix: install.prefix });
  });
  afterEach(async () => {
    await queue.close();
  });

  const start = (name: string) => install.start(name, MINUTE_MS);

  it('GIVEN an open incident with reminders pending WHEN calma is SIGKILLed, stays down while some fall due and is started again THEN what fell due while it was down comes promptly in one card saying how long ago, every later reminder comes alone and on time, each once', async () => {
    const rules = await reminderRules();
    const first = start('first');
    await first.waitForLine('calma console:', 20_000);
    first.send('/crisis open hacked-account sev1 Spam');
    await first.waitForLine('Incident #1 is open', 10_000);
    const incident = await new RedisIncidentStore(install.redis, install.prefix).get('console', 1);
    if (!incident) throw new Error('incident #1 is not in Redis');
    const opened = Date.parse(incident.openedAt);
    const dueAt = (minute: number) => opened + minute * MINUTE_MS;

    // Killed between two jobs, so what is tested is pending (delayed) reminders: step 2's reminder
    // (minute 5) has run to its end, and minute 10's have not started.
    await first.waitForLine('⏰ Step 2 is due', 10_000);
    await waitUntil(
      async () => (await queue.getActiveCount()) === 0,
      5000,
      () => 'a reminder job stayed active',
    );
    await first.kill();
    const killedAt = Date.now();
    expect(killedAt).toBeLessThan(dueAt(10));

    // Nothing runs while calma is down: this pause is the scenario, not a wait for something to happen.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, dueAt(DOWN_UNTIL_MINUTE) - Date.now())));
    const restartedAt = Date.now();
    const second = start('second');
    const readyAt = await second.waitForLine('calma console:', 20_000);

    const all = () => printedReminders([...printedCards(first), ...printedCards(second)], rules.cadence);
    const awayCards = () => printedCards(second).filter((card) => AWAY_TITLE.test(card.title));
    // What fell due while calma was down comes in one card, once the burst is gathered.
    await waitUntil(
      () => awayCards().length > 0,
      readyAt + CARD_MS - Date.now(),
      () => `no card of missed reminders; printed: ${printedCards(second).map((c) => c.title)}`,
    );
    const [away] = awayCards();
    if (!away) throw new Error('no card of missed reminders');
    // calma began working reminders between its start and its ready line: the cut (2 playbook minutes
    // before) is somewhere in between, and a reminder due there may go either way.
    const cutFrom = restartedAt - 2 * MINUTE_MS;
    const cutTo = readyAt - 2 * MINUTE_MS;
    // Then, to see reminders on time again, the first two due once it runs.
    const afterReady = rules.fixed
      .filter((r) => dueAt(r.dueMinute) >= readyAt + LATE_AFTER_MS + MINUTE_MS)
      .sort((a, b) => a.dueMinute - b.dueMinute)
      .slice(0, 2);
    const window = Math.max(WINDOW_MINUTES, ...afterReady.map((r) => r.dueMinute));
    const inWindow = rules.fixed.filter((r) => r.dueMinute <= window);
    const expectedAlone = inWindow.filter((r) => dueAt(r.dueMinute) > cutTo);
    await waitUntil(
      () => {
        const seen = countByKey(all());
        return expectedAlone.every((r) => seen.has(r.key));
      },
      30_000 + Math.max(0, dueAt(window) - Date.now()),
      () => `missing reminders; printed: ${all().map((r) => `${r.process}: ${r.key}`)}`,
    );
    expect(await second.quit()).toBe(0);

    expect(awayCards()).toHaveLength(1);
    expect(away.at - readyAt).toBeLessThanOrEqual(CARD_MS);
    const lines = awayLinesOf(away);
    const printed = all();
    const counts = countByKey(printed);
    // The first process posted, on time, what was due before the kill; nothing else was due then.
    expect(printed.filter((r) => r.process === 'first').map((r) => [r.key, r.lateMinutes])).toEqual([
      ['step 1 due', null],
      ['step 2 due', null],
    ]);
    // Each reminder of the window once: in the card when it fell due well before the restart, alone
    // when it fell due once calma was back, either way in between; never both, never twice.
    const inCard = (key: string) => {
      const step = /^step (\d+) /.exec(key)?.[1];
      return lines.some((line) => (step ? line.what.startsWith(`Step ${step} (`) : false));
    };
    const wrong = inWindow
      .filter((r) => r.key !== 'no-lead' && dueAt(r.dueMinute) > killedAt)
      .flatMap((r) => {
        const due = dueAt(r.dueMinute);
        const alone = counts.get(r.key) ?? 0;
        const card = inCard(r.key);
        const ok =
          due < cutFrom
            ? card && alone === 0
            : due > cutTo
              ? alone === 1
              : alone <= 1 && (card || alone === 1);
        return ok ? [] : [{ key: r.key, dueMinute: r.dueMinute, alone, card }];
      });
    expect(wrong).toEqual([]);
    expect([...counts].filter(([key, n]) => key !== 'no-lead' && n > 1)).toEqual([]);
    // The first status update (minute 20) and the no-lead nag (10) fell due while calma was down.
    expect(lines.map((l) => l.what)).toEqual(
      expect.arrayContaining(['A public status update', 'Naming an incident lead']),
    );
    expect(counts.get('cadence 1')).toBeUndefined();
    // How long ago each fell due: at least since the restart, at most until the card.
    const dueOfLine = (what: string): number => {
      const step = /^Step (\d+) \(/.exec(what)?.[1];
      if (step) return dueAt(rules.fixed.find((r) => r.key === `step ${step} due`)?.dueMinute ?? Number.NaN);
      if (what === 'A public status update') return dueAt(rules.cadence);
      return dueAt(rules.nag.every);
    };
    const late = lines.filter(({ what, ago: [low, high] }) => {
      const due = dueOfLine(what);
      return high < (restartedAt - due) / MINUTE_MS - 1 || low > (away.at - due) / MINUTE_MS + 1;
    });
    expect(late).toEqual([]);
    // The nag goes on from the card: the next one a full interval after it, no closer.
    const nags = [away.at, ...printed.filter((r) => r.key === 'no-lead').map((r) => r.at)];
    expect(nags.length - 1).toBeLessThanOrEqual(rules.nag.max - 1);
    const gaps = nags.slice(1).map((at, i) => at - (nags[i] ?? 0));
    for (const gap of gaps) expect(gap).toBeGreaterThan(rules.nag.every * MINUTE_MS - MINUTE_MS / 2);
    // Once the new process runs, reminders are on time again and not marked late.
    const onTime = printed.filter((r) => r.process === 'second' && afterReady.some((a) => a.key === r.key));
    expect(onTime.map((r) => r.key).sort()).toEqual(afterReady.map((r) => r.key).sort());
    expect(onTime.filter((r) => r.lateMinutes !== null).map((r) => r.key)).toEqual([]);
    expect(await queue.getFailedCount()).toBe(0);
  }, 90_000);
});
