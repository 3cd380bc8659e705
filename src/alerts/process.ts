import { createHash, randomBytes } from 'node:crypto';
import type { Deps } from '../app/deps';
import { openIncidentRoom } from '../app/open-incident';
import { postToRoom } from '../app/room';
import {
  alertAgainCard,
  alertDigestCard,
  alertOpenedCard,
  alertResolvedCard,
  DIGEST_PAGE,
  digestGroupsCard,
  digestLabels,
  type PlaybookChoice,
  stormDigestCard,
  triageCard,
} from '../cards/alert';
import { local } from '../cards/format';
import type { Alert, AlertNote } from '../core/alert';
import { type AlertRoute, type RouteDecision, routeAlert } from '../core/alert-route';
import type { Card } from '../core/card';
import { MAX_TITLE } from '../core/incident';
import { CALMA_USER, type Incident, type TimelineEntry } from '../core/types';
import { translator } from '../i18n';
import {
  type AlertKeys,
  type AlertLink,
  type AlertStore,
  type DigestPage,
  incidentLink,
  pendingLink,
  stormLink,
  type TriageAlert,
  type TriageCard,
  triageLink,
} from '../ports/alert-store';
import type { AlertJob } from './intake';

/**
 * What happens to one alert once the door has accepted it: route it, then either add it to the incident
 * or triage card its group already has, or open an incident / post a triage card for the group. Repeats
 * go on the timeline; chat hears about them at most once per group window (docs/alerts.md).
 */

/** How an alert group's links are kept: a month after their last alert (an open incident re-checks). */
export const LINK_TTL_MS = 30 * 24 * 3600_000;
/** A claim while an incident or card is being created; a crashed job's claim frees itself after this. */
const PENDING_TTL_MS = 2 * 60_000;
/** How long a repeat waits for its group's incident or card to be created before the job is retried. */
const WAIT_MS = 30_000;
/** How soon a repeat looks again while its group's incident or card is being created: doubling to the max. */
const WAIT_POLL_FIRST_MS = 5;
const WAIT_POLL_MAX_MS = 200;
/** A triage "Open" that has not finished after this long (a crashed process) can be pressed again. */
export const OPENING_STALE_MS = 2 * 60_000;
/** Alerts kept on a triage card for the timeline of the incident it may become: the first and the latest. */
const TRIAGE_ALERTS_KEPT = 20;
/** Group and dedup keys a triage card remembers (more still find it, through the first ones). */
const TRIAGE_KEYS_KEPT = 50;
/** Playbook buttons on a triage card without a routed playbook (plus Dismiss: Discord's 5 per row). */
const PLAYBOOK_CHOICES = 4;
/**
 * A storm digest is redrawn at most once per this long (real ms): the first change queues the redraw,
 * the changes until it runs ride along. About Slack's pace for updating one message.
 */
export const DIGEST_REDRAW_MS = 1000;
/** A queued redraw that never ran (its process died before queuing it) stops blocking the next after this. */
const DIGEST_QUEUED_TTL_MS = 60_000;
/** The redraw lock: a redraw that has not let go after this long (a crashed process) is over. */
const DIGEST_LOCK_MS = 30_000;
/** Redraws a person's press (open, dismiss) does itself while alerts keep changing the digest. */
const DIGEST_PRESS_REDRAWS = 3;

export interface AlertSettings {
  /** The workspace incidents open in (resolved once: in Slack it may take a Web API call). */
  workspace: () => Promise<string>;
  routes: AlertRoute[];
  /** Where triage cards go; null: nowhere (each such alert is logged). */
  triageChannel: string | null;
  /** `alerts.group_window`, in playbook minutes (`deps.minuteMs` each). */
  groupWindow: number;
  /**
   * `alerts.storm`: past `groups` new alert groups within `window` playbook minutes, the next groups of
   * that window go on one digest card instead of a triage card each. Absent or null: every group gets
   * its own card.
   */
  storm?: { groups: number; window: number } | null;
}

/** At the end of a group's message window: say how many alerts were held back (or redraw the card). */
export interface DigestJob {
  workspace: string;
  /** `incident:<seq>` or `triage:<id>`; `storm:<id>`: redraw a storm's digest card (no group, no title). */
  target: AlertLink;
  group: string;
  /** The group's name in the digest: the title of the alert that started holding back. */
  title: string;
}

