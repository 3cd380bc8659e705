import { z } from 'zod';
import { statementApprovals } from '../src/app/approvers';
import { checklistContext } from '../src/app/checklist-context';
import { defineCommand, incidentArg, option } from '../src/app/command';
import type { Caller, Deps, Reply } from '../src/app/deps';
import { callerLocale, mutateIncident, problem } from '../src/app/mutate';
import { playbookOf } from '../src/app/room';
import { showDraft } from '../src/app/statement-room';
import { targetIncident } from '../src/app/target';
import { knownFacts, nextUpdatePromise } from '../src/app/template';
import { variantFields, variantsFrom } from '../src/app/variant-form';
import { clock, local } from '../src/cards/format';
import { factTopics } from '../src/core/checklist';
import { text, word } from '../src/core/command';
import { MAX_FACT_CHARS, recordFact } from '../src/core/facts';
import { fold } from '../src/core/grammar';
import type { NetworkId } from '../src/core/networks';
import { fillPlaceholders, LEAVE_OUT, placeholders, withoutLines } from '../src/core/placeholders';
import { ok, type Result } from '../src/core/result';
import { draftedBy, draftStatement, MAX_STATEMENT_CHARS } from '../src/core/statement';
import type { Change, Incident, UserId } from '../src/core/types';
import { catalogues, type MessageKey, type Translator, translator } from '../src/i18n';
import type { Field } from '../src/playbook/schema';
import { type StatementKind, templateStep } from '../src/playbook/template-step';
import { FORM_FIELDS, type Form, type FormField } from '../src/ports/chat';

/**
 * `/crisis update <text>` drafts a public statement; with no text (or from a step's "Use template" or a
 * reminder's "Draft update") it opens the drafting form; `/crisis update holding|update|final` opens it
 * with the playbook's template of that kind. Nothing is published here: a draft waits for approval
 * (handlers/approve.ts).
 */
export async function update(
  deps: Deps,
  caller: Caller,
  command: {
    incident?: number;
    text: string;
    kind?: StatementKind;
    step?: number;
    targets?: string[];
    /** The next update (epoch ms) calma filled into the template's `{next_update}`. */
    promised?: number;
    /** The drafting form's answers, by placeholder: filled into `text` with the step's fields. */
    fills?: Record<string, string>;
    /** The drafting form's variant fields. */
    variants?: Partial<Record<NetworkId, string>>;
  },
): Promise<Reply> {
  if (!command.text.trim()) {
    const target = await targetIncident(deps, caller, command.incident);
    if (!target.ok) return problem(callerLocale(deps, caller), target.error);
    let step = command.step;
    if (command.kind) {
      const playbook = playbookOf(deps, target.value);
      const found = templateStep(playbook, command.kind);
      if (found === null) {
        const t = translator(callerLocale(deps, caller), deps.timeZone);
        return problem(t.locale, {
          key: 'statement.noTemplate',
          params: { playbook: playbook.id, kind: t(`statement.kind.${command.kind}`) },
        });
      }
      step = found;
    }
    return { cards: [], form: draftForm(deps, target.value, step) };
  }
  let n = 0;
  const result = await mutateIncident(deps, caller, command.incident, (incident, now) => {
    const step = command.step === undefined ? undefined : playbookOf(deps, incident).steps[command.step];
    const answered = answerFields(
      incident,
      command.text,
      command.fills ?? {},
      step?.fields ?? {},
      caller.user,
      now,
    );
    if (!answered.ok) return answered;
    const { text, change } = answered.value;
    const variants = filledVariants(
      { ...templateVariants(deps, incident, command.step), ...command.variants },
      command.fills ?? {},
    );
    const drafted = draftStatement(change.incident, {
      text,
      by: caller.user,
      variants,
      ...(command.step === undefined ? {} : { step: command.step }),
      requires: statementApprovals(deps, incident),
      targets: command.targets ?? deps.outboundTargets,
      now,
      checklist: checklistContext(deps, incident, command.step),
      ...(command.promised === undefined ? {} : { promise: promiseOf(deps, incident, command.promised) }),
      ...(caller.request === undefined ? {} : { request: caller.request }),
    });
    if (!drafted.ok) return drafted;
    const statements = drafted.value.incident.statements ?? [];
    n = draftedBy(drafted.value.incident, caller.request)?.n ?? statements.length;
    return ok({ incident: drafted.value.incident, events: [...change.events, ...drafted.value.events] });
  });
  if (!result.ok) return problem(callerLocale(deps, caller), result.error);
  return showDraft(deps, caller, result.value, n, 'statement.drafted');
}

/**
 * The form's answers in the text: an optional field answered “-” takes its line out, the others fill
 * their placeholder, and a field that states a fact (`fact: payment`) records its line, as answered, on
 * the incident with who and when, before the draft is checked: the team's own words back the reassurance.
 */
