import { approve } from '../../handlers/approve';
import { capture } from '../../handlers/capture';
import { close } from '../../handlers/close';
import { edit, editForm } from '../../handlers/edit';
import { followup } from '../../handlers/followup';
import { help } from '../../handlers/help';
import { type Command, registry } from '../../handlers/index';
import { join } from '../../handlers/join';
import { askLockdown, confirmLockdown } from '../../handlers/lockdown';
import { openFormErrors, pickPlaybook, submitOpenForm } from '../../handlers/open';
import { reject } from '../../handlers/reject';
import { dismissReminder, snoozeReminder } from '../../handlers/reminder';
import { reopen } from '../../handlers/reopen';
import { sev } from '../../handlers/sev';
import { step, stepForm } from '../../handlers/step';
import { digestGroups, dismissTriaged, openTriaged, pickTriaged } from '../../handlers/triage';
import { submitDraftForm, update } from '../../handlers/update';
import { helpCard } from '../cards/help';
import { decodeAction } from '../core/card';
import { parseSeverity, parseUser } from '../core/command';
import type { Result } from '../core/result';
import type { CapturedMessage } from '../core/types';
import { translator } from '../i18n';
import { ChatPlatformError, ChatTimeoutError, type FormKind } from '../ports/chat';
import type { Caller, Deps, Reply } from './deps';
import { callerLocale, problem } from './mutate';
import { variantsFrom } from './variant-form';

/** Everything a user can do, as an adapter receives it. */
export type Interaction =
  | { type: 'command'; text: string }
  /** A command picked with typed options (Discord's), by argument: checked against its schema. */
  | { type: 'options'; name: string; verb?: string; values: Record<string, unknown> }
  | { type: 'action'; value: string }
  | { type: 'form'; kind: FormKind; args: string[]; values: Record<string, string> }
  /** `explicit`: asked for (a shortcut), so it may name the incident; else a reaction in an incident room. */
  | { type: 'capture'; message: CapturedMessage; explicit?: boolean };

/**
 * The one entry point adapters call. User mistakes come back as friendly replies; a bug is logged with
 * context and the user is told it failed, never left without an answer.
 */
export async function dispatch(deps: Deps, caller: Caller, interaction: Interaction): Promise<Reply> {
  try {
    switch (interaction.type) {
      case 'command':
        return await command(deps, caller, interaction.text);
      case 'options':
        return await typed(deps, caller, interaction.name, interaction.verb, interaction.values);
      case 'action':
        return await action(deps, caller, interaction.value);
      case 'form':
        return await form(deps, caller, interaction.kind, interaction.args, interaction.values);
      case 'capture':
        return await capture(deps, caller, interaction.message, interaction.explicit ?? false);
    }
  } catch (error) {
    deps.log.error(
      { err: error, interaction, workspace: caller.workspace, user: caller.user },
      'handler failed',
    );
    if (error instanceof ChatPlatformError) {
      return problem(callerLocale(deps, caller), {
        key: error instanceof ChatTimeoutError ? 'errors.platformTimeout' : 'errors.platform',
        params: { platform: error.platform, code: error.code },
      });
    }
    return problem(callerLocale(deps, caller), { key: 'errors.unexpected' });
  }
}

async function command(deps: Deps, caller: Caller, text: string): Promise<Reply> {
  return run(deps, caller, registry.parse(text, { playbooks: deps.playbooks.ids() }));
}

async function typed(
  deps: Deps,
  caller: Caller,
  name: string,
  verb: string | undefined,
  values: Record<string, unknown>,
): Promise<Reply> {
  return run(deps, caller, registry.fromOptions(name, verb, values));
}

/** Runs a command's handler; a mistake is explained, and an unknown command answered with the help. */
function run(deps: Deps, caller: Caller, parsed: Result<Command>): Promise<Reply> | Reply {
  if (parsed.ok) return registry.run(deps, caller, parsed.value);
  const locale = callerLocale(deps, caller);
  const extra =
    parsed.error.key === 'command.unknown'
      ? [helpCard(translator(locale, deps.timeZone), deps.playbooks.ids(), registry.commands)]
      : [];
  return problem(locale, parsed.error, extra);
}