export interface AlertDesk {
  deps: Deps;
  alerts: AlertStore;
  settings: AlertSettings;
  /** Queues a digest to run in `delayMs` (the first alert held back in a window queues it, once). */
  digest(job: DigestJob, delayMs: number): Promise<void>;
}

export type AlertOutcome =
  | { kind: 'ignored' }
  | { kind: 'opened'; seq: number }
  | { kind: 'triaged'; id: string }
  | { kind: 'added'; seq: number }
  | { kind: 'added-to-triage'; id: string }
  /** Resolved with nothing open for it, or triage with nowhere to post: nothing to do. */
  | { kind: 'dropped'; reason: string };

export const groupWindowMs = (desk: Pick<AlertDesk, 'deps' | 'settings'>) =>
  desk.settings.groupWindow * desk.deps.minuteMs;

/** The message window of one alert group in one incident or triage card. */
export const windowScope = (target: AlertLink, group: string) => `${target}|${group}`;

/** The timeline entry of an alert (by calma: not a human acknowledgement in the postmortem's metrics). */
export function alertEntry(alert: Alert, at: string, opening = false): TimelineEntry {
  return {
    kind: 'alert',
    source: alert.source,
    status: alert.status,
    title: alert.title,
    url: alert.url,
    dedupKey: alert.dedupKey,
    ...(opening ? { opening: true } : {}),
    by: CALMA_USER,
    at,
  };
}

/**
 * An alert's group and dedup keys as calma links them: scoped by source, since each source makes its
 * own (an Alertmanager group and a Grafana group both keyed `{}:{alertname="X"}` are two groups).
 */
export const keysOf = (alert: Pick<Alert, 'source' | 'groupKey' | 'dedupKey'>): AlertKeys => ({
  group: `${alert.source}|${alert.groupKey}`,
  dedup: `${alert.source}|${alert.dedupKey}`,
});

/** Processes one queued alert. `id` is the job's id: its claim token while it creates something. */
export async function processAlert(desk: AlertDesk, job: AlertJob, id: string): Promise<AlertOutcome> {
  const { deps, alerts, settings } = desk;
  const { alert } = job;
  const decision = routeAlert(alert, settings.routes);
  if (decision.action === 'ignore') {
    deps.log.info(
      { alert: alert.dedupKey, source: alert.source, rule: decision.rule },
      'alert ignored by route',
    );
    return { kind: 'ignored' };
  }
  const workspace = await settings.workspace();
  if (alert.note) return addNote(desk, workspace, alert, alert.note);
  const keys = keysOf(alert);
  const token = pendingLink(id);
  const stale: AlertLink[] = [];
  const deadline = Date.now() + WAIT_MS;
  for (let waits = 0; ; ) {
    const live = await alerts.claim(workspace, keys, token, stale, PENDING_TTL_MS);
    if (live === null) break;
    const added = await addToLive(desk, workspace, live, job);
    if (added === 'stale') {
      stale.push(live);
      continue;
    }
    if (added !== 'wait') {
      // Keys of this alert not linked yet (a new dedup key in the group) now point where the group is.
      await alerts.relink(workspace, [keys], ['', live, token, ...stale], live, LINK_TTL_MS);
      return added;
    }
    if (Date.now() > deadline)
      throw new Error(`alert group ${alert.groupKey} is still being opened (${live})`);
    // A triage card is there in a few ms, an incident's room in a second or more: poll soon, then less.
    await sleep(Math.min(WAIT_POLL_MAX_MS, WAIT_POLL_FIRST_MS * 2 ** waits++) * (0.5 + Math.random()));
  }

  // This job holds the group's claim: it creates what the route says, then links the group to it.
  try {
    const outcome = await createFor(desk, workspace, job, decision, id);
    const link =
      outcome.kind === 'opened'
        ? incidentLink(outcome.seq)
        : outcome.kind === 'triaged'
          ? triageLink(outcome.id)
          : null;
    await alerts.relink(workspace, [keys], [token], link, LINK_TTL_MS);
    return outcome;
  } catch (error) {
    await alerts.relink(workspace, [keys], [token], null, 0);
    throw error;
  }
}

