import { Queue } from 'bullmq';
import {
  countByKey,
  printedCards,
  printedReminders,
  reminderRules,
  useE2eInstall,
  waitUntil,
} from './calma-process';

/** 100 ms playbook minutes: the first 35 minutes of a crisis take 3.5 s. */
const MINUTE_MS = 100;
/** Every reminder due by this minute is checked: steps 1–7, escalations 1–6, the first cadence, nags. */
const WINDOW_MINUTES = 30;
/**
 * Due 10 minutes after the window: once it is out, a second copy of any reminder in the window has had
 * at least a second to show up, far longer than two workers racing for one job would take. (Step 8, due
 * at 35, is the recurring status update: the cadence reminds it, it has no reminder of its own.)
 */
const LATER = { key: 'step 7 escalation', dueMinute: 40 };

describe('reminders with several calma processes on one Redis (console)', () => {
  const install = useE2eInstall('processes');

  it('GIVEN three calma processes on one Redis and key prefix WHEN one opens an incident THEN each of its reminders is posted exactly once, by one of the three', async () => {
    const rules = await reminderRules();
    const calmas = ['a', 'b', 'c'].map((name) => install.start(name, MINUTE_MS));
    // All three working the queue before there is anything on it.
    await Promise.all(calmas.map((calma) => calma.waitForLine('calma console:', 30_000)));
    const [opener] = calmas;
    if (!opener) throw new Error('no process');
    opener.send('/crisis open hacked-account sev1 Spam');
    await opener.waitForLine('Incident #1 is open', 10_000);

    const inWindow = rules.fixed.filter((r) => r.dueMinute <= WINDOW_MINUTES);
    const all = () => printedReminders(calmas.flatMap(printedCards), rules.cadence);
    await waitUntil(
      () => {
        const seen = countByKey(all());
        return [...inWindow, LATER].every((r) => seen.has(r.key)) && seen.has('cadence 1');
      },
      30_000,
      () => `missing reminders; printed: ${all().map((r) => `${r.process}: ${r.key}`)}`,
    );
    const codes = await Promise.all(calmas.map((calma) => calma.quit()));
    expect(codes).toEqual([0, 0, 0]);

    const printed = all();
    const counts = countByKey(printed);
    // Exactly once across the three stdouts: the reminders and escalations of steps 1–7, the first
    // cadence reminder, and nothing else twice.
    const once = [...counts].filter(([key]) => key !== 'no-lead');
    expect(once).toEqual(once.map(([key]) => [key, 1]));
    expect(inWindow.filter((r) => !counts.has(r.key))).toEqual([]);
    expect(counts.get('cadence 1')).toBe(1);
    // Every no-lead nag has the same card: a second one closer than the nag interval to the one before
    // would be the same nag twice.
    const nags = printed.filter((r) => r.key === 'no-lead').sort((x, y) => x.at - y.at);
    expect(nags.length).toBeGreaterThanOrEqual(1);
    expect(nags.length).toBeLessThanOrEqual(rules.nag.max);
    const gaps = nags.slice(1).map((nag, i) => nag.at - (nags[i]?.at ?? 0));
    for (const gap of gaps) expect(gap).toBeGreaterThan(rules.nag.every * MINUTE_MS - MINUTE_MS / 2);

    const queue = new Queue('reminders-console', { connection: install.redis, prefix: install.prefix });
    try {
      expect(await queue.getFailedCount()).toBe(0);
    } finally {
      await queue.close();
    }
  }, 90_000);
});
