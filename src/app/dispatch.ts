import { help } from '../../handlers/help';
import { lang } from '../../handlers/lang';
import { list } from '../../handlers/list';
import { note } from '../../handlers/note';
import { open, pickPlaybook } from '../../handlers/open';
import { role } from '../../handlers/role';
import { sev } from '../../handlers/sev';
import { status } from '../../handlers/status';
import { step, stepForm } from '../../handlers/step';
import { helpCard } from '../cards/help';
import { decodeAction } from '../core/card';
import { type Command, parseCommand, parseSeverity, parseUser } from '../core/command';
import { translator } from '../i18n';
import type { FormKind } from '../ports/chat';
import type { Caller, Deps, Reply } from './deps';
import { callerLocale, problem } from './mutate';

/** Everything a user can do, as an adapter receives it. */
export type Interaction =
  | { type: 'command'; text: string }
  | { type: 'action'; value: string }
  | { type: 'form'; kind: FormKind; args: string[]; values: Record<string, string> };

/**
 * The one entry point adapters call. User mistakes come back as friendly replies; a bug is logged with
 * context and the user is told it failed, never left without an answer.
 */
export async function dispatch(deps: Deps, caller: Caller, interaction: Interaction): Promise<Reply> {
  try {
    switch (interaction.type) {
      case 'command':
        return await command(deps, caller, interaction.text);
      case 'action':
        return await action(deps, caller, interaction.value);
      case 'form':
        return await form(deps, caller, interaction.kind, interaction.args, interaction.values);
    }
  } catch (error) {
    deps.log.error(
      { err: error, interaction, workspace: caller.workspace, user: caller.user },
      'handler failed',
    );
    return problem(callerLocale(deps, caller), { key: 'errors.unexpected' });
  }
}

async function command(deps: Deps, caller: Caller, text: string): Promise<Reply> {
  const parsed = parseCommand(text, { playbooks: deps.playbooks.ids() });
  if (!parsed.ok) {
    const locale = callerLocale(deps, caller);
    // An unknown subcommand is answered with the help, so the user sees what exists.
    const extra =
      parsed.error.key === 'command.unknown' ? [helpCard(translator(locale), deps.playbooks.ids())] : [];
    return problem(locale, parsed.error, extra);
  }
  return run(deps, caller, parsed.value);
}

function run(deps: Deps, caller: Caller, c: Command): Promise<Reply> {
  switch (c.name) {
    case 'open':
      return open(deps, caller, c);
    case 'status':
      return status(deps, caller, c);
    case 'list':
      return list(deps, caller, c);
    case 'note':
      return note(deps, caller, c);
    case 'role':
      return role(deps, caller, c);
    case 'sev':
      return sev(deps, caller, c);
    case 'step':
      return step(deps, caller, c);
    case 'lang':
      return lang(deps, caller, c);
    case 'help':
      return help(deps, caller);
  }
}

async function action(deps: Deps, caller: Caller, value: string): Promise<Reply> {
  const decoded = decodeAction(value);
  const [first = '', second = ''] = decoded?.args ?? [];
  const seq = Number(first);
  switch (decoded?.kind) {
    case 'step.done':
      return step(deps, caller, { incident: seq, verb: 'done', step: Number(second) });
    case 'step.skip':
      return stepForm(deps, caller, 'skip', first, second);
    case 'step.assign':
      return stepForm(deps, caller, 'assign', first, second);
    case 'open.pick':
      return pickPlaybook(deps, caller, first, second);
    case 'sev.set': {
      const severity = parseSeverity(second);
      if (severity && severity !== 'invalid') return sev(deps, caller, { incident: seq, severity });
      break;
    }
    case 'help':
      return help(deps, caller);
  }
  deps.log.warn({ value }, 'unknown action');
  return problem(callerLocale(deps, caller), { key: 'errors.staleButton' });
}

async function form(
  deps: Deps,
  caller: Caller,
  kind: FormKind,
  [seq = '', index = '']: string[],
  values: Record<string, string>,
): Promise<Reply> {
  const target = { incident: Number(seq), step: Number(index) };
  if (kind === 'step.skip')
    return step(deps, caller, { ...target, verb: 'skip', reason: values.reason ?? '' });
  const user = parseUser((values.user ?? '').trim()) ?? parseUser(`@${(values.user ?? '').trim()}`);
  if (!user) return problem(callerLocale(deps, caller), { key: 'step.assignUsage' });
  return step(deps, caller, { ...target, verb: 'assign', user });
}