/** `id`: the job's id, the same on each of its runs (a retry, or a take-over when its process died). */
async function createFor(
  desk: AlertDesk,
  workspace: string,
  job: AlertJob,
  decision: RouteDecision,
  id: string,
): Promise<AlertOutcome> {
  const { alert } = job;
  // A resolved alert with nothing open for it: nothing to open, nothing to ask.
  if (alert.status === 'resolved') return { kind: 'dropped', reason: 'resolved' };
  if (decision.action === 'open') {
    const playbook = decision.playbook ? desk.deps.playbooks.get(decision.playbook) : undefined;
    if (playbook) return openFromAlert(desk, workspace, job, decision, playbook.id, id);
    // Checked at start-up; a playbook that vanished since is an operator error: a person decides instead.
    desk.deps.log.error(
      { playbook: decision.playbook },
      'alert route names an unknown playbook: triage instead',
    );
    return postTriage(desk, workspace, job, { ...decision, playbook: null }, id);
  }
  const known = decision.playbook && desk.deps.playbooks.get(decision.playbook);
  return postTriage(desk, workspace, job, known ? decision : { ...decision, playbook: null }, id);
}

/**
 * A note about an alert calma already has (a PagerDuty annotation): on the timeline of the open incident
 * its keys are linked to, directly or through the triage card it was opened from; else dropped.
 */
async function addNote(
  desk: AlertDesk,
  workspace: string,
  alert: Alert,
  note: AlertNote,
): Promise<AlertOutcome> {
  const { deps, alerts } = desk;
  const [kind, id = ''] = splitLink((await alerts.linked(workspace, keysOf(alert))) ?? '');
  const card = kind === 'triage' ? await alerts.triage(workspace, id) : null;
  const seq = kind === 'incident' ? Number(id) : card?.opened?.seq;
  if (seq === undefined || !Number.isSafeInteger(seq))
    return { kind: 'dropped', reason: 'no incident for the note' };
  const at = deps.clock.now().toISOString();
  const stored = await deps.store.update(workspace, seq, (incident) => {
    if (incident.status !== 'open') return { incident };
    const t = translator(incident.locale, deps.timeZone);
    const source = t(`alerts.source.${alert.source}`);
    const from = note.by ? `${source} (${note.by})` : source;
    const text = t(note.kind === 'annotation' ? 'alerts.noteFrom' : 'alerts.statusUpdateFrom', {
      from,
      text: note.text,
    });
    return { incident, change: { incident, events: [{ kind: 'note', text, by: CALMA_USER, at }] } };
  });
  if (!stored?.change) return { kind: 'dropped', reason: 'the incident is closed' };
  return { kind: 'added', seq };
}

/** Opens an incident for the alert, as calma, with the routed playbook and severity. */
async function openFromAlert(
  desk: AlertDesk,
  workspace: string,
  job: AlertJob,
  decision: RouteDecision,
  playbookId: string,
  jobId: string,
): Promise<AlertOutcome> {
  const { deps, alerts } = desk;
  const { alert } = job;
  const playbook = deps.playbooks.get(playbookId);
  if (!playbook) throw new Error(`playbook ${playbookId} is not loaded`);
  const now = deps.clock.now();
  // The job's id as the request: its retry resumes the incident it opened instead of opening another.
  const request = `alert:${jobId}`;
  const opened = await openIncidentRoom(
    deps,
    { workspace, user: CALMA_USER, room: desk.settings.triageChannel ?? '', request },
    {
      playbook,
      title: incidentTitle(alert),
      severity: decision.severity,
      timeline: [alertEntry(alert, now.toISOString(), true)],
      cards: [alertOpenedCard(alert, translator(deps.locale, deps.timeZone), desk.settings.groupWindow)],
    },
  );
  if (!opened.ok)
    throw new Error(`could not open an incident for alert ${alert.dedupKey}: ${opened.error.key}`);
  const incident = opened.value;
  const target = incidentLink(incident.seq);
  await alerts.statusChanged(workspace, target, keysOf(alert).dedup, alert.status);
  await alerts.note(workspace, windowScope(target, keysOf(alert).group), now.getTime(), groupWindowMs(desk));
  deps.log.info(
    { seq: incident.seq, alert: alert.dedupKey, rule: decision.rule },
    'alert opened an incident',
  );
  return { kind: 'opened', seq: incident.seq };
}

