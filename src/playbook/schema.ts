import { z } from 'zod';
import { FACT_TOPICS, ROLES } from '../core/types';

/*
 * The `id` in `.meta()` names a definition in playbooks/schema.json (`#/$defs/Text`), so editors show
 * one documented shape instead of the same object inlined everywhere.
 */

/** Every user-facing text in a playbook exists in the three languages. */
export const Text = z
  .object({
    en: z.string().trim().min(1, 'the English text is empty'),
    es: z.string().trim().min(1, 'the Spanish text is empty'),
    fr: z.string().trim().min(1, 'the French text is empty'),
  })
  .strict()
  .meta({
    id: 'Text',
    description:
      'A text in English, Spanish and French, each written for its readers rather than translated word for word.',
  });

const Role = z.enum(ROLES).meta({
  id: 'Role',
  description: 'A role: lead, comms, approver, scribe, listener, sme, support, legal or hr.',
});

export const Id = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lowercase letters, digits and single dashes (like hacked-account)');

const Keyword = z.string().trim().min(1, 'the keyword is empty');

const cadenceMinutes = z.number().int().positive().nullable().optional();

const approvalRoles = z.array(Role).min(1, 'at least one approval').optional();

/** A placeholder as templates write it, without its braces (src/core/placeholders.ts). */
const PlaceholderName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{0,40}$/, 'a placeholder name: letters, digits, _ or -');

/**
 * How the drafting form asks for one of a template's placeholders. A template never asserts what may be
 * false ("your passwords are safe"): such a sentence is a field the team fills with what it has
 * established, or leaves out.
 */
export const Field = z
  .object({
    prompt: Text.describe(
      "The form field's label, in a few words: what to write (Discord shows 45 characters; the rest goes in its description).",
    ),
    hint: Text.optional().describe(
      'Shown in the empty field: an example of a true answer, to write only once checked (platforms show about 100 characters).',
    ),
    optional: z
      .boolean()
      .default(false)
      .describe(
        'The team may leave it out: answering “-” removes the whole line holding it from the statement, so write the field on a line of its own.',
      ),
    fact: z
      .union([z.literal(true), z.enum(FACT_TOPICS), z.array(z.enum(FACT_TOPICS)).min(1)])
      .optional()
      .describe(
        "The answer is the team's statement of fact on this topic or these topics (data, payment, passwords, access), or on those its words name (true, as `/crisis fact` reads them): filling it records it on the incident with who and when, and backs a reassurance on them (docs/statements.md).",
      ),
  })
  .strict()
  .meta({ id: 'Field', description: "How the drafting form asks for one of the template's placeholders." });

export const Step = z
  .object({
    id: Id.describe('Stable id of the step, unique within the playbook (like kill-switch).'),
    title: Text.describe('Short imperative title shown on the step card.'),
    role: Role.describe('Who does the step.'),
    due: z
      .number()
      .int()
      .min(0)
      .describe('When the step is due, in minutes from opening (0: at once). Overdue steps are nagged.'),
    what: Text.describe('What to do, in a few sentences.'),
    approval: z
      .array(Role)
      .default([])
      .describe('Roles that must approve before the step counts as done (empty: no approval needed).'),
    action: z
      .enum(['raid-lockdown'])
      .optional()
      .describe(
        'A platform action the step offers as a button where the platform has it. raid-lockdown: pause invites and DMs on a Discord server for 24 hours (Discord incident actions), asked by one responder and confirmed by another who may approve.',
      ),
    statement: z
      .enum(['holding', 'full', 'update'])
      .optional()
      .describe(
        "What the step's template is: a holding statement (the first word), a full statement, or a recurring status update. With the playbook's posture it decides what the statement checklist expects of the template (`npm run playbooks:check`) and of every draft made from it (docs/statements.md).",
      ),
    template: Text.optional().describe(
      'A statement template offered when drafting from this step; {placeholders} in braces are filled in by the author.',
    ),
    fields: z
      .record(PlaceholderName, Field)
      .optional()
      .describe(
        "How the drafting form asks for some of the template's placeholders, by name (without braces): a prompt in each language, and whether the team may leave the line out.",
      ),
    recurring: z
      .boolean()
      .optional()
      .describe(
        'The step is the recurring status update (needs `statement: update`): the cadence reminds it, so it has no step reminder or escalation of its own, and the first published update marks it done.',
      ),
  })
  .strict()
  .refine((step) => !step.recurring || step.statement === 'update', {
    message: 'a recurring step is the status update: give it `statement: update`',
    path: ['recurring'],
  })
  .superRefine((step, ctx) => {
    for (const name of Object.keys(step.fields ?? {})) {
      const missing = (['en', 'es', 'fr'] as const).filter((l) => !step.template?.[l].includes(`{${name}}`));
      if (missing.length > 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['fields', name],
          message: `the template never says {${name}} (${missing.join(', ')}): a field asks for a placeholder of its template`,
        });
      }
    }
  })
  .meta({ id: 'Step', description: 'One step of the playbook: who does what, by when.' });

