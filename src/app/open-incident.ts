import { announcementCard } from '../cards/announcement';
import { drillIntroCard } from '../cards/drill';
import { roleBriefCard } from '../cards/role-brief';
import type { Card } from '../core/card';
import { channelNameCandidates } from '../core/channel-name';
import { codename } from '../core/codename';
import { attachAnnouncement, attachRoom, captureMessage, openIncident } from '../core/incident';
import type { Result } from '../core/result';
import {
  CALMA_USER,
  type CapturedMessage,
  type Incident,
  type Role,
  type Severity,
  type TimelineEntry,
  type UserId,
} from '../core/types';
import { translator } from '../i18n';
import type { Playbook } from '../playbook/schema';
import type { PostOnce } from '../ports/chat';
import type { Caller, Deps } from './deps';
import { callerLocale } from './mutate';
import { currentStepCard, playbookRulesCard, refreshRoom } from './room';

export interface OpenRequest {
  playbook: Playbook;
  title: string;
  severity: Severity | null;
  private?: boolean;
  drill?: boolean;
  /** A drill's scenario id (its injects are timed from the opening). */
  scenario?: string;
  lead?: UserId;
  /** The chat message the crisis was opened from (message shortcut), kept on the timeline. */
  capture?: CapturedMessage;
  /** More entries stored with the opening, after `opened` (e.g. the alert that opened it). */
  timeline?: TimelineEntry[];
  /** More cards for the room, after its first step (e.g. the alert that opened it). */
  cards?: Card[];
}

/**
 * Opens an incident: stored first (so a chat outage loses nothing), then its room, invitations, the
 * pinned summary, rules and first step, the playbook bookmark, the announcement and the lead's brief.
 */
export async function openIncidentRoom(
  deps: Deps,
  caller: Caller,
  request: OpenRequest,
): Promise<Result<Incident>> {
  const { playbook } = request;
  const locale = callerLocale(deps, caller);
  const seq = await deps.store.nextSeq(caller.workspace, caller.request);
  // The same request run again after its process died: carry on with the incident it had begun.
  const begun = caller.request ? await deps.store.get(caller.workspace, seq) : null;
  const now = begun ? new Date(begun.openedAt) : deps.clock.now();
  const drill = request.drill ?? false;
  const secret =
    begun?.codename ??
    (playbook.codename ? codename(`${caller.workspace}:${seq}:${now.toISOString()}`, locale) : undefined);
  const isPrivate = playbook.private || (request.private ?? false);
  const names = channelNameCandidates({
    prefix: deps.channelPrefix,
    seq,
    openedAt: now,
    title: secret ?? request.title,
    drill,
  });
  const opened = openIncident({
    workspace: caller.workspace,
    seq,
    title: request.title,
    playbook,
    severity: request.severity,
    drill,
    ...(request.scenario ? { scenario: request.scenario } : {}),
    locale,
    roomName: names[0] ?? '',
    private: isPrivate,
    ...(secret ? { codename: secret } : {}),
    ...(playbook.kind === 'audit' ? { audit: true } : {}),
    ...(request.lead ? { lead: request.lead } : {}),
    by: caller.user,
    now,
  });
  if (!opened.ok) return opened;
  if (!begun) {
    await deps.store.create(
      request.timeline
        ? { ...opened.value, events: [...opened.value.events, ...request.timeline] }
        : opened.value,
    );
  }

  const t = translator(locale, deps.timeZone);
  const mention = (u: string) => deps.chat.mention(u);
  // A re-run may find what its predecessor posted before dying: each post is made once (PostOnce).
  const takeOver = begun ? new Date(begun.openedAt) : undefined;
  const once = (what: string): PostOnce => ({
    key: `${seq}.${what}`,
    ...(takeOver ? { since: takeOver } : {}),
  });
  const room = begun?.room
    ? { id: begun.room, name: begun.roomName }
    : await deps.chat.createRoom(caller.workspace, {
        names,
        private: isPrivate,
        // Its dead predecessor may have created the channel without living to save it.
        ...(begun ? { adoptSince: new Date(begun.openedAt) } : {}),
      });
  const stored = await deps.store.update(caller.workspace, seq, (current) => {
    if (current.room) return {};
    const withRoom = attachRoom(current, room.id, room.name, caller.user, deps.clock.now());
    if (!request.capture) return { change: withRoom };
    const captured = captureMessage(withRoom.incident, request.capture, caller.user, deps.clock.now());
    if (!captured.ok) return { change: withRoom };
    return {
      change: { incident: captured.value.incident, events: [...withRoom.events, ...captured.value.events] },
    };
  });
  const incident = stored?.change?.incident ?? begun ?? opened.value.incident;
  // Planned as soon as the incident has its room, before the platform calls that may fail (an open
  // stopped half-way still keeps its reminders; a re-run of the request plans the same jobs, a no-op).
  await deps.scheduler?.sync(incident);

  // calma itself (an incident an alert opened) is not a person to invite.
  const people = [caller.user, ...(request.lead ? [request.lead] : []), ...deps.responders].filter(
    (user) => user !== CALMA_USER,
  );
  await deps.chat.invite(room.id, [...new Set(people)]);
  await refreshRoom(deps, incident, takeOver);
  if (drill) {
    const scenario = request.scenario ? deps.playbooks.scenario(request.scenario) : undefined;
    await deps.chat.post(room.id, drillIntroCard(scenario, t), once('drill'));
  }
  await deps.chat.post(room.id, playbookRulesCard(deps, incident), once('rules'));
  const first = currentStepCard(deps, incident);
  if (first) await deps.chat.post(room.id, first, once('step'));
  for (const [i, card] of (request.cards ?? []).entries())
    await deps.chat.post(room.id, card, once(`card${i}`));
  if (deps.playbooksUrl) {
    await deps.chat.addLink(
      room.id,
      t('summary.playbook'),
      deps.playbooksUrl.replace(/\{id\}|%7Bid%7D/g, playbook.id),
    );
  }
  if (deps.announcements) {
    const ref = await deps.chat.post(
      deps.announcements,
      announcementCard(incident, playbook, t, mention, deps.chat.roomLink(room)),
      once('announce'),
    );
    // Kept so closing (and reopening) can say so in the same message.
    await deps.store.update(caller.workspace, seq, (current) => ({
      change: attachAnnouncement(current, ref),
    }));
  }
  if (request.lead) await briefRole(deps, incident, playbook, 'lead', request.lead);
  return { ok: true, value: incident };
}

/** Sends someone the brief of a role they were just given. */
export async function briefRole(
  deps: Deps,
  incident: Incident,
  playbook: Playbook,
  role: Role,
  user: UserId,
): Promise<void> {
  if (!incident.room) return;
  const t = translator(incident.locale, deps.timeZone);
  const room = deps.chat.roomLink({ id: incident.room, name: incident.roomName });
  await deps.chat.dm(user, roleBriefCard(incident, playbook, role, t, room, deps.minuteMs));
}