/** An incident title from an alert: its own, within the summary card's limit. */
export function incidentTitle(alert: Alert): string {
  const title = alert.title.trim() || `${alert.source} ${alert.dedupKey}`;
  return title.length > MAX_TITLE ? `${title.slice(0, MAX_TITLE - 1)}…` : title;
}

/**
 * Posts a triage card for the alert in the triage channel. The card's id comes from the job's, so a run
 * of the job again (its process died, or a platform call failed) finds the card it began: it adds the
 * group to a storm digest once, and posts the card once (`PostOnce`: the card may be posted and not yet
 * recorded when the process died).
 */
async function postTriage(
  desk: AlertDesk,
  workspace: string,
  job: AlertJob,
  decision: RouteDecision,
  jobId: string,
): Promise<AlertOutcome> {
  const { deps, alerts, settings } = desk;
  const { alert } = job;
  const channel = settings.triageChannel;
  if (!channel) {
    deps.log.warn(
      { alert: alert.dedupKey, title: alert.title },
      'alert routed to triage, but there is no triage channel (alerts.triage_channel or channels.announcements)',
    );
    return { kind: 'dropped', reason: 'no triage channel' };
  }
  const id = triageIdOf(jobId);
  const begun = await alerts.triage(workspace, id);
  if (begun && begun.alerts[0]?.receivedAt !== job.receivedAt)
    throw new Error(`triage card ${id} belongs to another alert job than ${jobId}`);
  const card = begun ?? (await newTriage(desk, workspace, channel, job, decision, id));
  const now = new Date(card.createdAt);
  if (card.digest) {
    // A storm: the group goes on the window's digest card, which is redrawn (or first posted) shortly.
    await alerts.addDigestGroup(workspace, card.digest.id, {
      triage: card.id,
      n: card.digest.n,
      title: alert.title,
      source: alert.source,
      labels: digestLabels(alert),
      playbook: decision.playbook,
    });
    await touchDigest(desk, workspace, card.digest.id);
    deps.log.debug(
      { triage: card.id, digest: card.digest.id, alert: alert.dedupKey },
      'alert group on the storm digest',
    );
    return { kind: 'triaged', id: card.id };
  }
  if (!card.card) {
    const ref = await deps.chat.post(channel, renderTriage(deps, card), {
      key: `triage.${card.id}`,
      ...(begun ? { since: now } : {}),
    });
    await alerts.updateTriage(workspace, card.id, (current) => ({
      card: { ...current, card: ref },
      result: null,
    }));
  }
  const target = triageLink(card.id);
  await alerts.statusChanged(workspace, target, keysOf(alert).dedup, alert.status);
  await alerts.note(workspace, windowScope(target, keysOf(alert).group), now.getTime(), groupWindowMs(desk));
  deps.log.info({ triage: card.id, alert: alert.dedupKey, rule: decision.rule }, 'alert posted for triage');
  return { kind: 'triaged', id: card.id };
}

/** A triage card's id from its alert job's id: 10 hex digits, as random ones were. */
const triageIdOf = (jobId: string): string => createHash('sha256').update(jobId).digest('hex').slice(0, 10);

/** Stores the triage card of a new group (on the storm's digest when there is one). */
async function newTriage(
  desk: AlertDesk,
  workspace: string,
  channel: string,
  job: AlertJob,
  decision: RouteDecision,
  id: string,
): Promise<TriageCard> {
  const now = desk.deps.clock.now();
  const digest = await stormDigest(desk, workspace, channel, now);
  const card: TriageCard = {
    id,
    workspace,
    status: 'pending',
    createdAt: now.toISOString(),
    route: { playbook: decision.playbook, severity: decision.severity, rule: decision.rule },
    alerts: [{ ...job.alert, receivedAt: job.receivedAt }],
    count: 1,
    lastAt: now.toISOString(),
    keys: [keysOf(job.alert)],
    windowMinutes: desk.settings.groupWindow,
    ...(digest ? { digest } : {}),
  };
  await desk.alerts.createTriage(card);
  return card;
}

/**
 * The storm rule for a new group: the digest it goes on (with its number in the window), or null when
 * it gets its own card (no rule, or fewer groups than the rule's in this window so far).
 */
