import { rulesCard, stepCard } from '../cards/step';
import { roomTopic, summaryCard } from '../cards/summary';
import type { Card } from '../core/card';
import { attachSummary, currentStep } from '../core/incident';
import type { Incident } from '../core/types';
import { translator } from '../i18n';
import type { Playbook } from '../playbook/schema';
import type { Deps } from './deps';

export function playbookOf(deps: Deps, incident: Incident): Playbook {
  const playbook = deps.playbooks.get(incident.playbook);
  // Playbooks are validated at start-up; one that vanished since the incident opened is an operator error.
  if (!playbook)
    throw new Error(`incident #${incident.seq} uses playbook "${incident.playbook}", which is not loaded`);
  return playbook;
}

/** Posts to the incident room in the incident's language. */
export async function postToRoom(deps: Deps, incident: Incident, card: Card): Promise<void> {
  if (incident.room) await deps.chat.post(incident.room, card);
}

/** Keeps the pinned summary card and the topic in step with the stored state. */
export async function refreshRoom(deps: Deps, incident: Incident): Promise<void> {
  if (!incident.room) return;
  const t = translator(incident.locale);
  const mention = (u: string) => deps.chat.mention(u);
  const card = summaryCard(incident, playbookOf(deps, incident), t, mention);
  await deps.chat.setTopic(incident.room, roomTopic(incident, t, mention));
  if (incident.summary) {
    await deps.chat.update(incident.summary, card);
    return;
  }
  const ref = await deps.chat.post(incident.room, card);
  await deps.chat.pin(ref);
  await deps.store.update(incident.workspace, incident.seq, (current) => ({
    change: attachSummary(current, ref),
  }));
}

/** The card of the step the team is on now, if any step is left. */
export function currentStepCard(deps: Deps, incident: Incident): Card | null {
  const index = currentStep(incident);
  if (index === null) return null;
  const t = translator(incident.locale);
  return stepCard(incident, playbookOf(deps, incident), index, t, (u) => deps.chat.mention(u), deps.minuteMs);
}

export function playbookRulesCard(deps: Deps, incident: Incident): Card {
  return rulesCard(playbookOf(deps, incident), translator(incident.locale));
}
