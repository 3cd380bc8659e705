import { randomUUID } from 'node:crypto';
import type { Caller, Deps, Reply } from '../src/app/deps';
import { callerLocale, problem } from '../src/app/mutate';
import { currentStepCard, playbookRulesCard, refreshRoom } from '../src/app/room';
import { local } from '../src/cards/format';
import { roomTopic } from '../src/cards/summary';
import type { Card } from '../src/core/card';
import { channelNameCandidates } from '../src/core/channel-name';
import { attachRoom, openIncident } from '../src/core/incident';
import { SEVERITIES, type Severity } from '../src/core/types';
import { translator } from '../src/i18n';

export interface OpenCommand {
  playbook?: string;
  severity?: Severity;
  title: string;
}

/** How long an `/crisis open` waits for its playbook choice before the draft is dropped. */
const DRAFT_TTL_SECONDS = 60 * 60;

/**
 * `/crisis open [playbook] [sev1-sev4] <title>`. Guesses nothing silently: without a playbook it asks
 * which one (suggestions from the title first); without a severity it leaves it unset and says so.
 */
export async function open(deps: Deps, caller: Caller, command: OpenCommand): Promise<Reply> {
  const locale = callerLocale(deps, caller);
  if (!command.playbook) return askPlaybook(deps, caller, command);
  const playbook = deps.playbooks.get(command.playbook);
  if (!playbook) {
    return problem(locale, {
      key: 'open.unknownPlaybook',
      params: { playbook: command.playbook, playbooks: deps.playbooks.ids().join(', ') },
    });
  }
  const now = deps.clock.now();
  const seq = await deps.store.nextSeq(caller.workspace);
  const names = channelNameCandidates({
    prefix: deps.channelPrefix,
    seq,
    openedAt: now,
    title: command.title,
  });
  const opened = openIncident({
    workspace: caller.workspace,
    seq,
    title: command.title,
    playbook,
    severity: command.severity ?? null,
    drill: false,
    locale,
    roomName: names[0] ?? '',
    by: caller.user,
    now,
  });
  if (!opened.ok) return problem(locale, opened.error);
  // Stored before anything is created on the platform: if the chat API fails, the incident is not lost.
  await deps.store.create(opened.value);
  const t = translator(locale);
  const mention = (u: string) => deps.chat.mention(u);
  const room = await deps.chat.createRoom(caller.workspace, {
    names,
    private: playbook.private,
    topic: roomTopic(opened.value.incident, t, mention),
  });
  const stored = await deps.store.update(caller.workspace, seq, (incident) => ({
    change: attachRoom(incident, room.id, room.name, caller.user, deps.clock.now()),
  }));
  const incident = stored?.change?.incident ?? opened.value.incident;
  await deps.chat.invite(room.id, [...new Set([caller.user, ...deps.responders])]);
  await refreshRoom(deps, incident);
  await deps.chat.post(room.id, playbookRulesCard(deps, incident));
  const first = currentStepCard(deps, incident);
  if (first) await deps.chat.post(room.id, first);

  const cards: Card[] = [
    {
      lines: [t('open.opened', { seq, room: room.name, playbook: local(playbook.title, t) })],
      tone: 'success',
    },
  ];
  if (!incident.severity) cards.push(askSeverity(t, seq, playbook.severity));
  return { cards, openedRoom: room.id };
}

function askSeverity(t: ReturnType<typeof translator>, seq: number, suggested: number): Card {
  return {
    lines: [t('open.severityUnset', { suggested: `SEV${suggested}` })],
    tone: 'warning',
    buttons: SEVERITIES.map((level) => ({
      label: `SEV${level}`,
      action: { kind: 'sev.set' as const, args: [String(seq), String(level)] },
      ...(level === suggested ? { style: 'primary' as const } : {}),
    })),
  };
}

async function askPlaybook(deps: Deps, caller: Caller, command: OpenCommand): Promise<Reply> {
  const t = translator(callerLocale(deps, caller));
  const draft = randomUUID().slice(0, 8);
  await deps.store.putDraft(draftKey(caller, draft), command, DRAFT_TTL_SECONDS);
  const suggested = deps.playbooks.suggest(command.title, t.locale);
  const others = deps.playbooks.ids().filter((id) => !suggested.includes(id));
  const button = (id: string, primary: boolean) => {
    const playbook = deps.playbooks.get(id);
    return {
      label: playbook ? local(playbook.title, t) : id,
      action: { kind: 'open.pick' as const, args: [draft, id] },
      ...(primary ? { style: 'primary' as const } : {}),
    };
  };
  return {
    cards: [
      {
        title: t('open.whichPlaybook', { title: command.title }),
        lines: [suggested.length > 0 ? t('open.suggested') : t('open.noSuggestion')],
        buttons: [...suggested.map((id) => button(id, true)), ...others.map((id) => button(id, false))],
      },
    ],
  };
}

/** The playbook button of an `/crisis open` that had none: continues the same open, once. */
export async function pickPlaybook(
  deps: Deps,
  caller: Caller,
  draft: string,
  playbook: string,
): Promise<Reply> {
  const pending = await deps.store.takeDraft<OpenCommand>(draftKey(caller, draft));
  if (!pending) return problem(callerLocale(deps, caller), { key: 'open.draftGone' });
  return open(deps, caller, { ...pending, playbook });
}

const draftKey = (caller: Caller, id: string) => `open:${caller.workspace}:${caller.user}:${id}`;
