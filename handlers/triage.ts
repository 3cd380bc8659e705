import {
  alertEntry,
  incidentTitle,
  keysOf,
  LINK_TTL_MS,
  openingIsStale,
  refreshDigest,
  renderDigestGroups,
  renderTriage,
  triageAlerts,
  windowScope,
} from '../src/alerts/process';
import type { Caller, Deps, Reply } from '../src/app/deps';
import { callerLocale, problem } from '../src/app/mutate';
import { openIncidentRoom } from '../src/app/open-incident';
import { postToRoom } from '../src/app/room';
import { alertOpenedCard, DIGEST_PAGE } from '../src/cards/alert';
import { local } from '../src/cards/format';
import type { Card } from '../src/core/card';
import { translator } from '../src/i18n';
import { incidentLink, type TriageCard, triageLink } from '../src/ports/alert-store';

type Claim =
  | { claimed: TriageCard }
  | { opened: number }
  | { dismissed: string }
  | { opening: true }
  | { done: TriageCard };

/**
 * "Open crisis" on a triage card: opens the incident with the routed playbook (or the one the button
 * names) and severity, opened by whoever pressed it, with the card's alerts on its timeline. Two
 * presses at once open one incident: the first claims the card, the second is told.
 */
export async function openTriaged(
  deps: Deps,
  caller: Caller,
  id: string,
  playbookId: string,
): Promise<Reply> {
  const locale = callerLocale(deps, caller);
  const t = translator(locale, deps.timeZone);
  const alerts = deps.alerts;
  if (!alerts) return problem(locale, { key: 'errors.staleButton' });
  const playbook = deps.playbooks.get(playbookId);
  if (!playbook) {
    return problem(locale, {
      key: 'open.unknownPlaybook',
      params: { playbook: playbookId, playbooks: deps.playbooks.ids().join(', ') },
    });
  }
  const now = deps.clock.now();
  const claim = await alerts.updateTriage<Claim>(caller.workspace, id, (card) => {
    if (card.opened) return { result: { opened: card.opened.seq } };
    if (card.dismissed) return { result: { dismissed: card.dismissed.by } };
    if (card.status === 'opening' && !openingIsStale(card, now)) return { result: { opening: true } };
    const next: TriageCard = {
      ...card,
      status: 'opening',
      opening: { by: caller.user, at: now.toISOString() },
    };
    return { card: next, result: { claimed: next } };
  });
  if (claim === null) return problem(locale, { key: 'errors.staleButton' });
  if ('opened' in claim)
    return problem(locale, { key: 'alerts.alreadyOpened', params: { seq: claim.opened } });
  if ('dismissed' in claim) {
    return problem(locale, {
      key: 'alerts.alreadyDismissed',
      params: { who: deps.chat.mention(claim.dismissed) },
    });
  }
  if ('opening' in claim || !('claimed' in claim)) return problem(locale, { key: 'alerts.beingOpened' });
  // On a storm's digest, the group's latest alerts are kept beside its card: all go on the timeline.
  const card = { ...claim.claimed, alerts: await triageAlerts(alerts, claim.claimed) };
  const first = card.alerts[0];
  if (!first) return problem(locale, { key: 'errors.staleButton' });

  const backToPending = () =>
    alerts.updateTriage(caller.workspace, id, (current) => {
      if (current.status !== 'opening' || current.opening?.by !== caller.user) return { result: null };
      const { opening: _gone, ...rest } = current;
      return { card: { ...rest, status: 'pending' as const }, result: null };
    });
  let opened: Awaited<ReturnType<typeof openIncidentRoom>>;
  try {
    opened = await openIncidentRoom(
      deps,
      { ...caller, workspace: card.workspace },
      {
        playbook,
        title: incidentTitle(first),
        severity: card.route.severity,
        timeline: card.alerts.map((alert, i) => alertEntry(alert, alert.receivedAt, i === 0)),
      },
    );
  } catch (error) {
    await backToPending();
    throw error;
  }
  if (!opened.ok) {
    await backToPending();
    return problem(locale, opened.error);
  }
  const incident = opened.value;
  const seq = incident.seq;
  const done = await alerts.updateTriage<TriageCard | null>(caller.workspace, id, (current) => {
    const { opening: _gone, ...rest } = current;
    const next: TriageCard = {
      ...rest,
      status: 'opened',
      opened: { by: caller.user, at: now.toISOString(), seq },
    };
    return { card: next, result: next };
  });
  // Repeats of the group now go to the incident; the card's own link finds it too, until then.
  await alerts.relink(card.workspace, card.keys, [triageLink(id)], incidentLink(seq), LINK_TTL_MS);
  const target = incidentLink(seq);
  const latest = new Map(card.alerts.map((alert) => [keysOf(alert).dedup, alert.status]));
  for (const [dedupKey, status] of latest)
    await alerts.statusChanged(card.workspace, target, dedupKey, status);

  const roomT = translator(incident.locale, deps.timeZone);
  await postToRoom(
    deps,
    incident,
    alertOpenedCard(first, roomT, card.windowMinutes, deps.chat.mention(caller.user)),
  );
  await alerts.note(
    card.workspace,
    windowScope(target, keysOf(first).group),
    now.getTime(),
    card.windowMinutes * deps.minuteMs,
  );
  const room = deps.chat.roomLink({ id: incident.room ?? '', name: incident.roomName });
  if (done?.card) await deps.chat.update(done.card, renderTriage(deps, done, room));
  else if (done?.digest) await refreshDigest(deps, alerts, card.workspace, done.digest.id);
  const cards: Card[] = [
    {
      lines: [t('open.opened', { seq, room, playbook: local(playbook.title, t) })],
      tone: 'success',
    },
  ];
  return { cards, ...(incident.room ? { openedRoom: incident.room } : {}) };
}

