import { z } from 'zod';
import { statementApprovals } from '../src/app/approvers';
import { defineCommand, incidentArg, option } from '../src/app/command';
import type { Caller, Deps, Reply } from '../src/app/deps';
import { callerLocale, mutateIncident, problem } from '../src/app/mutate';
import { playbookOf } from '../src/app/room';
import { showDraft } from '../src/app/statement-room';
import { targetIncident } from '../src/app/target';
import { local } from '../src/cards/format';
import { text } from '../src/core/command';
import { draftStatement, MAX_STATEMENT_CHARS } from '../src/core/statement';
import type { Incident } from '../src/core/types';
import { translator } from '../src/i18n';
import type { Form } from '../src/ports/chat';

/**
 * `/crisis update <text>` drafts a public statement; with no text (or from a step's "Use template" or a
 * reminder's "Draft update") it opens the drafting form. Nothing is published here: a draft waits for
 * approval (handlers/approve.ts).
 */
export async function update(
  deps: Deps,
  caller: Caller,
  command: { incident?: number; text: string; step?: number; targets?: string[] },
): Promise<Reply> {
  if (!command.text.trim()) {
    const target = await targetIncident(deps, caller, command.incident);
    if (!target.ok) return problem(callerLocale(deps, caller), target.error);
    return { cards: [], form: draftForm(deps, target.value, command.step) };
  }
  let n = 0;
  const result = await mutateIncident(deps, caller, command.incident, (incident, now) => {
    const drafted = draftStatement(incident, {
      text: command.text,
      by: caller.user,
      ...(command.step === undefined ? {} : { step: command.step }),
      requires: statementApprovals(deps, incident),
      targets: command.targets ?? deps.outboundTargets,
      now,
    });
    if (drafted.ok) n = drafted.value.incident.statements?.length ?? 0;
    return drafted;
  });
  if (!result.ok) return problem(callerLocale(deps, caller), result.error);
  return showDraft(deps, caller, result.value, n, 'statement.drafted');
}

/** The drafting form: a large text box, pre-filled with the step's template, and where it goes. */
export function draftForm(deps: Deps, incident: Incident, step?: number): Form {
  const t = translator(incident.locale);
  const template = step === undefined ? undefined : playbookOf(deps, incident).steps[step]?.template;
  return {
    submit: { kind: 'statement.draft', args: [String(incident.seq), step === undefined ? '' : String(step)] },
    title: t('statement.forms.draftTitle', { seq: incident.seq }),
    fields: [
      {
        id: 'text',
        label: t('statement.forms.text'),
        type: 'longtext',
        maxLength: MAX_STATEMENT_CHARS,
        ...(template ? { initial: local(template, t) } : {}),
        placeholder: t('statement.forms.placeholder'),
      },
      // Drills never leave the chat: no target to choose.
      ...(incident.drill
        ? []
        : deps.outboundTargets.map((name) => ({
            id: `target:${name}`,
            label: t('statement.forms.sendTo', { name }),
            type: 'checkbox' as const,
            initial: 'true',
            // Unticked is an answer: a required checkbox could not be submitted empty (Slack refuses it).
            optional: true,
          }))),
    ],
  };
}

/** The drafting form's answers: the text, and the targets left ticked. */
export function submitDraftForm(
  deps: Deps,
  caller: Caller,
  [seq = '', step = '']: string[],
  values: Record<string, string>,
): Promise<Reply> {
  const targets = deps.outboundTargets.filter((name) => values[`target:${name}`] !== 'false');
  return update(deps, caller, {
    incident: Number(seq),
    text: values.text ?? '',
    ...(/^\d{1,3}$/.test(step) ? { step: Number(step) } : {}),
    targets,
  });
}

export const updateCommand = defineCommand({
  name: 'update',
  names: { es: 'comunicado', fr: 'communiqué' },
  // Empty: the handler answers with the drafting form.
  args: z.object({ incident: incidentArg, text: z.string().default('') }),
  read: [text('text', 'kept')],
  options: [option.string('text', 'updateText', { max: MAX_STATEMENT_CHARS }), option.incident()],
  usage: (a) => `update [${a('text')}]`,
  help: 'help.update',
  access: 'anyone',
  run: update,
});
