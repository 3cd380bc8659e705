import { Queue } from 'bullmq';
import { RedisIncidentStore } from '../../src/store/redis-incident-store';
import {
  countByKey,
  type PrintedReminder,
  printedCards,
  printedReminders,
  reminderRules,
  useE2eInstall,
  waitUntil,
} from './calma-process';

/**
 * 200 ms playbook minutes: long enough that the kill lands between two reminders with room to spare
 * (after step 2's, minute 5, the next are due at minute 10: 1 s later), short enough that 45 minutes of
 * a crisis take 9 s.
 */
const MINUTE_MS = 200;
/** calma is down from just after minute 5 until this minute after the opening. */
const DOWN_UNTIL_MINUTE = 30;
/** calma runs until every reminder due by this minute is out. */
const WINDOW_MINUTES = 45;
/** A card says it was sent late when it is more than this late (src/cards/reminder.ts). */
const LATE_AFTER_MS = Math.max(1000, MINUTE_MS);
/** "Promptly": each missed reminder is out within this long of the new process being ready. */
const PROMPT_MS = 3000;

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

  it('GIVEN an open incident with reminders pending WHEN calma is SIGKILLed, stays down while some fall due and is started again THEN each reminder is posted once, the missed ones promptly after the restart and marked late', async () => {
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

    const inWindow = rules.fixed.filter((r) => r.dueMinute <= WINDOW_MINUTES);
    // At least one reminder falls due once the new process runs, to see it on time: on a loaded
    // machine the restart can take long enough that the window holds none, so wait for the next one.
    const afterReady = rules.fixed
      .filter((r) => dueAt(r.dueMinute) >= readyAt + LATE_AFTER_MS + MINUTE_MS)
      .sort((a, b) => a.dueMinute - b.dueMinute)[0];
    const expected =
      afterReady && afterReady.dueMinute > WINDOW_MINUTES ? [...inWindow, afterReady] : inWindow;
    const all = () => printedReminders([...printedCards(first), ...printedCards(second)], rules.cadence);
    await waitUntil(
      () => {
        const seen = countByKey(all());
        return expected.every((r) => seen.has(r.key));
      },
      30_000 + Math.max(0, (afterReady ? dueAt(afterReady.dueMinute) : 0) - Date.now()),
      () => `missing reminders; printed: ${all().map((r) => `${r.process}: ${r.key}`)}`,
    );
    expect(await second.quit()).toBe(0);

    const printed = all();
    const counts = countByKey(printed);
    // Once each across both processes: every step reminder and escalation due in the window, and the
    // cadence reminders, among them the first one, which fell due while calma was down.
    const once = [...counts].filter(([key]) => key !== 'no-lead');
    expect(once).toEqual(once.map(([key]) => [key, 1]));
    expect(inWindow.filter((r) => !counts.has(r.key))).toEqual([]);
    expect(counts.get('cadence 1')).toBe(1);
    // Every no-lead nag has the same card: a second one closer than the nag interval to the one before
    // would be the same nag twice.
    const nags = printed.filter((r) => r.key === 'no-lead');
    expect(nags.length).toBeLessThanOrEqual(rules.nag.max);
    const gaps = nags.slice(1).map((nag, i) => nag.at - (nags[i]?.at ?? 0));
    for (const gap of gaps) expect(gap).toBeGreaterThan(rules.nag.every * MINUTE_MS - MINUTE_MS / 2);

    // The first process posted, on time, what was due before the kill; the second everything else.
    expect(printed.filter((r) => r.process === 'first').map((r) => [r.key, r.lateMinutes])).toEqual([
      ['step 1 due', null],
      ['step 2 due', null],
    ]);

    // Due from the opening: the steps, the cadence, the first nag (later nags depend on when the one
    // before was sent, and are left out of the timing checks).
    const dueOf = (r: PrintedReminder): number => {
      const cadence = /^cadence (\d+)$/.exec(r.key)?.[1];
      if (cadence) return dueAt(Number(cadence) * rules.cadence);
      if (r.key === 'no-lead' && r !== nags[0]) return Number.NaN;
      return dueAt(rules.fixed.find((e) => e.key === r.key)?.dueMinute ?? Number.NaN);
    };
    const shown = (r: PrintedReminder) => ({
      key: r.key,
      process: r.process,
      lateMinutes: r.lateMinutes,
      afterReadyMs: r.at - readyAt,
    });
    const missed = printed.filter((r) => dueOf(r) > killedAt && dueOf(r) < restartedAt - LATE_AFTER_MS);
    expect(missed.map((r) => r.key)).toEqual(
      expect.arrayContaining([
        ...['step 3 due', 'step 4 due', 'step 5 due', 'step 6 due'],
        ...[1, 2, 3, 4, 5].map((step) => `step ${step} escalation`),
        'cadence 1',
        'no-lead',
      ]),
    );
    // Each missed one: posted by the new process within PROMPT_MS of it being ready, and marked late
    // by as many minutes as passed from its due time to its post (after the restart, before the test
    // read it).
    const wrong = missed.filter((r) => {
      const lateMs = (r.lateMinutes ?? Number.NaN) * MINUTE_MS;
      const due = dueOf(r);
      return !(
        r.process === 'second' &&
        r.at - readyAt <= PROMPT_MS &&
        lateMs >= restartedAt - due - MINUTE_MS / 2 &&
        lateMs <= r.at - due + MINUTE_MS / 2
      );
    });
    expect(wrong.map(shown)).toEqual([]);
    // Once the new process runs, reminders are on time again and not marked late.
    const onTime = printed.filter((r) => dueOf(r) >= readyAt + LATE_AFTER_MS);
    expect(onTime.length).toBeGreaterThan(0);
    expect(onTime.filter((r) => r.lateMinutes !== null).map(shown)).toEqual([]);
    expect(await queue.getFailedCount()).toBe(0);
  }, 90_000);
});
