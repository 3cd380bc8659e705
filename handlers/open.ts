import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { defineCommand, option } from '../src/app/command';
import type { Caller, Deps, Reply } from '../src/app/deps';
import { callerLocale, problem } from '../src/app/mutate';
import { openIncidentRoom } from '../src/app/open-incident';
import { local } from '../src/cards/format';
import type { Card } from '../src/core/card';
import { parseSeverity, playbook, severity, severityOf, singleSpaced, text } from '../src/core/command';
import { MAX_TITLE } from '../src/core/incident';
import { type CapturedMessage, SEVERITIES, type Severity, type UserId } from '../src/core/types';
import { type Translator, translator } from '../src/i18n';
import type { Form } from '../src/ports/chat';

export interface OpenCommand {
  playbook?: string;
  severity?: Severity;
  title: string;
  private?: boolean;
  drill?: boolean;
  /** A drill's scenario id (`/crisis drill <playbook> <scenario>`). */
  scenario?: string;
  lead?: UserId;
  capture?: CapturedMessage;
}

/** How long an `/crisis open` waits for its playbook choice (or its form) before the draft is dropped. */
const DRAFT_TTL_SECONDS = 60 * 60;

/**
 * `/crisis open [playbook] [sev1-sev4] <title>`. Guesses nothing silently: without a title it shows the
 * open form; without a playbook it asks which one (suggestions from the title first); without a
 * severity it leaves it unset and says so.
 */
export async function open(deps: Deps, caller: Caller, command: OpenCommand): Promise<Reply> {
  const locale = callerLocale(deps, caller);
  if (!command.title.trim()) return { cards: [], form: await openForm(deps, caller, command) };
  if (command.title.length > MAX_TITLE)
    return problem(locale, { key: 'forms.titleTooLong', params: { max: MAX_TITLE } });
  if (!command.playbook) return askPlaybook(deps, caller, command);
  const playbook = deps.playbooks.get(command.playbook);
  if (!playbook) {
    return problem(locale, {
      key: 'open.unknownPlaybook',
      params: { playbook: command.playbook, playbooks: deps.playbooks.ids().join(', ') },
    });
  }
  const opened = await openIncidentRoom(deps, caller, {
    ...command,
    playbook,
    severity: command.severity ?? null,
  });
  if (!opened.ok) return problem(locale, opened.error);
  const incident = opened.value;
  const t = translator(locale, deps.timeZone);
  const room = deps.chat.roomLink({ id: incident.room ?? '', name: incident.roomName });
  const cards: Card[] = [
    {
      lines: [
        t(incident.drill ? 'drill.opened' : 'open.opened', {
          seq: incident.seq,
          room,
          playbook: local(playbook.title, t),
        }),
      ],
      tone: 'success',
    },
  ];
  if (!incident.severity) cards.push(askSeverity(t, incident.seq, playbook.severity));
  return { cards, ...(incident.room ? { openedRoom: incident.room } : {}) };
}

