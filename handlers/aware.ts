import { z } from 'zod';
import { defineCommand, incidentArg, option } from '../src/app/command';
import type { Caller, Deps, Reply } from '../src/app/deps';
import { announce, callerLocale, mutateIncident, problem } from '../src/app/mutate';
import { playbookOf } from '../src/app/room';
import { local, when } from '../src/cards/format';
import { text } from '../src/core/command';
import { MAX_AWARE_NOTE, recordAwareness } from '../src/core/deadline';
import { readPastMoment } from '../src/core/typed-time';
import { translator } from '../src/i18n';

/**
 * `/crisis aware <time> [how]`: records when the organisation became aware, which a playbook's
 * notification deadline counts from (GDPR art. 33: 72 hours). The time is read in the caller's own zone
 * when the platform gives it (they type their own clock), else the team's; a second run corrects it,
 * and the timeline keeps both.
 */
export async function aware(
  deps: Deps,
  caller: Caller,
  command: { incident?: number; time: string; how: string },
): Promise<Reply> {
  const locale = callerLocale(deps, caller);
  const zone = caller.timeZone ?? deps.timeZone;
  const read = readPastMoment(command.time, deps.clock.now(), zone);
  if (!read.ok) {
    const future = read.error.params?.when;
    const t = translator(locale, zone);
    return problem(
      locale,
      typeof future === 'string' ? { key: 'time.future', params: { when: when(future, t) } } : read.error,
    );
  }
  // Discord gives the time and how apart; typed, what follows the time is how.
  const how = [read.value.rest, command.how.trim()].filter(Boolean).join(' ');
  let previous: string | undefined;
  const result = await mutateIncident(deps, caller, command.incident, (incident, now) => {
    previous = incident.awareness?.at;
    return recordAwareness(
      incident,
      playbookOf(deps, incident),
      { at: read.value.at, note: how },
      caller.user,
      now,
    );
  });
  if (!result.ok) return problem(locale, result.error);
  const incident = result.value;
  const t = translator(incident.locale, deps.timeZone);
  const deadline = playbookOf(deps, incident).deadline;
  const at = read.value.at;
  const params = {
    who: deps.chat.mention(caller.user),
    when: when(at, t),
    name: deadline ? local(deadline.name, t) : '',
    due: when(new Date(at.getTime() + (deadline?.within ?? 0) * deps.minuteMs), t),
  };
  return announce(deps, caller, incident, [
    {
      lines: [
        previous
          ? t('aware.corrected', { ...params, previous: when(previous, t) })
          : t('aware.recorded', params),
      ],
      ...(how ? { context: how } : {}),
      tone: 'info',
    },
  ]);
}

const usage = { key: 'aware.usage' };

export const awareCommand = defineCommand({
  name: 'aware',
  // The words of GDPR art. 33(1) in each language: "tener constancia", "en avoir pris connaissance".
  names: { es: 'constancia', fr: 'connaissance', also: ['conocimiento'] },
  args: z.object({ incident: incidentArg, time: z.string(), how: z.string().default('') }),
  read: [text('time', 'single', usage)],
  options: [
    option.string('time', 'awareTime', { required: true, max: 60 }),
    option.string('how', 'awareHow', { max: MAX_AWARE_NOTE }),
    option.incident(),
  ],
  usage: (a) => `aware <${a('time')}> [${a('how')}]`,
  help: 'help.aware',
  access: 'anyone',
  run: aware,
});
