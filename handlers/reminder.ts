import type { Caller, Deps, Reply } from '../src/app/deps';
import { announce, callerLocale, mutateIncident, problem } from '../src/app/mutate';
import { when } from '../src/cards/format';
import { dismiss, SNOOZE_MINUTES, snooze } from '../src/core/reminders';
import { translator } from '../src/i18n';

/** The Snooze (30 / 60 / 90 min) and Dismiss buttons of a reminder; both go on the timeline. */
export async function snoozeReminder(
  deps: Deps,
  caller: Caller,
  seq: number,
  key: string,
  minutes: number,
): Promise<Reply> {
  if (!(SNOOZE_MINUTES as readonly number[]).includes(minutes)) {
    return problem(callerLocale(deps, caller), { key: 'errors.staleButton' });
  }
  const now = deps.clock.now();
  const result = await mutateIncident(deps, caller, seq, (incident) =>
    snooze(incident, key, minutes, deps.minuteMs, caller.user, now),
  );
  if (!result.ok) return problem(callerLocale(deps, caller), result.error);
  const t = translator(result.value.locale, deps.timeZone);
  const until = when(new Date(now.getTime() + minutes * deps.minuteMs), t);
  return announce(deps, caller, result.value, [
    { lines: [t('reminders.snoozed', { until, who: deps.chat.mention(caller.user) })] },
  ]);
}

export async function dismissReminder(deps: Deps, caller: Caller, seq: number, key: string): Promise<Reply> {
  const result = await mutateIncident(deps, caller, seq, (incident, now) =>
    dismiss(incident, key, caller.user, now),
  );
  if (!result.ok) return problem(callerLocale(deps, caller), result.error);
  const t = translator(result.value.locale, deps.timeZone);
  return announce(deps, caller, result.value, [
    { lines: [t('reminders.dismissed', { who: deps.chat.mention(caller.user) })] },
  ]);
}
