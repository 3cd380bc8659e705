import type { ScenarioResult, Sent } from './replicas-scenario';

/** The accounting of one run of the replicas scenario, as the chaos table prints it. */
export interface ChaosCounts {
  commands: Tally;
  alerts: Tally;
  /**
   * Statements × targets published before the strike: delivered, received (a repeat has the same
   * `x-calma-delivery` id, which the target drops: at-least-once), and delivered under two ids.
   */
  deliveries: { expected: number; delivered: number; received: number; twoIds: number };
  /** Step reminders every incident is due: posted once, missing, posted more than once. */
  reminders: { expected: number; once: number; missing: number; twice: number };
}

/**
 * Requests sent; taken (acknowledged or accepted); applied once; taken then told it failed on the
 * response_url (the person checks and tries again); lost (taken, not applied, never told); done twice.
 */
export interface Tally {
  sent: number;
  taken: number;
  applied: number;
  toldFailed: number;
  lost: number;
  twice: number;
}

export function chaosCounts(result: ScenarioResult): ChaosCounts {
  const tally = (sent: Sent[]): Tally => ({
    sent: sent.length,
    taken: sent.filter((s) => s.acknowledged).length,
    applied: sent.filter((s) => s.acknowledged && s.effects === 1 && !s.toldFailed).length,
    toldFailed: sent.filter((s) => s.acknowledged && s.toldFailed).length,
    lost: sent.filter((s) => s.acknowledged && s.effects === 0 && !s.toldFailed).length,
    twice: sent.filter((s) => (s.effects ?? 0) > 1).length,
  });
  const expected = result.published.length * 2;
  const delivered = [...result.deliveries.values()];
  const remindable = result.incidents.filter((i) => result.remindable.includes(i.seq));
  const reminders = remindable.flatMap((i) =>
    result.expectedReminderKeys.map((key) => result.reminders.get(`${i.room} ${key}`) ?? 0),
  );
  return {
    commands: tally(result.sent.filter((s) => s.kind !== 'alert')),
    alerts: tally(result.sent.filter((s) => s.kind === 'alert')),
    deliveries: {
      expected,
      delivered: delivered.filter((d) => d.ids.size > 0).length,
      received: delivered.reduce((sum, d) => sum + d.received, 0),
      twoIds: delivered.filter((d) => d.ids.size > 1).length,
    },
    reminders: {
      expected: reminders.length,
      once: reminders.filter((n) => n === 1).length,
      missing: reminders.filter((n) => n === 0).length,
      twice: reminders.filter((n) => n > 1).length,
    },
  };
}

/** The chaos table: one row per kind of work, what was taken and what became of it. */
export function chaosTable(counts: ChaosCounts): string {
  const { commands, alerts, deliveries, reminders } = counts;
  const rows = [
    ['', 'sent', 'taken', 'applied once', 'told failed', 'lost', 'twice'],
    [
      'Slack commands (taken: 200, empty body)',
      commands.sent,
      commands.taken,
      commands.applied,
      commands.toldFailed,
      commands.lost,
      commands.twice,
    ],
    ['alerts (taken: 202)', alerts.sent, alerts.taken, alerts.applied, '-', alerts.lost, alerts.twice],
    [
      `statement deliveries (${deliveries.received} received)`,
      deliveries.expected,
      deliveries.expected,
      deliveries.delivered - deliveries.twoIds,
      '-',
      deliveries.expected - deliveries.delivered,
      deliveries.twoIds,
    ],
    [
      'step reminders',
      reminders.expected,
      reminders.expected,
      reminders.once,
      '-',
      reminders.missing,
      reminders.twice,
    ],
  ].map((row) => row.map(String));
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => row[i]?.length ?? 0))) ?? [];
  const line = (row: string[]) =>
    `| ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join(' | ')} |`;
  const [head, ...body] = rows;
  return [
    line(head ?? []),
    `| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`,
    ...body.map(line),
  ].join('\n');
}
