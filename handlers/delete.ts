import { z } from 'zod';
import { defineCommand, MAX_INCIDENT, option } from '../src/app/command';
import type { Caller, Deps, Reply } from '../src/app/deps';
import { callerLocale, problem } from '../src/app/mutate';
import type { Reader } from '../src/core/grammar';
import { fail, ok } from '../src/core/result';
import type { Incident } from '../src/core/types';
import { translator } from '../src/i18n';

/** Only a drill that is over may go: a real incident's record is kept for good. */
const deletable = (incident: Incident) => incident.drill && incident.status !== 'open';

/**
 * `/crisis delete #N`: deletes a closed drill (its stored state, timeline, room index and queued
 * reminders). A real incident is refused, kindly; a drill still running must be closed first.
 */
export async function deleteDrill(deps: Deps, caller: Caller, command: { incident: number }): Promise<Reply> {
  const locale = callerLocale(deps, caller);
  const seq = command.incident;
  const incident = await deps.store.get(caller.workspace, seq);
  if (!incident) return problem(locale, { key: 'incident.notFound', params: { seq } });
  if (!incident.drill) return problem(locale, { key: 'drill.deleteReal', params: { seq } });
  if (incident.status === 'open') return problem(locale, { key: 'drill.deleteOpen', params: { seq } });
  // Checked again in the same atomic step as the deletion: a drill reopened meanwhile stays.
  const outcome = await deps.store.delete(caller.workspace, seq, deletable);
  if (outcome === 'missing') return problem(locale, { key: 'incident.notFound', params: { seq } });
  if (outcome === 'refused') return problem(locale, { key: 'drill.deleteOpen', params: { seq } });
  await deps.scheduler?.cancel(incident);

  const who = deps.chat.mention(caller.user);
  if (incident.room && incident.room !== caller.room) {
    // The room stays on the platform: say there why calma no longer answers in it. Best effort: the
    // drill is gone whatever the platform says.
    const t = translator(incident.locale, deps.timeZone);
    await deps.chat
      .post(incident.room, { lines: [t('drill.deletedRoom', { seq, who })], tone: 'info' })
      .then(() => (incident.room ? deps.chat.archive(incident.room) : undefined))
      .catch((error: unknown) =>
        deps.log.warn(
          { err: error, seq },
          'could not say in the room that the drill was deleted, or archive it',
        ),
      );
  }
  const t = translator(locale, deps.timeZone);
  return { cards: [{ lines: [t('drill.deleted', { seq, who })], tone: 'success' }] };
}

const deleteUsage = { key: 'drill.deleteUsage' };

/** `delete #3` or `delete 3`: deleting is for good, so the drill is named explicitly, never guessed. */
const drillNumber: Reader = {
  key: 'incident',
  read(input, at) {
    if (input.values.incident !== undefined) return ok(at);
    const token = input.tokens[at] ?? '';
    if (!/^\d{1,9}$/.test(token)) return fail(deleteUsage.key);
    input.values.incident = Number(token);
    return ok(at + 1);
  },
};

export const deleteCommand = defineCommand({
  name: 'delete',
  names: { es: 'borrar', fr: 'supprimer', also: ['eliminar'] },
  args: z.object({ incident: z.number() }),
  read: [drillNumber],
  extra: deleteUsage,
  options: [option.integer('incident', 'drill', { required: true, max: MAX_INCIDENT })],
  usage: () => 'delete #N',
  help: 'drill.helpDelete',
  access: 'anyone',
  run: deleteDrill,
});