function answerFields(
  incident: Incident,
  text: string,
  fills: Record<string, string>,
  fields: Record<string, Field>,
  by: UserId,
  now: Date,
): Result<{ text: string; change: Change }> {
  const leftOut = Object.keys(fills).filter(
    (name) => fieldOf(fields, name)?.optional && fills[name]?.trim() === LEAVE_OUT,
  );
  // "-" for a field that cannot be left out is no answer: its placeholder stays, to fill before approval.
  const kept = Object.fromEntries(Object.entries(fills).filter(([, answer]) => answer.trim() !== LEAVE_OUT));
  const lines = text.split('\n');
  let change: Change = { incident, events: [] };
  for (const [name, field] of Object.entries(fields)) {
    const answer = kept[name]?.trim();
    const line = lines.find((l) => l.includes(`{${name}}`));
    if (!field.fact || !answer || line === undefined) continue;
    // `fact: true`: the topics its words name; an answer that names none ("our other accounts") is no fact.
    const topics = field.fact === true ? factTopics(answer, incident.locale) : [field.fact].flat();
    if (topics.length === 0) continue;
    // The fact is the sentence as published ("Your passwords: safe, as…"), or the answer when that is too long.
    const said = fillPlaceholders(line, kept).trim();
    const recorded = recordFact(
      change.incident,
      { text: said.length <= MAX_FACT_CHARS ? said : answer, topics },
      by,
      now,
    );
    if (!recorded.ok) return recorded;
    change = { incident: recorded.value.incident, events: [...change.events, ...recorded.value.events] };
  }
  const shortened = leftOut.length > 0 ? withoutLines(text, leftOut) : text;
  return ok({ text: fillPlaceholders(shortened, kept), change });
}

/**
 * The step's template variants for the networks calma.yaml asks for, with what calma knows filled in
 * (as the drafting form fills the text). A form's variant field, when it had room for one, replaces it.
 */
function templateVariants(deps: Deps, incident: Incident, step: number | undefined) {
  const variants = step === undefined ? undefined : playbookOf(deps, incident).steps[step]?.variants;
  if (!variants) return {};
  const t = translator(incident.locale, deps.timeZone);
  const known = knownFacts(deps, incident);
  return Object.fromEntries(
    (deps.networks ?? []).flatMap((network) => {
      const variant = variants[network];
      return variant ? [[network, fillPlaceholders(local(variant, t), known)]] : [];
    }),
  );
}

/** The form's answers filled into the variants too (“-” leaves a placeholder for the author to fill). */
function filledVariants(variants: Partial<Record<NetworkId, string>>, fills: Record<string, string>) {
  const answers = Object.fromEntries(
    Object.entries(fills).filter(([, answer]) => answer.trim() !== LEAVE_OUT),
  );
  return Object.fromEntries(
    Object.entries(variants).map(([network, variant]) => [network, fillPlaceholders(variant, answers)]),
  );
}

/** How a filled `{next_update}` reads in the statement: the time of day in the team's zone. */
function promiseOf(deps: Deps, incident: Incident, at: number) {
  return {
    at: new Date(at).toISOString(),
    text: clock(new Date(at), translator(incident.locale, deps.timeZone)),
  };
}

/** A placeholder's answer comes back as this field. */
const FILL = 'fill:';

/**
 * The drafting form: a large text box and where it goes. From a template, the text comes with what calma
 * knows already filled in, and each placeholder it cannot know is its own field, asked before the draft
 * exists.
 */
export function draftForm(deps: Deps, incident: Incident, step?: number): Form {
  const t = translator(incident.locale, deps.timeZone);
  const stepOf = step === undefined ? undefined : playbookOf(deps, incident).steps[step];
  const template = stepOf?.template;
  const fields = stepOf?.fields ?? {};
  const filled = template ? fillPlaceholders(local(template, t), knownFacts(deps, incident)) : undefined;
  // Drills never leave the chat: no target to choose.
  const targets = incident.drill ? [] : deps.outboundTargets;
  const asked = askedFirst(
    placeholders(filled ?? ''),
    fields,
    FORM_FIELDS - 1 - (targets.length > 0 ? 1 : 0),
  );
  // The next update filled in travels with the form: the draft records it while its text still says it.
  const promise =
    template && placeholders(local(template, t)).includes('next_update')
      ? nextUpdatePromise(deps, incident)
      : null;
  return {
    submit: {
      kind: 'statement.draft',
      args: [
        String(incident.seq),
        step === undefined ? '' : String(step),
        ...(promise ? [String(Date.parse(promise.at))] : []),
      ],
    },
    title: t('statement.forms.draftTitle', { seq: incident.seq }),
    fields: [
      {
        id: 'text',
        label: t('statement.forms.text'),
        type: 'longtext',
        maxLength: MAX_STATEMENT_CHARS,
        ...(filled ? { initial: filled } : {}),
        placeholder: t('statement.forms.placeholder'),
      },
      ...asked.map(
        (name): FormField => ({
          id: FILL + name,
          label: fieldLabel(t, name, fieldOf(fields, name)),
          type: 'text',
          maxLength: 500,
          placeholder: hintOf(t, name, fieldOf(fields, name)),
          // Left empty, it stays a placeholder, which no approval lets through; its line may have been cut.
          optional: true,
        }),
      ),
      ...targets.map((name) => ({
        id: `target:${name}`,
        label: t('statement.forms.sendTo', { name }),
        type: 'checkbox' as const,
        initial: 'true',
        // Unticked is an answer: a required checkbox could not be submitted empty (Slack refuses it).
        optional: true,
      })),
      // Variants take the room placeholders and targets leave; the others: `/crisis variant`.
      ...variantFields(
        deps.networks,
        t,
        FORM_FIELDS - 1 - asked.length - (targets.length > 0 ? 1 : 0),
        templateVariants(deps, incident, step),
      ),
    ],
  };
}

