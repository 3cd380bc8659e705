import { z } from 'zod';
import { defineCommand, incidentArg, option } from '../src/app/command';
import type { Caller, Deps, Reply } from '../src/app/deps';
import { announce, callerLocale, mutateIncident, problem } from '../src/app/mutate';
import { locale } from '../src/core/command';
import { setLocale } from '../src/core/incident';
import type { Locale } from '../src/core/types';
import { LOCALES } from '../src/core/types';
import { translator } from '../src/i18n';

/** `/crisis lang <en|es|fr>`: the incident's language for cards, reminders and the postmortem. */
export async function lang(
  deps: Deps,
  caller: Caller,
  command: { incident?: number; locale: Locale },
): Promise<Reply> {
  const result = await mutateIncident(deps, caller, command.incident, (incident, now) =>
    setLocale(incident, command.locale, caller.user, now),
  );
  if (!result.ok) return problem(callerLocale(deps, caller), result.error);
  const t = translator(command.locale, deps.timeZone);
  return announce(deps, caller, result.value, [
    { lines: [t('lang.changed', { language: t(`languages.${command.locale}`) })], tone: 'info' },
  ]);
}

export const langCommand = defineCommand({
  name: 'lang',
  names: { es: 'idioma', fr: 'langue' },
  args: z.object({ incident: incidentArg, locale: z.enum(LOCALES) }),
  read: [locale('locale')],
  options: [
    option.string('locale', 'language', { required: true, max: 10, choices: 'language' }),
    option.incident(),
  ],
  usage: () => `lang <${LOCALES.join('|')}>`,
  help: 'help.lang',
  access: 'anyone',
  run: lang,
});
