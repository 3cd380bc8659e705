import { z } from 'zod';
import { checklistContext } from '../src/app/checklist-context';
import { defineCommand, incidentArg, option } from '../src/app/command';
import type { Caller, Deps, Reply } from '../src/app/deps';
import { callerLocale, mutateIncident, problem } from '../src/app/mutate';
import { showDraft } from '../src/app/statement-room';
import { targetIncident } from '../src/app/target';
import { variantFields } from '../src/app/variant-form';
import { numbered, text } from '../src/core/command';
import type { NetworkId } from '../src/core/networks';
import { editStatement, findStatement, MAX_STATEMENT_CHARS } from '../src/core/statement';
import { translator } from '../src/i18n';
import { FORM_FIELDS } from '../src/ports/chat';

/**
 * `/crisis edit S<n> <text>` rewrites a draft, whose approvals start over; with no text, or from the
 * Edit button, it opens the form holding the current text.
 */
export async function edit(
  deps: Deps,
  caller: Caller,
  command: {
    incident?: number;
    statement: number;
    text: string;
    /** The form's variant fields: these networks' variants from now on (empty: none); others kept. */
    variants?: Partial<Record<NetworkId, string>>;
  },
): Promise<Reply> {
  if (!command.text.trim()) return editForm(deps, caller, command.incident, command.statement);
  const result = await mutateIncident(deps, caller, command.incident, (incident, now) => {
    const statement = incident.statements?.find((s) => s.n === command.statement);
    const context = checklistContext(deps, incident, statement?.step);
    const variants = command.variants && { ...statement?.variants, ...command.variants };
    return editStatement(incident, command.statement, command.text, caller.user, now, context, variants);
  });
  if (!result.ok) return problem(callerLocale(deps, caller), result.error);
  return showDraft(deps, caller, result.value, command.statement, 'statement.edited');
}

/** The Edit button: the form with the current text in it. */
export async function editForm(
  deps: Deps,
  caller: Caller,
  seq: number | undefined,
  n: number,
): Promise<Reply> {
  const target = await targetIncident(deps, caller, seq);
  if (!target.ok) return problem(callerLocale(deps, caller), target.error);
  const incident = target.value;
  const found = findStatement(incident, n);
  if (!found.ok) return problem(callerLocale(deps, caller), found.error);
  if (found.value.status === 'published') {
    return problem(callerLocale(deps, caller), { key: 'statement.published', params: { n } });
  }
  const t = translator(incident.locale, deps.timeZone);
  return {
    cards: [],
    form: {
      submit: { kind: 'statement.edit', args: [String(incident.seq), String(n)] },
      title: t('statement.forms.editTitle', { n }),
      fields: [
        {
          id: 'text',
          label: t('statement.forms.text'),
          type: 'longtext',
          maxLength: MAX_STATEMENT_CHARS,
          initial: found.value.text,
        },
        ...variantFields(deps.networks, t, FORM_FIELDS - 1, found.value.variants),
      ],
    },
  };
}

export const editCommand = defineCommand({
  name: 'edit',
  names: { es: 'editar', fr: 'modifier', also: ['réécrire'] },
  // Empty: the handler answers with the form, holding the current text.
  args: z.object({ incident: incidentArg, statement: z.number(), text: z.string().default('') }),
  read: [numbered('statement', 'S', { key: 'statement.editUsage' }), text('text', 'kept')],
  options: [
    option.integer('statement', 'statement', { required: true }),
    option.string('text', 'editText', { max: MAX_STATEMENT_CHARS }),
    option.incident(),
  ],
  usage: (a) => `edit S<n> [${a('text')}]`,
  help: 'help.edit',
  access: 'anyone',
  run: edit,
});