/**
 * The placeholders the form asks, in the order the text names them: those the step's `fields` describe
 * first when there is no room for all (a reassurance must not be left to find in the text box).
 */
function askedFirst(names: string[], fields: Record<string, Field>, room: number): string[] {
  const described = names.filter((name) => fieldOf(fields, name));
  const chosen = new Set([...described, ...names.filter((name) => !fieldOf(fields, name))].slice(0, room));
  return names.filter((name) => chosen.has(name));
}

/** The step's description of a placeholder, if it has one (own keys only: a placeholder may be `{constructor}`). */
const fieldOf = (fields: Record<string, Field>, name: string): Field | undefined =>
  Object.hasOwn(fields, name) ? fields[name] : undefined;

/** A field's label: the playbook's prompt, saying when “-” leaves its line out; else the placeholder's. */
function fieldLabel(t: Translator, name: string, field: Field | undefined): string {
  if (!field) return placeholderLabel(t, name);
  const prompt = local(field.prompt, t);
  return field.optional ? t('statement.forms.removable', { label: prompt }) : prompt;
}

/** What the empty field shows: the playbook's example of a true answer, else what the field replaces. */
function hintOf(t: Translator, name: string, field: Field | undefined): string {
  return field?.hint ? local(field.hint, t) : t('statement.forms.fillHint', { placeholder: `{${name}}` });
}

/** A placeholder's field label in the incident's language; a team's own placeholder reads as its words. */
function placeholderLabel(t: Translator, name: string): string {
  return Object.hasOwn(catalogues.en.statement.field, name)
    ? t(`statement.field.${name}` as MessageKey)
    : name.replace(/[_-]+/g, ' ');
}

/** The drafting form's answers: the text with the placeholders asked filled in, and the targets left ticked. */
export function submitDraftForm(
  deps: Deps,
  caller: Caller,
  [seq = '', step = '', promised = '']: string[],
  values: Record<string, string>,
): Promise<Reply> {
  const targets = deps.outboundTargets.filter((name) => values[`target:${name}`] !== 'false');
  const fills = Object.fromEntries(
    Object.entries(values)
      .filter(([id]) => id.startsWith(FILL))
      .map(([id, value]) => [id.slice(FILL.length), value]),
  );
  return update(deps, caller, {
    incident: Number(seq),
    text: values.text ?? '',
    fills,
    variants: variantsFrom(values),
    ...(/^\d{1,3}$/.test(step) ? { step: Number(step) } : {}),
    ...(/^\d{1,15}$/.test(promised) ? { promised: Number(promised) } : {}),
    targets,
  });
}

/** `/crisis update holding`: the kinds of template, as typed in the three languages (accents removed). */
const KIND_WORDS: Record<string, StatementKind> = {
  holding: 'holding',
  espera: 'holding',
  attente: 'holding',
  update: 'update',
  actualizacion: 'update',
  point: 'update',
  final: 'full',
  full: 'full',
  completo: 'full',
  complet: 'full',
};

const kindOf = (value: unknown): StatementKind | undefined =>
  typeof value === 'string' ? KIND_WORDS[fold(value.trim())] : undefined;

/** A kind of template, only when it is the whole text: `update holding on…` is a statement. */
const statementKind = word('kind', (token, input, at) => {
  const kind = at === input.tokens.length - 1 ? kindOf(token) : undefined;
  return kind ? ok(kind) : null;
});

export const updateCommand = defineCommand({
  name: 'update',
  names: { es: 'comunicado', fr: 'communiqué' },
  // Empty: the handler answers with the drafting form.
  args: z.object({
    incident: incidentArg,
    kind: z.enum(['holding', 'update', 'full']).optional(),
    text: z.string().default(''),
  }),
  read: [statementKind, text('text', 'kept')],
  options: [
    option.string('text', 'updateText', { max: MAX_STATEMENT_CHARS }),
    option.string('kind', 'statementKind', { read: (value) => kindOf(value) ?? value }),
    option.incident(),
  ],
  usage: (a) => `update [${a('kinds')}|${a('text')}]`,
  help: 'help.update',
  access: 'anyone',
  run: update,
});