/** "Dismiss" on a triage card: recorded with who and when; the group's next alert gets a new card. */
export async function dismissTriaged(deps: Deps, caller: Caller, id: string): Promise<Reply> {
  const locale = callerLocale(deps, caller);
  const alerts = deps.alerts;
  if (!alerts) return problem(locale, { key: 'errors.staleButton' });
  const now = deps.clock.now();
  const result = await alerts.updateTriage<Claim>(caller.workspace, id, (card) => {
    if (card.opened) return { result: { opened: card.opened.seq } };
    if (card.dismissed) return { result: { dismissed: card.dismissed.by } };
    if (card.status === 'opening' && !openingIsStale(card, now)) return { result: { opening: true } };
    const { opening: _gone, ...rest } = card;
    const next: TriageCard = {
      ...rest,
      status: 'dismissed',
      dismissed: { by: caller.user, at: now.toISOString() },
    };
    return { card: next, result: { done: next } };
  });
  if (result === null) return problem(locale, { key: 'errors.staleButton' });
  if ('opened' in result)
    return problem(locale, { key: 'alerts.alreadyOpened', params: { seq: result.opened } });
  if ('dismissed' in result) {
    return problem(locale, {
      key: 'alerts.alreadyDismissed',
      params: { who: deps.chat.mention(result.dismissed) },
    });
  }
  if (!('done' in result)) return problem(locale, { key: 'alerts.beingOpened' });
  const card = result.done;
  await alerts.relink(card.workspace, card.keys, [triageLink(id)], null, 0);
  if (card.card) await deps.chat.update(card.card, renderTriage(deps, card));
  else if (card.digest) await refreshDigest(deps, alerts, card.workspace, card.digest.id);
  return { cards: [{ lines: [translator(locale, deps.timeZone)('alerts.dismissed')], tone: 'info' }] };
}

/**
 * *Open crisis* on a storm's digest card: the same as on the group's triage card. With a routed
 * playbook it opens at once; without one, the presser gets the group's triage card (its playbook
 * choices and Dismiss) to decide from.
 */
export async function pickTriaged(deps: Deps, caller: Caller, id: string): Promise<Reply> {
  const locale = callerLocale(deps, caller);
  const card = await deps.alerts?.triage(caller.workspace, id);
  if (!card) return problem(locale, { key: 'errors.staleButton' });
  if (card.route.playbook) return openTriaged(deps, caller, id, card.route.playbook);
  if (card.opened) return problem(locale, { key: 'alerts.alreadyOpened', params: { seq: card.opened.seq } });
  if (card.dismissed) {
    return problem(locale, {
      key: 'alerts.alreadyDismissed',
      params: { who: deps.chat.mention(card.dismissed.by) },
    });
  }
  return { cards: [renderTriage(deps, card)] };
}

/** *All groups* (and *Next groups*) on a storm's digest card: a page of its groups, to whoever asked. */
export async function digestGroups(deps: Deps, caller: Caller, id: string, offset: number): Promise<Reply> {
  const locale = callerLocale(deps, caller);
  const page = await deps.alerts?.digestPage(caller.workspace, id, offset, DIGEST_PAGE);
  if (!page) return problem(locale, { key: 'alerts.stormGone' });
  return { cards: [renderDigestGroups(deps, page, offset)] };
}