async function stormDigest(
  desk: AlertDesk,
  workspace: string,
  channel: string,
  now: Date,
): Promise<{ id: string; n: number } | null> {
  const storm = desk.settings.storm;
  if (!storm) return null;
  const counted = await desk.alerts.stormGroup(workspace, now.getTime(), storm.window * desk.deps.minuteMs, {
    id: randomBytes(5).toString('hex'),
    workspace,
    channel,
    threshold: storm.groups,
    windowMinutes: storm.window,
  });
  return counted.digest ? { id: counted.digest, n: counted.n } : null;
}

/** A digest changed: its redraw is queued unless one is already (then this change rides along). */
async function touchDigest(desk: AlertDesk, workspace: string, id: string): Promise<void> {
  if (await desk.alerts.touchDigest(workspace, id, DIGEST_QUEUED_TTL_MS))
    await queueRedraw(desk, workspace, id);
}

const queueRedraw = (desk: AlertDesk, workspace: string, id: string) =>
  desk.digest({ workspace, target: stormLink(id), group: '', title: '' }, DIGEST_REDRAW_MS);

/**
 * Draws a storm's digest card as it is now: posts it the first time, then updates it in place. One redraw
 * at a time (a lock in Redis), so an older picture never lands after a newer one. True when the digest
 * changed while it was drawn (someone must draw it again); false when it is up to date, or when another
 * redraw holds the lock (it sees the change when it lets go).
 */
export async function redrawDigest(
  deps: Deps,
  alerts: AlertStore,
  workspace: string,
  id: string,
): Promise<boolean> {
  const token = randomBytes(6).toString('hex');
  if (!(await alerts.lockDigest(workspace, id, token, DIGEST_LOCK_MS))) return false;
  let drawn = false;
  try {
    const page = await alerts.digestPage(workspace, id, 0, DIGEST_PAGE);
    if (page) {
      const card = renderDigest(deps, page);
      if (page.digest.card) await deps.chat.update(page.digest.card, card);
      else await alerts.setDigestCard(workspace, id, await deps.chat.post(page.digest.channel, card));
      drawn = true;
    }
  } finally {
    const changed = await alerts.unlockDigest(workspace, id, token);
    drawn &&= changed;
  }
  return drawn;
}

/** After a press on one of a digest's groups (opened, dismissed): the card shows it at once. */
export async function refreshDigest(
  deps: Deps,
  alerts: AlertStore,
  workspace: string,
  id: string,
): Promise<void> {
  await alerts.markDigest(workspace, id);
  try {
    for (let i = 0; i < DIGEST_PRESS_REDRAWS; i++) {
      if (!(await redrawDigest(deps, alerts, workspace, id))) return;
    }
  } catch (error) {
    // The press did what it said (the incident is open): the card catches up at its next redraw.
    deps.log.warn({ err: error, digest: id }, 'could not redraw the storm digest card');
  }
}

/** A storm's digest card as it reads now, in the default language. */
export function renderDigest(deps: Deps, page: DigestPage): Card {
  const t = translator(deps.locale, deps.timeZone);
  return stormDigestCard(page, t, (u) => deps.chat.mention(u));
}

/** A page of a digest's groups (*All groups*), in the default language. */
export function renderDigestGroups(deps: Deps, page: DigestPage, offset: number): Card {
  const t = translator(deps.locale, deps.timeZone);
  return digestGroupsCard(page, offset, t, (u) => deps.chat.mention(u));
}

/** The triage card as it reads now, in the default language. */
export function renderTriage(deps: Deps, card: TriageCard, room?: string): Card {
  const t = translator(deps.locale, deps.timeZone);
  return triageCard(card, t, (u) => deps.chat.mention(u), playbookChoices(deps, card), room);
}

/** Without a routed playbook: those the alert's title suggests, then the others, a few at most. */
function playbookChoices(deps: Deps, card: TriageCard): PlaybookChoice[] {
  if (card.route.playbook) return [];
  const t = translator(deps.locale, deps.timeZone);
  const suggested = deps.playbooks.suggest(card.alerts[0]?.title ?? '', deps.locale);
  const ids = [...suggested, ...deps.playbooks.ids().filter((id) => !suggested.includes(id))];
  return ids.slice(0, PLAYBOOK_CHOICES).flatMap((id) => {
    const playbook = deps.playbooks.get(id);
    return playbook ? [{ id, title: local(playbook.title, t), suggested: suggested.includes(id) }] : [];
  });
}

