import { z } from 'zod';
import { defineCommand, incidentArg, option } from '../src/app/command';
import type { Caller, Deps, Reply } from '../src/app/deps';
import { announce, callerLocale, mutateIncident, problem } from '../src/app/mutate';
import { link, text, unwrapLink } from '../src/core/command';
import { addEvidence, MAX_EVIDENCE_NOTE } from '../src/core/incident';
import { translator } from '../src/i18n';

/**
 * `/crisis evidence <url> [note]`: keeps a link to what was posted in public, with who logged it and
 * when, for the postmortem (and lawyers) before the post can be deleted. Messages inside the chat are
 * kept with the pushpin reaction or the "Add to crisis evidence" shortcut (handlers/capture.ts).
 */
export async function evidence(
  deps: Deps,
  caller: Caller,
  command: { incident?: number; url: string; note: string },
): Promise<Reply> {
  const result = await mutateIncident(deps, caller, command.incident, (incident, now) =>
    addEvidence(incident, { url: command.url, note: command.note }, caller.user, now),
  );
  if (!result.ok) return problem(callerLocale(deps, caller), result.error);
  const t = translator(result.value.locale, deps.timeZone);
  return announce(deps, caller, result.value, [
    {
      lines: [
        t('evidence.added', { seq: result.value.seq, who: deps.chat.mention(caller.user), url: command.url }),
      ],
      ...(command.note.trim() ? { context: command.note.trim() } : {}),
      tone: 'success',
    },
  ]);
}

export const evidenceCommand = defineCommand({
  name: 'evidence',
  names: { es: 'prueba', fr: 'preuve', also: ['evidencia'] },
  args: z.object({ incident: incidentArg, url: z.string(), note: z.string().default('') }),
  read: [link('url', { key: 'evidence.usage' }), text('note', 'kept')],
  options: [
    option.string('url', 'url', { required: true, max: 2000, read: (v) => unwrapLink(String(v)) }),
    option.string('note', 'evidenceNote', { max: MAX_EVIDENCE_NOTE }),
    option.incident(),
  ],
  usage: (a) => `evidence <${a('link')}> [${a('note')}]`,
  help: 'help.evidence',
  access: 'anyone',
  run: evidence,
});
