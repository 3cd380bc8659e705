import { z } from 'zod';
import { refreshAnnouncement } from '../src/app/announcement';
import { defineCommand, incidentArg, option } from '../src/app/command';
import type { Caller, Deps, Reply } from '../src/app/deps';
import { announce, callerLocale, mutateIncident, problem } from '../src/app/mutate';
import { playbookOf } from '../src/app/room';
import { targetIncident } from '../src/app/target';
import { drillReportCard } from '../src/cards/drill';
import type { Card } from '../src/core/card';
import { text } from '../src/core/command';
import { drillReport } from '../src/core/drill-report';
import { openFollowups } from '../src/core/followup';
import { closeIncident, MAX_RESOLUTION_CHARS } from '../src/core/incident';
import type { Incident } from '../src/core/types';
import { translator } from '../src/i18n';
import { sharePostmortem } from './postmortem';

/**
 * `/crisis close [resolution]`: resolves the incident. Without text, a form asks how it ended and
 * whether the public got a final update. Reminders stop (their jobs are removed), the summary, topic and
 * announcement say it is resolved.
 */
export async function close(
  deps: Deps,
  caller: Caller,
  command: { incident?: number; resolution: string; finalUpdate?: boolean },
): Promise<Reply> {
  if (!command.resolution.trim()) return closeForm(deps, caller, command.incident);
  const result = await mutateIncident(deps, caller, command.incident, (incident, now) =>
    closeIncident(
      incident,
      // Typed inline, "the public got a final update" means a statement went out.
      { resolution: command.resolution, finalUpdate: command.finalUpdate ?? hasPublished(incident) },
      caller.user,
      now,
    ),
  );
  if (!result.ok) return problem(callerLocale(deps, caller), result.error);
  const incident = result.value;
  // Cancelling removes every queued job; the follow-ups' reminders outlive the incident: queue them again.
  await deps.scheduler?.cancel(incident);
  await deps.scheduler?.sync(incident);
  await refreshAnnouncement(deps, incident);
  const t = translator(incident.locale, deps.timeZone);
  const lines = [
    t('close.closed', { seq: incident.seq, who: deps.chat.mention(caller.user) }),
    incident.resolution ?? '',
  ];
  const finalUpdate = command.finalUpdate ?? hasPublished(incident);
  if (!finalUpdate) lines.push(t('close.noFinalUpdate'));
  const waiting = (incident.statements ?? []).filter((s) => s.status !== 'published').map((s) => `S${s.n}`);
  if (waiting.length > 0) lines.push(t('close.unpublished', { statements: waiting.join(', ') }));
  const followups = openFollowups(incident).map((f) => `F${f.n}`);
  if (followups.length > 0) lines.push(t('followup.stillOpen', { followups: followups.join(', ') }));
  lines.push(t('close.reopenHint', { seq: incident.seq }));
  const card: Card = { lines, tone: finalUpdate && waiting.length === 0 ? 'success' : 'warning' };
  // A drill ends with its report: what was done on time, late or never.
  const reply = await announce(deps, caller, incident, [card, ...drillReportCards(deps, incident)]);
  try {
    await sharePostmortem(deps, incident);
  } catch (error) {
    // Closing is done and recorded; the file can be shared again with /crisis postmortem.
    deps.log.warn({ err: error, incident: incident.seq }, 'could not share the postmortem');
    reply.cards.push({ lines: [t('postmortem.notShared', { seq: incident.seq })], tone: 'warning' });
  }
  return reply;
}

async function closeForm(deps: Deps, caller: Caller, seq?: number): Promise<Reply> {
  const target = await targetIncident(deps, caller, seq);
  if (!target.ok) return problem(callerLocale(deps, caller), target.error);
  const incident = target.value;
  if (incident.status !== 'open') {
    return problem(callerLocale(deps, caller), { key: 'close.already', params: { seq: incident.seq } });
  }
  const t = translator(incident.locale, deps.timeZone);
  return {
    cards: [],
    form: {
      submit: { kind: 'close', args: [String(incident.seq)] },
      title: t('close.formTitle', { seq: incident.seq }),
      fields: [
        {
          id: 'resolution',
          label: t('close.resolution'),
          type: 'longtext',
          placeholder: t('close.placeholder'),
        },
        {
          id: 'finalUpdate',
          label: t('close.finalUpdate'),
          type: 'checkbox',
          placeholder: t('close.finalUpdateYes'),
          initial: String(hasPublished(incident)),
        },
      ],
    },
  };
}

/** A closed drill's report card (none for a real incident). */
function drillReportCards(deps: Deps, incident: Incident): Card[] {
  if (!incident.drill) return [];
  const playbook = playbookOf(deps, incident);
  const clock = deps.playbooks.clock(incident) ?? playbook;
  const report = drillReport(incident, clock, deps.minuteMs);
  return [drillReportCard(incident, playbook, report, translator(incident.locale, deps.timeZone))];
}

const hasPublished = (incident: Incident) =>
  (incident.statements ?? []).some((s) => s.status === 'published');

export const closeCommand = defineCommand({
  name: 'close',
  names: { es: 'cerrar', fr: 'clore', also: ['clôturer', 'fermer'] },
  // Empty: the handler answers with the form (how it ended, whether the public got a final update).
  args: z.object({ incident: incidentArg, resolution: z.string().default('') }),
  read: [text('resolution', 'kept')],
  options: [option.string('resolution', 'resolution', { max: MAX_RESOLUTION_CHARS }), option.incident()],
  usage: (a) => `close [${a('resolution')}]`,
  help: 'help.close',
  access: 'anyone',
  run: close,
});