/**
 * Adds the alert to what its group is linked to: `stale` when that is over (a closed incident, a
 * dismissed card, a link to nothing), `wait` while it is being created or opened.
 */
async function addToLive(
  desk: AlertDesk,
  workspace: string,
  live: AlertLink,
  job: AlertJob,
): Promise<AlertOutcome | 'stale' | 'wait'> {
  const [kind, id = ''] = splitLink(live);
  if (kind === 'pending') return 'wait';
  if (kind === 'incident') return addToIncident(desk, workspace, Number(id), job);
  if (kind !== 'triage') return 'stale';
  // One step in Redis: a pending group on a storm's digest is added there at once (in a storm, many
  // alerts of one group come together: no rewrite of its card); any other card comes back to decide on.
  const abandoned = new Date(desk.deps.clock.now().getTime() - OPENING_STALE_MS);
  const repeat = await desk.alerts.repeatTriage(
    workspace,
    id,
    { ...job.alert, receivedAt: job.receivedAt },
    TRIAGE_ALERTS_KEPT - 1,
    abandoned,
  );
  if (repeat === null) return 'stale';
  if ('added' in repeat) {
    if (await desk.alerts.countOnDigest(workspace, repeat.added, id, DIGEST_QUEUED_TTL_MS))
      await queueRedraw(desk, workspace, repeat.added.id);
    return { kind: 'added-to-triage', id };
  }
  const { card } = repeat;
  if (card.status === 'opened' && card.opened) return addToIncident(desk, workspace, card.opened.seq, job);
  if (card.status === 'dismissed') return 'stale';
  if (card.status === 'opening' && !openingIsStale(card, desk.deps.clock.now())) return 'wait';
  return addToTriage(desk, workspace, card.id, job);
}

/**
 * The alerts a triage card holds for its incident's timeline: on a digest, the card keeps only the
 * first, and the latest are kept beside it.
 */
export async function triageAlerts(alerts: AlertStore, card: TriageCard): Promise<TriageAlert[]> {
  if (!card.digest) return card.alerts;
  return [...card.alerts, ...(await alerts.recentAlerts(card.workspace, card.id))];
}

function splitLink(link: AlertLink): [string, string] {
  const at = link.indexOf(':');
  return at === -1 ? [link, ''] : [link.slice(0, at), link.slice(at + 1)];
}

export const openingIsStale = (card: TriageCard, now: Date): boolean =>
  card.status === 'opening' && now.getTime() - Date.parse(card.opening?.at ?? '') > OPENING_STALE_MS;

/** A repeat: on the incident's timeline; in its room when the group's window allows, resolved at once. */
async function addToIncident(
  desk: AlertDesk,
  workspace: string,
  seq: number,
  job: AlertJob,
): Promise<AlertOutcome | 'stale'> {
  const { deps, alerts } = desk;
  const { alert } = job;
  if (!Number.isSafeInteger(seq)) return 'stale';
  const now = deps.clock.now();
  const stored = await deps.store.update(workspace, seq, (incident) =>
    incident.status === 'open'
      ? { incident, change: { incident, events: [alertEntry(alert, now.toISOString())] } }
      : { incident },
  );
  if (!stored?.change) return 'stale';
  const incident: Incident = stored.incident;
  const target = incidentLink(seq);
  const changed = await alerts.statusChanged(workspace, target, keysOf(alert).dedup, alert.status);
  const t = translator(incident.locale, deps.timeZone);
  if (alert.status === 'resolved' && changed) {
    await say(desk, () => postToRoom(deps, incident, alertResolvedCard(alert, t)));
  } else {
    const note = await alerts.note(
      workspace,
      windowScope(target, keysOf(alert).group),
      now.getTime(),
      groupWindowMs(desk),
    );
    if (note.post) {
      await say(desk, () => postToRoom(deps, incident, alertAgainCard(alert, t, note.held, note.since)));
    } else if (note.held === 1) {
      await desk.digest({ workspace, target, group: keysOf(alert).group, title: alert.title }, note.endsInMs);
    }
  }
  return { kind: 'added', seq };
}

