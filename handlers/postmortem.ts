import { z } from 'zod';
import { defineCommand, incidentArg, option } from '../src/app/command';
import type { Caller, Deps, Reply } from '../src/app/deps';
import { callerLocale, problem } from '../src/app/mutate';
import { CHART_FILENAME, postmortemId, renderPostmortem, renderTimelineChart } from '../src/app/postmortem';
import { targetIncident } from '../src/app/target';
import type { Incident } from '../src/core/types';
import { translator } from '../src/i18n';

/**
 * `/crisis postmortem [#N]`: the postmortem as it stands, shared as a Markdown file in the incident
 * room (closing shares it too). It can be regenerated any time: after follow-ups, late evidence, a reopen.
 */
export async function postmortem(deps: Deps, caller: Caller, command: { incident?: number }): Promise<Reply> {
  const target = await targetIncident(deps, caller, command.incident);
  if (!target.ok) return problem(callerLocale(deps, caller), target.error);
  const incident = target.value;
  if (!incident.room)
    return problem(callerLocale(deps, caller), { key: 'postmortem.noRoom', params: { seq: incident.seq } });
  await sharePostmortem(deps, incident);
  const t = translator(incident.locale, deps.timeZone);
  return {
    cards: [
      { lines: [t('postmortem.shared', { seq: incident.seq, id: postmortemId(incident) })], tone: 'success' },
    ],
  };
}

/** Renders the postmortem and shares it in the room as `postmortem-<workspace>-<seq>.md`, with its chart. */
export async function sharePostmortem(deps: Deps, incident: Incident): Promise<void> {
  if (!incident.room) return;
  const t = translator(incident.locale, deps.timeZone);
  await deps.chat.uploadFile(incident.room, {
    filename: `postmortem-${postmortemId(incident)}.md`,
    title: t('postmortem.fileTitle', { seq: incident.seq, title: incident.title }),
    content: await renderPostmortem(deps, incident),
    comment: t('postmortem.fileComment'),
    // Beside it, under the name its Markdown links to. An SVG: chat shows no preview of it (no PNG:
    // that would take a rasteriser); it opens in any browser, and its description says the data in words.
    attachments: [
      {
        filename: CHART_FILENAME,
        title: t('chart.title', { seq: incident.seq, title: incident.title }),
        content: await renderTimelineChart(deps, incident),
      },
    ],
  });
}

export const postmortemCommand = defineCommand({
  name: 'postmortem',
  names: { es: 'informe', fr: 'retex', also: ['bilan'] },
  args: z.object({ incident: incidentArg }),
  options: [option.incident()],
  usage: () => 'postmortem',
  help: 'help.postmortem',
  access: 'anyone',
  run: postmortem,
});