function askSeverity(t: Translator, seq: number, suggested: number): Card {
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
  const t = translator(callerLocale(deps, caller), deps.timeZone);
  const draft = await saveDraft(deps, caller, command);
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

/**
 * The open form: title, playbook, severity, private channel, drill, lead. A captured message (message
 * shortcut) waits in a draft whose key travels with the form.
 */
/**
 * "Open a crisis from this message" (Slack's shortcut, Discord's message command): the open form,
 * titled with the message's first line and keeping the message as evidence.
 */
export function openFormFromMessage(deps: Deps, caller: Caller, message: CapturedMessage): Promise<Form> {
  const line = message.text.split('\n').find((l) => l.trim()) ?? '';
  const title = line.length > MAX_TITLE ? `${line.slice(0, MAX_TITLE - 1)}…` : line.trim();
  return openForm(deps, caller, { title, capture: message });
}

export async function openForm(deps: Deps, caller: Caller, command: OpenCommand): Promise<Form> {
  const t = translator(callerLocale(deps, caller), deps.timeZone);
  const draft = command.capture ? await saveDraft(deps, caller, { title: '', capture: command.capture }) : '';
  const suggested = command.playbook ?? deps.playbooks.suggest(command.title, t.locale)[0];
  return {
    submit: { kind: 'open', args: draft ? [draft] : [] },
    title: t('forms.openTitle'),
    fields: [
      {
        id: 'title',
        label: t('forms.openWhat'),
        ...(command.title ? { initial: command.title.slice(0, MAX_TITLE) } : {}),
      },
      {
        id: 'playbook',
        label: t('forms.openPlaybook'),
        type: 'select',
        options: deps.playbooks.list().map((p) => ({ value: p.id, label: local(p.title, t) })),
        ...(suggested ? { initial: suggested } : {}),
      },
      {
        id: 'severity',
        label: t('forms.openSeverity'),
        type: 'select',
        options: [
          ...SEVERITIES.map((level) => ({ value: `sev${level}`, label: `SEV${level}` })),
          { value: 'unset', label: t('forms.sevUnset') },
        ],
        initial: command.severity ? `sev${command.severity}` : 'unset',
      },
      { id: 'lead', label: t('forms.openLead'), type: 'user', optional: true },
      { id: 'private', label: t('forms.openPrivate'), type: 'checkbox', optional: true },
      { id: 'drill', label: t('forms.openDrill'), type: 'checkbox', optional: true },
    ],
  };
}

/** The open form's answers: refused ones come back on their field, the form stays open. */
export async function submitOpenForm(
  deps: Deps,
  caller: Caller,
  values: Record<string, string>,
  draft: string | undefined,
): Promise<Reply> {
  const errors = openFormErrors(deps, caller, values);
  if (errors) return { cards: [], fieldErrors: errors };
  const title = (values.title ?? '').trim();
  const severity = parseSeverity(values.severity ?? '');
  const pending = draft ? await deps.store.takeDraft<OpenCommand>(draftKey(caller, draft)) : null;
  return open(deps, caller, {
    title,
    playbook: values.playbook ?? '',
    ...(severity && severity !== 'invalid' ? { severity } : {}),
    private: values.private === 'true',
    drill: values.drill === 'true',
    ...(values.lead ? { lead: values.lead } : {}),
    ...(pending?.capture ? { capture: pending.capture } : {}),
  });
}

/** What is wrong with the open form's answers, by field; null when nothing is. Fast: no I/O. */
export function openFormErrors(
  deps: Deps,
  caller: Caller,
  values: Record<string, string>,
): Record<string, string> | null {
  const t = translator(callerLocale(deps, caller), deps.timeZone);
  const title = (values.title ?? '').trim();
  const errors: Record<string, string> = {};
  if (!title) errors.title = t('open.emptyTitle');
  else if (title.length > MAX_TITLE) errors.title = t('forms.titleTooLong', { max: MAX_TITLE });
  if (!deps.playbooks.get(values.playbook ?? '')) {
    errors.playbook = t('open.unknownPlaybook', {
      playbook: values.playbook ?? '',
      playbooks: deps.playbooks.ids().join(', '),
    });
  }
  return Object.keys(errors).length > 0 ? errors : null;
}

async function saveDraft(deps: Deps, caller: Caller, command: OpenCommand): Promise<string> {
  const draft = randomUUID().slice(0, 8);
  await deps.store.putDraft(draftKey(caller, draft), command, DRAFT_TTL_SECONDS);
  return draft;
}

const draftKey = (caller: Caller, id: string) => `open:${caller.workspace}:${caller.user}:${id}`;

export const openCommand = defineCommand({
  name: 'open',
  names: { es: 'abrir', fr: 'ouvrir' },
  args: z.object({
    playbook: z.string().optional(),
    severity: z.literal(SEVERITIES).optional(),
    // Empty: the handler answers with the open form, pre-filled with what was given.
    title: z.string().default(''),
  }),
  // Only `sevN` is a severity here: a bare number starts titles ("3 accounts hacked").
  read: [playbook('playbook'), severity('severity', { bare: false }), text('title', 'single')],
  options: [
    option.string('playbook', 'playbook', {
      max: 100,
      choices: 'playbook',
      read: (v) => String(v).toLowerCase(),
    }),
    option.string('severity', 'severity', { max: 10, choices: 'severity', read: severityOf }),
    option.string('title', 'title', { max: MAX_TITLE, read: (v) => singleSpaced(String(v)) }),
  ],
  usage: (a) => `open [${a('playbook')}] [sev1-sev4] <${a('title')}>`,
  help: 'help.open',
  access: 'anyone',
  run: open,
});
