import { z } from 'zod';
import { defineCommand, incidentArg, option } from '../src/app/command';
import type { Caller, Deps, Reply } from '../src/app/deps';
import { callerLocale, mutateIncident, problem } from '../src/app/mutate';
import { text } from '../src/core/command';
import { addNote } from '../src/core/incident';
import { translator } from '../src/i18n';

/** `/crisis note <text>`: adds to the timeline (and so to the postmortem). */
export async function note(
  deps: Deps,
  caller: Caller,
  command: { incident?: number; text: string },
): Promise<Reply> {
  const result = await mutateIncident(deps, caller, command.incident, (incident, now) =>
    addNote(incident, command.text, caller.user, now),
  );
  if (!result.ok) return problem(callerLocale(deps, caller), result.error);
  const t = translator(result.value.locale, deps.timeZone);
  return { cards: [{ lines: [t('note.added', { seq: result.value.seq })], tone: 'success' }] };
}

export const noteCommand = defineCommand({
  name: 'note',
  names: { es: 'nota', fr: 'note' },
  args: z.object({ incident: incidentArg, text: z.string() }),
  // The note keeps its own spacing and line breaks: it is the text people will read later.
  read: [text('text', 'kept', { key: 'note.empty' })],
  options: [option.string('text', 'noteText', { required: true }), option.incident()],
  usage: (a) => `note <${a('text')}>`,
  help: 'help.note',
  access: 'anyone',
  run: note,
});