/** Coombs' SCCT crisis clusters, by how much responsibility the public attributes to us. */
export const POSTURE_CLUSTERS = ['victim', 'accidental', 'preventable', 'none'] as const;
/** Response strategies a playbook's statements follow (SCCT, plus instructing information first). */
export const RESPONSE_STRATEGIES = [
  'instruct',
  'apology',
  'correction',
  'compensation',
  'rebuttal',
  'clarification',
] as const;

const Posture = z
  .object({
    cluster: z
      .enum(POSTURE_CLUSTERS)
      .describe(
        'SCCT cluster: victim (little responsibility: an attack, a rumour), accidental (low: a mistake, an outage), preventable (high: misconduct, negligence); none: not a crisis (an audit).',
      ),
    strategies: z
      .array(z.enum(RESPONSE_STRATEGIES))
      .min(1, 'name at least one strategy')
      .describe(
        'What the statements do, in order: instruct (what people must do to protect themselves), apology, correction (what we fix or change), compensation, rebuttal (facts against a false claim), clarification (facts for a misunderstanding).',
      ),
    why: Text.describe(
      'Why this posture fits, in a sentence or two: shown to responders when the incident opens.',
    ),
  })
  .strict()
  .refine((posture) => !(posture.strategies.includes('apology') && posture.strategies.includes('rebuttal')), {
    message: 'never mix denial with apology: a posture cannot have both rebuttal and apology',
    path: ['strategies'],
  })
  .meta({ id: 'Posture', description: 'The response posture (Coombs, SCCT): how much to rebuild.' });

export const Playbook = z
  .object({
    id: Id.describe('The playbook id used in `/crisis open <id> ...`; the file is named after it.'),
    title: Text.describe('Name of the playbook, shown when choosing one.'),
    description: Text.describe('When to use this playbook.'),
    severity: z.number().int().min(1).max(4).describe('Default severity, 1 (worst) to 4.'),
    kind: z
      .enum(['crisis', 'audit'])
      .default('crisis')
      .describe(
        'crisis: opened when something goes wrong. audit: a checklist run on a schedule (calma.yaml `audits`), not a crisis, left out of crisis metrics.',
      ),
    private: z.boolean().default(false).describe('Open the incident channel as private.'),
    codename: z
      .boolean()
      .default(false)
      .describe(
        'Name the channel and announce the incident with an innocuous codename instead of its title (a data breach must not leak through a channel list).',
      ),
    posture: Posture.describe(
      'The response posture: which of apology, correction, compensation, rebuttal fits, and why.',
    ),
    roles: z.array(Role).min(1).describe('Roles this playbook needs filled.'),
    keywords: z
      .object({ en: z.array(Keyword), es: z.array(Keyword), fr: z.array(Keyword) })
      .strict()
      .optional()
      .describe(
        'Words or phrases in an incident title that suggest this playbook, in any of the three languages (matched as whole words, ignoring case and accents).',
      ),
    cadence: z
      .object({
        sev1: cadenceMinutes,
        sev2: cadenceMinutes,
        sev3: cadenceMinutes,
        sev4: cadenceMinutes,
      })
      .strict()
      .optional()
      .describe("Minutes between status-update reminders by severity, overriding calma.yaml's; null: none."),
    approvals: z
      .object({ sev1: approvalRoles, sev2: approvalRoles, sev3: approvalRoles, sev4: approvalRoles })
      .strict()
      .optional()
      .describe(
        "Who must approve a public statement by severity, overriding calma.yaml's `statements.approvals` (like legal for a data breach): each role is one approval by a different person, never the author.",
      ),
    rules: z.array(Text).default([]).describe('Rules shown to responders for the whole incident.'),
    steps: z.array(Step).min(1, 'a playbook needs at least one step').describe('The steps, in order.'),
  })
  .strict()
  .superRefine((playbook, ctx) => {
    const seen = new Set<string>();
    playbook.steps.forEach((step, index) => {
      if (seen.has(step.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['steps', index, 'id'],
          message: `duplicate step id "${step.id}"`,
        });
      }
      seen.add(step.id);
    });
  });

export type Text = z.infer<typeof Text>;
export type Step = z.infer<typeof Step>;
export type Field = z.infer<typeof Field>;
export type Playbook = z.infer<typeof Playbook>;
