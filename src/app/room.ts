import { rulesCard, stepCard } from '../cards/step';
import { roomTopic, summaryCard } from '../cards/summary';
import type { Card } from '../core/card';
import { attachSummary, currentStep } from '../core/incident';
import type { Incident } from '../core/types';
import { translator } from '../i18n';
import type { Playbook } from '../playbook/schema';
import type { Deps } from './deps';

export function playbookOf(deps: Pick<Deps, 'playbooks'>, incident: Incident): Playbook {
  const playbook = deps.playbooks.get(incident.playbook);
  // Playbooks are validated at start-up; one that vanished since the incident opened is an operator error.
  if (!playbook)
    throw new Error(`incident #${incident.seq} uses playbook "${incident.playbook}", which is not loaded`);
  return playbook;
}

/** Posts to the incident room in the incident's language. */
export async function postToRoom(deps: Deps, incident: Incident, card: Card): Promise<void> {
  if (incident.room && !incident.archivedAt) await deps.chat.post(incident.room, card);
}

/** How many times a refresh re-reads when the incident changed while its summary was being pushed. */
const REFRESH_ROUNDS = 3;

/**
 * Keeps the pinned summary card and the topic in step with the stored state. Two changes can push
 * their summaries in any order (a slow platform call lands last), so after pushing, the refresh re-reads
 * the incident and pushes again if what is stored now would look different: the last push shows the
 * latest state, whichever process or request makes it.
 */
export async function refreshRoom(deps: Deps, changed: Incident): Promise<void> {
  let incident = changed;
  // An archived room keeps the summary it had: the platform refuses changes there.
  for (let round = 0; round < REFRESH_ROUNDS && incident.room && !incident.archivedAt; round++) {
    const t = translator(incident.locale, deps.timeZone);
    const mention = (u: string) => deps.chat.mention(u);
    const card = summaryCard(incident, playbookOf(deps, incident), t, mention, cardTime(deps));
    await deps.chat.setTopic(incident.room, roomTopic(incident, t, mention));
    if (incident.summary) {
      await deps.chat.update(incident.summary, card);
    } else {
      const ref = await deps.chat.post(incident.room, card);
      await deps.chat.pin(ref);
      await deps.store.update(incident.workspace, incident.seq, (current) => ({
        change: attachSummary(current, ref),
      }));
    }
    const latest = await deps.store.get(incident.workspace, incident.seq);
    // What was pushed still shows what is stored (the summary's own message ref aside): done.
    if (!latest || sameState(latest, incident)) return;
    incident = latest;
  }
}

function sameState(a: Incident, b: Incident): boolean {
  return JSON.stringify({ ...a, summary: null }) === JSON.stringify({ ...b, summary: null });
}

/** The card of the step the team is on now, if any step is left. */
export function currentStepCard(deps: Deps, incident: Incident): Card | null {
  const index = currentStep(incident);
  if (index === null) return null;
  const t = translator(incident.locale, deps.timeZone);
  return stepCard(
    incident,
    playbookOf(deps, incident),
    index,
    t,
    (u) => deps.chat.mention(u),
    cardTime(deps),
    { lockdown: deps.chat.lockdown !== undefined },
  );
}

export function playbookRulesCard(deps: Deps, incident: Incident): Card {
  return rulesCard(playbookOf(deps, incident), translator(incident.locale, deps.timeZone));
}

/** Cards are drawn at the deps' clock and minute length. */
export const cardTime = (deps: Deps) => ({ now: deps.clock.now().getTime(), minuteMs: deps.minuteMs });
