import { z } from 'zod';
import { NETWORK_IDS } from '../core/networks';
import { FACT_TOPICS, ROLES } from '../core/types';
import { PLATFORM_IDS, PLATFORM_NAMES, RECHECK_MONTHS } from './platforms';

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

/** The longest a platform fact may be in any language: two lines on a card, not a help page. */
export const PLATFORM_FACT_MAX = 300;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A `YYYY-MM-DD` that names a real day (no 2026-02-30); the format itself is checked before. */
function isCalendarDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return true;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const CHECKED_FORMAT = 'write the day it was checked as YYYY-MM-DD, like 2026-12-07';

const SOURCE_FORMAT =
  "write the https:// address of the platform's help page the fact was checked against, like https://help.x.com/en/…";

export const PlatformFact = z
  .object({
    platform: z.enum(PLATFORM_IDS, { error: `a platform calma knows: ${PLATFORM_IDS.join(', ')}` }).describe(
      `The platform the fact is about, shown by its name on the step card: ${Object.entries(PLATFORM_NAMES)
        .map(([id, name]) => `${id} (${name})`)
        .join(', ')}.`,
    ),
    checked: z
      .string({ error: `${CHECKED_FORMAT} (in quotes if your editor turns it into a date)` })
      .regex(DATE, CHECKED_FORMAT)
      .refine(isCalendarDate, 'there is no such day: check the month and the day')
      .describe(
        `The day someone compared the fact with its \`source\` (the platform's own help), YYYY-MM-DD. Step cards say when it was checked; \`npm run playbooks:check\` warns once it is over ${RECHECK_MONTHS} months old, or in the future.`,
      ),
    source: z
      .url({ protocol: /^https$/, error: SOURCE_FORMAT })
      .optional()
      .describe(
        "The https address of the platform's own help page (or official blog or announcement) the fact was compared with on the day it was `checked`: for whoever rechecks it, not shown on step cards. `npm run playbooks:check` warns when a fact has none.",
      ),
    how: Text.describe(
      `How to do the step on this platform today, in a line or two (at most ${PLATFORM_FACT_MAX} characters per language): short menu paths ("Business settings → People") and official addresses, not click-by-click instructions that change every few months.`,
    ),
  })
  .strict()
  .superRefine((fact, ctx) => {
    for (const [locale, text] of Object.entries(fact.how)) {
      if (text.length > PLATFORM_FACT_MAX) {
        ctx.addIssue({
          code: 'custom',
          path: ['how', locale],
          message: `${text.length} characters: keep a platform fact within ${PLATFORM_FACT_MAX} (a line or two), and leave the rest to the platform's help`,
        });
      }
    }
  })
  .meta({
    id: 'PlatformFact',
    description:
      'How a step is done on one platform as checked on a given day: menus and recovery flows change, so each fact carries the date it was last verified.',
  });
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
    platforms: z
      .array(PlatformFact)
      .min(1, 'list at least one platform, or leave `platforms` out')
      .superRefine((facts, ctx) => {
        const seen = new Set<string>();
        facts.forEach((fact, index) => {
          if (seen.has(fact.platform)) {
            ctx.addIssue({
              code: 'custom',
              path: [index, 'platform'],
              message: `${fact.platform} is already listed in this step: one fact per platform, merge the two`,
            });
          }
          seen.add(fact.platform);
        });
      })
      .optional()
      .describe(
        'How to do this step on each platform a brand uses, one short dated fact per platform, shown under the step text. Put a fact in the step that needs it, not in a list at the end of the playbook.',
      ),
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
    variants: z
      .partialRecord(z.enum(NETWORK_IDS), Text)
      .optional()
      .describe(
        "Short versions of the template for some networks (x, bluesky…), filled like the template; a draft carries those of the networks calma.yaml's `networks` lists. Each must fit its network's limit with its placeholders filled (a library test checks the shipped ones).",
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

/**
 * The seed rules every social playbook keeps (docs/crisis-craft.md): a rule that says one of them carries
 * its id, so `npm run playbooks:check` can tell a playbook that lacks it (seed-rule-check.ts).
 */
export const SEED_RULES = [
  'never-delete-criticism',
  'block-last-resort',
  'answer-every-question',
  'reply-public-and-private',
] as const;

const SeedRule = z.enum(SEED_RULES).meta({
  id: 'SeedRule',
  description:
    "A seed rule: never-delete-criticism (never delete or hide negative comments or criticism), block-last-resort (blocking is the last resort, with the lead's approval, logged), answer-every-question, reply-public-and-private.",
});

const Rule = Text.extend({
  id: SeedRule.optional().describe(
    'The seed rule this rule states, if it is one (checked by `npm run playbooks:check`, never shown to responders).',
  ),
}).meta({ id: 'Rule', description: 'A rule for the whole incident, in English, Spanish and French.' });
const Deadline = z
  .object({
    name: Text.describe(
      'What the deadline is for, as the summary card labels it (like "GDPR notification to the authority").',
    ),
    step: Id.describe(
      'The id of the step that meets it: once that step is done or skipped, the clock stops.',
    ),
    within: z
      .number()
      .int()
      .positive()
      .describe(
        'How long, in minutes after the team became aware (`/crisis aware <time>`): 4320 for 72 hours.',
      ),
    remind: z
      .array(z.number().int().positive())
      .default([])
      .describe(
        'When to remind the team, in minutes after awareness, ascending and before `within` (2880, 3600 and 4200 for 48, 60 and 70 hours).',
      ),
  })
  .strict()
  .refine(
    (deadline) =>
      deadline.remind.every((m, i, all) => m < deadline.within && (i === 0 || m > (all[i - 1] ?? 0))),
    {
      message: 'reminders come in ascending order, each before `within`',
      path: ['remind'],
    },
  )
  .meta({
    id: 'Deadline',
    description:
      'A notification deadline that counts from when the team became aware, not from the opening (GDPR art. 33: 72 hours). The pinned summary counts it down and reminders come at `remind`.',
  });

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
    social: z
      .boolean()
      .optional()
      .describe(
        'The responders face the public on social media, so the playbook keeps the seed rules (`npm run playbooks:check` says which one is missing). Default: true for a crisis, false for an audit.',
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
    deadline: Deadline.optional().describe(
      'A deadline counting from awareness, recorded with `/crisis aware <time>` (a data breach: notify the authority within 72 hours).',
    ),
    rules: z.array(Rule).default([]).describe('Rules shown to responders for the whole incident.'),
    waived: z
      .partialRecord(
        SeedRule,
        Text.describe('Why the seed rule does not apply to this playbook, in a sentence.'),
      )
      .optional()
      .describe(
        'Seed rules that do not apply to this social playbook, each with the reason (like `answer-every-question: { en: …, es: …, fr: … }`).',
      ),
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
    const stated = new Set<string>();
    playbook.rules.forEach((rule, index) => {
      if (!rule.id) return;
      if (stated.has(rule.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', index, 'id'],
          message: `another rule already states "${rule.id}": say it in one rule`,
        });
      }
      if (playbook.waived?.[rule.id]) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', index, 'id'],
          message: `"${rule.id}" is both stated here and waived: keep the rule or the waiver`,
        });
      }
      stated.add(rule.id);
    });
    if (playbook.deadline && !seen.has(playbook.deadline.step)) {
      ctx.addIssue({
        code: 'custom',
        path: ['deadline', 'step'],
        message: `no step "${playbook.deadline.step}" to meet the deadline`,
      });
    }
  });

export type Text = z.infer<typeof Text>;
export type Step = z.infer<typeof Step>;
export type PlatformFact = z.infer<typeof PlatformFact>;
export type Field = z.infer<typeof Field>;
export type Playbook = z.infer<typeof Playbook>;
export type SeedRule = (typeof SEED_RULES)[number];
