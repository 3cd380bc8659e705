import { rulesCard, stepCard } from '../cards/step';
import { roomTopic, summaryCard } from '../cards/summary';
import type { Card } from '../core/card';
import { attachSummary, currentStep } from '../core/incident';
import type { Incident } from '../core/types';
import { translator } from '../i18n';
import type { Playbook } from '../playbook/schema';
import type { PostOnce } from '../ports/chat';
import type { Deps } from './deps';
import { writeChanged } from './platform-writes';

export function playbookOf(deps: Pick<Deps, 'playbooks'>, incident: Incident): Playbook {
  const playbook = deps.playbooks.get(incident.playbook);
  // Playbooks are validated at start-up; one that vanished since the incident opened is an operator error.
  if (!playbook)
    throw new Error(`incident #${incident.seq} uses playbook "${incident.playbook}", which is not loaded`);
  return playbook;
}

/** Posts to the incident room in the incident's language. */
export async function postToRoom(deps: Deps, incident: Incident, card: Card, once?: PostOnce): Promise<void> {
  if (incident.room && !incident.archivedAt) await deps.chat.post(incident.room, card, once);
}

/** How many rounds a refresh waits for when the incident keeps changing while its summary is pushed. */
const REFRESH_ROUNDS = 3;

/**
 * Changes landing while an incident's room is being refreshed are written together, in one round that
 * starts once the one under way is done and at least this long after it began: one second of playbook
 * time (a second, unless CALMA_MINUTE_MS shortens minutes, as tests and drills do).
 */
export const refreshWindowMs = (deps: Pick<Deps, 'minuteMs'>): number => deps.minuteMs / 60;

/** One refresh of the room: after it, `followUp` when the stored incident had changed meanwhile. */
interface Round {
  followUp: Promise<Round> | null;
}

/** An incident's refreshes in this process: the round under way, and the one waiting to start. */
interface Lane {
  running: Promise<Round> | null;
  startedAt: number;
  next: Promise<Round> | null;
  /** Drops the lane once idle: nothing is kept per incident between bursts. */
  forget(): void;
}

/** Per chat platform (one per process and platform), per incident. */
const lanes = new WeakMap<object, Map<string, Lane>>();

/**
 * Keeps the pinned summary card and the topic in step with the stored state, with no platform call
 * that changes nothing:
 *
 * - each write is skipped when its target is known to show that content already (`writeChanged`: a
 *   digest of what was written, kept with the incident, shared by every process);
 * - a change that lands while a refresh of the incident is under way joins the next round, which writes
 *   whatever is stored when it starts, once the round before is done and at least a second
 *   (`refreshWindowMs`) after it began: a burst of changes makes two writes, the second with the final
 *   state. A change with no refresh under way is written at once: only bursts wait, up to a second.
 *
 * Two changes can push their summaries in any order (a slow platform call lands last, another process
 * pushes an older state), so after pushing, a round re-reads the incident and, if what is stored now
 * would look different, another round pushes it: the last push shows the latest state. The caller
 * waits for the round that shows its change, and for up to REFRESH_ROUNDS rounds in all.
 */
export async function refreshRoom(deps: Deps, changed: Incident, takeOver?: Date): Promise<void> {
  if (!showsRoom(changed)) return;
  const lane = laneOf(deps, changed);
  let round =
    lane.running || lane.next
      ? nextRound(deps, lane, changed)
      : startRound(deps, lane, changed, changed, takeOver);
  for (let rounds = 1; ; rounds++) {
    const { followUp } = await round;
    if (!followUp || rounds >= REFRESH_ROUNDS) return;
    round = followUp;
  }
}

/** An archived room keeps the summary it had: the platform refuses changes there. */
const showsRoom = (incident: Incident): boolean => Boolean(incident.room && !incident.archivedAt);

function laneOf(deps: Deps, incident: Incident): Lane {
  let byIncident = lanes.get(deps.chat);
  if (!byIncident) {
    byIncident = new Map();
    lanes.set(deps.chat, byIncident);
  }
  const home = byIncident;
  const key = `${incident.workspace}\n${incident.seq}`;
  const found = home.get(key);
  if (found) return found;
  const lane: Lane = {
    running: null,
    startedAt: 0,
    next: null,
    forget: () => {
      if (!lane.running && !lane.next && home.get(key) === lane) home.delete(key);
    },
  };
  home.set(key, lane);
  return lane;
}

/** Pushes `incident` (or, when null, what is stored as the round starts), then re-reads. */
function startRound(
  deps: Deps,
  lane: Lane,
  of: Incident,
  incident: Incident | null,
  takeOver?: Date,
): Promise<Round> {
  lane.startedAt = performance.now();
  const round = (async (): Promise<Round> => {
    const shown = incident ?? (await deps.store.get(of.workspace, of.seq));
    if (!shown || !showsRoom(shown)) return { followUp: null };
    await pushRoom(deps, shown, takeOver);
    const latest = await deps.store.get(of.workspace, of.seq);
    // What was pushed still shows what is stored (the summary's own message ref aside): done.
    if (!latest || sameState(latest, shown)) return { followUp: null };
    return { followUp: nextRound(deps, lane, latest) };
  })();
  lane.running = round;
  const settled = () => {
    if (lane.running === round) lane.running = null;
    lane.forget();
  };
  round.then(settled, settled);
  return round;
}

/** The round waiting to start, which every change meanwhile joins. */
function nextRound(deps: Deps, lane: Lane, of: Incident): Promise<Round> {
  if (lane.next) return lane.next;
  const next = (async (): Promise<Round> => {
    await lane.running?.then(
      () => {},
      () => {},
    );
    const wait = lane.startedAt + refreshWindowMs(deps) - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    lane.next = null;
    return startRound(deps, lane, of, null);
  })();
  lane.next = next;
  // A round nobody waits for any more (past REFRESH_ROUNDS, or after another process's change) still
  // runs; its failure is logged here, and reaches whoever does wait for it.
  next.catch((error: unknown) => {
    deps.log.warn({ err: error, workspace: of.workspace, seq: of.seq }, 'room refresh failed');
  });
  return next;
}

/**
 * Sets the topic and the pinned summary (posting and pinning it the first time), skipping what is shown.
 * `takeOver`: a run of an open that died began then, and may have posted the summary without saving it.
 */
async function pushRoom(deps: Deps, incident: Incident, takeOver?: Date): Promise<void> {
  const room = incident.room;
  if (!room) return;
  const t = translator(incident.locale, deps.timeZone);
  const mention = (u: string) => deps.chat.mention(u);
  const card = summaryCard(incident, playbookOf(deps, incident), t, mention, cardTime(deps));
  const topic = roomTopic(incident, t, mention);
  const summary = incident.summary;
  await writeChanged(deps, incident, [
    { target: 'topic', content: [room, topic], run: () => deps.chat.setTopic(room, topic) },
    ...(summary
      ? [{ target: 'summary', content: [summary, card], run: () => deps.chat.update(summary, card) }]
      : []),
  ]);
  if (summary) return;
  const ref = await deps.chat.post(room, card, {
    key: `${incident.seq}.summary`,
    ...(takeOver ? { since: takeOver } : {}),
  });
  await deps.chat.pin(ref);
  await deps.store.update(incident.workspace, incident.seq, (current) => ({
    change: attachSummary(current, ref),
  }));
  // The summary just posted shows this card: the next refresh drawing the same skips its update.
  await writeChanged(deps, incident, [{ target: 'summary', content: [ref, card], run: async () => {} }]);
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