async function action(deps: Deps, caller: Caller, value: string): Promise<Reply> {
  const decoded = decodeAction(value);
  const [first = '', second = ''] = decoded?.args ?? [];
  // A button value is data from the platform: anything that does not decode cleanly changes nothing.
  const seq = number(first);
  const index = number(second);
  switch (decoded?.kind) {
    case 'step.done':
      if (seq !== null && index !== null)
        return step(deps, caller, { incident: seq, verb: 'done', step: index });
      break;
    case 'step.skip':
    case 'step.assign':
      if (seq !== null && index !== null) {
        return stepForm(deps, caller, decoded.kind === 'step.skip' ? 'skip' : 'assign', seq, index);
      }
      break;
    case 'open.pick':
      if (first && second) return pickPlaybook(deps, caller, first, second);
      break;
    case 'sev.set': {
      const severity = parseSeverity(second);
      if (seq !== null && severity && severity !== 'invalid')
        return sev(deps, caller, { incident: seq, severity });
      break;
    }
    case 'reminder.snooze':
      if (seq !== null && REMINDER_KEY.test(second) && number(decoded.args[2] ?? '') !== null) {
        return snoozeReminder(deps, caller, seq, second, Number(decoded.args[2]));
      }
      break;
    case 'reminder.dismiss':
      if (seq !== null && REMINDER_KEY.test(second)) return dismissReminder(deps, caller, seq, second);
      break;
    case 'statement.draft':
      // A step's "Use template" carries the step; a reminder's "Draft update" does not.
      if (seq !== null) {
        return update(deps, caller, { incident: seq, text: '', ...(index === null ? {} : { step: index }) });
      }
      break;
    case 'statement.approve': {
      const version = number(decoded.args[2] ?? '');
      if (seq !== null && index !== null) {
        return approve(deps, caller, {
          incident: seq,
          statement: index,
          ...(version === null ? {} : { version }),
        });
      }
      break;
    }
    case 'statement.reject':
      if (seq !== null && index !== null)
        return reject(deps, caller, { incident: seq, statement: index, reason: '' });
      break;
    case 'statement.edit':
      if (seq !== null && index !== null) return editForm(deps, caller, seq, index);
      break;
    case 'room.join':
      if (seq !== null) return join(deps, caller, seq);
      break;
    case 'followup.done':
      if (seq !== null && index !== null)
        return followup(deps, caller, { incident: seq, verb: 'done', followup: index });
      break;
    case 'lockdown.request':
      if (seq !== null) return askLockdown(deps, caller, seq);
      break;
    case 'lockdown.confirm':
      if (seq !== null) return confirmLockdown(deps, caller, seq);
      break;
    case 'alert.open':
      if (TRIAGE_ID.test(first) && second) return openTriaged(deps, caller, first, second);
      break;
    case 'alert.dismiss':
      if (TRIAGE_ID.test(first)) return dismissTriaged(deps, caller, first);
      break;
    case 'alert.pick':
      if (TRIAGE_ID.test(first)) return pickTriaged(deps, caller, first);
      break;
    case 'alert.groups': {
      const offset = number(second);
      if (TRIAGE_ID.test(first) && offset !== null) return digestGroups(deps, caller, first, offset);
      break;
    }
    case 'help':
      return help(deps, caller, registry.commands);
  }
  deps.log.warn({ value }, 'unknown or malformed action');
  return problem(callerLocale(deps, caller), { key: 'errors.staleButton' });
}

const TRIAGE_ID = /^[0-9a-f]{10}$/;
const REMINDER_KEY =
  /^(step-\d{1,3}|approval-\d{1,4}|followup-\d{1,4}|cadence|no-lead|no-severity|stale|deadline)$/;
const number = (text: string): number | null => (/^\d{1,9}$/.test(text) ? Number(text) : null);

async function form(
  deps: Deps,
  caller: Caller,
  kind: FormKind,
  [first = '', second = '', third = '']: string[],
  values: Record<string, string>,
): Promise<Reply> {
  if (kind === 'open') return submitOpenForm(deps, caller, values, first || undefined);
  if (kind === 'statement.draft') return submitDraftForm(deps, caller, [first, second, third], values);
  if (kind === 'close' || kind === 'reopen') {
    const seq = number(first);
    if (seq === null) return problem(callerLocale(deps, caller), { key: 'errors.staleButton' });
    return kind === 'close'
      ? close(deps, caller, {
          incident: seq,
          resolution: values.resolution ?? '',
          finalUpdate: values.finalUpdate === 'true',
        })
      : reopen(deps, caller, { incident: seq, reason: values.reason ?? '' });
  }
  const seq = number(first);
  const index = number(second);
  if (seq === null || index === null)
    return problem(callerLocale(deps, caller), { key: 'errors.staleButton' });
  if (kind === 'statement.edit')
    return edit(deps, caller, {
      incident: seq,
      statement: index,
      text: values.text ?? '',
      variants: variantsFrom(values),
    });
  if (kind === 'statement.reject') {
    return reject(deps, caller, { incident: seq, statement: index, reason: values.reason ?? '' });
  }
  const target = { incident: seq, step: index };
  if (kind === 'step.skip')
    return step(deps, caller, { ...target, verb: 'skip', reason: values.reason ?? '' });
  const typed = (values.user ?? '').trim();
  const user = parseUser(typed) ?? parseUser(`@${typed}`);
  if (!user) return problem(callerLocale(deps, caller), { key: 'step.assignUsage' });
  return step(deps, caller, { ...target, verb: 'assign', user });
}

/**
 * Checks a form's answers without doing anything, so an adapter can refuse them on the form itself
 * (Slack's `response_action: errors` must come within the 3-second acknowledgement).
 */
export function formErrors(
  deps: Deps,
  caller: Caller,
  kind: FormKind,
  values: Record<string, string>,
): Record<string, string> | null {
  if (kind === 'open') return openFormErrors(deps, caller, values);
  const field = FORM_REQUIRED[kind];
  if ((values[field] ?? '').trim()) return null;
  return { [field]: translator(callerLocale(deps, caller), deps.timeZone)('forms.required') };
}

/** The answer each form cannot do without. */
const FORM_REQUIRED: Record<Exclude<FormKind, 'open'>, string> = {
  'step.skip': 'reason',
  'step.assign': 'user',
  'statement.draft': 'text',
  'statement.edit': 'text',
  'statement.reject': 'reason',
  close: 'resolution',
  reopen: 'reason',
};
