import { timelineChart } from '../cards/chart';
import { CHART_FILENAME, postmortemMarkdown } from '../cards/postmortem';
import type { Incident } from '../core/types';
import { translator } from '../i18n';
import type { Deps } from './deps';
import { playbookOf } from './room';

type ReportDeps = Pick<Deps, 'store' | 'playbooks' | 'policy' | 'minuteMs' | 'timeZone'>;

/** What the postmortem and its chart are both drawn from, as stored now, in the incident's language. */
async function reportInput(deps: ReportDeps, incident: Incident) {
  return {
    incident,
    timeline: await deps.store.timeline(incident.workspace, incident.seq),
    playbook: playbookOf(deps, incident),
    policy: deps.policy,
    minuteMs: deps.minuteMs,
    t: translator(incident.locale, deps.timeZone),
  };
}

/** The incident's postmortem as Markdown, in its language, from what is stored now. */
export async function renderPostmortem(deps: ReportDeps, incident: Incident): Promise<string> {
  return postmortemMarkdown({
    ...(await reportInput(deps, incident)),
    // A file is read outside the chat, where platform mentions do not render: plain ids.
    person: (user) => `@${user}`,
  });
}

/** `postmortem-T0ACME-42.md`: the name of the file, and the id the read API serves it under. */
export const postmortemId = (incident: Pick<Incident, 'workspace' | 'seq'>): string =>
  `${incident.workspace}-${incident.seq}`;

export { CHART_FILENAME };

/** The incident's timeline chart (SVG), in its language and the team's zone, as of now. */
export async function renderTimelineChart(
  deps: ReportDeps & Pick<Deps, 'clock'>,
  incident: Incident,
): Promise<string> {
  return timelineChart({ ...(await reportInput(deps, incident)), now: deps.clock.now() });
}