/** A repeat of a pending triage card: counted on the card, which is redrawn at most once per window. */
async function addToTriage(
  desk: AlertDesk,
  workspace: string,
  id: string,
  job: AlertJob,
): Promise<AlertOutcome | 'stale' | 'wait'> {
  const { deps, alerts } = desk;
  const { alert } = job;
  const now = deps.clock.now();
  const updated = await alerts.updateTriage<TriageCard | 'stale' | 'wait'>(workspace, id, (card) => {
    if (card.status === 'dismissed' || (card.status === 'opened' && card.opened)) {
      return { result: 'stale' as const };
    }
    if (card.status === 'opening' && !openingIsStale(card, now)) return { result: 'wait' as const };
    const kept: TriageAlert[] = [...card.alerts, { ...alert, receivedAt: job.receivedAt }];
    const alertsKept =
      kept.length > TRIAGE_ALERTS_KEPT
        ? [kept[0] as TriageAlert, ...kept.slice(-(TRIAGE_ALERTS_KEPT - 1))]
        : kept;
    const scoped = keysOf(alert);
    const known = card.keys.some((k) => k.group === scoped.group && k.dedup === scoped.dedup);
    const next: TriageCard = {
      ...card,
      alerts: alertsKept,
      count: card.count + 1,
      lastAt: now.toISOString(),
      keys: known || card.keys.length >= TRIAGE_KEYS_KEPT ? card.keys : [...card.keys, scoped],
    };
    if (alert.status === 'resolved') next.resolvedAt = now.toISOString();
    else delete next.resolvedAt;
    return { card: next, result: next };
  });
  if (updated === null || updated === 'stale') return 'stale';
  if (updated === 'wait') return 'wait';
  const target = triageLink(id);
  const changed = await alerts.statusChanged(workspace, target, keysOf(alert).dedup, alert.status);
  const redraw = async () => {
    if (updated.card) await deps.chat.update(updated.card, renderTriage(deps, updated));
  };
  if (alert.status === 'resolved' && changed) {
    await say(desk, redraw);
  } else {
    const note = await alerts.note(
      workspace,
      windowScope(target, keysOf(alert).group),
      now.getTime(),
      groupWindowMs(desk),
    );
    if (note.post) await say(desk, redraw);
    else if (note.held === 1) {
      await desk.digest({ workspace, target, group: keysOf(alert).group, title: alert.title }, note.endsInMs);
    }
  }
  return { kind: 'added-to-triage', id };
}

/**
 * A message about a repeat: the alert is on the timeline already, so a chat failure is logged rather than
 * retried (a retry would add the alert twice).
 */
async function say(desk: AlertDesk, post: () => Promise<void>): Promise<void> {
  try {
    await post();
  } catch (error) {
    desk.deps.log.warn({ err: error }, 'could not post an alert message (the alert is on the timeline)');
  }
}

/** The end of a group's window: the alerts held back since its last message, in one message. */
export async function runDigest(desk: AlertDesk, job: DigestJob): Promise<void> {
  const { deps, alerts } = desk;
  const [target, digestId = ''] = splitLink(job.target);
  if (target === 'storm') {
    await alerts.digestDequeued(job.workspace, digestId);
    if (await redrawDigest(deps, alerts, job.workspace, digestId))
      await touchDigest(desk, job.workspace, digestId);
    return;
  }
  const now = deps.clock.now().getTime();
  const scope = windowScope(job.target, job.group);
  const note = await alerts.flush(job.workspace, scope, now, groupWindowMs(desk));
  if (!note.post) {
    // The window is still running (a message went out meanwhile): its own end will say it.
    if (note.held > 0) await desk.digest(job, note.endsInMs);
    return;
  }
  const [kind, id = ''] = splitLink(job.target);
  if (kind === 'incident') {
    const incident = await deps.store.get(job.workspace, Number(id));
    if (incident?.status !== 'open') return;
    const t = translator(incident.locale, deps.timeZone);
    await postToRoom(deps, incident, alertDigestCard(job.title, note.held, note.since, t));
  } else if (kind === 'triage') {
    const card = await alerts.triage(job.workspace, id);
    if (card?.status === 'pending' && card.card) await deps.chat.update(card.card, renderTriage(deps, card));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
