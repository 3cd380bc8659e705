import { z } from 'zod';
import { checklistContext } from '../src/app/checklist-context';
import { defineCommand, incidentArg, option } from '../src/app/command';
import type { Caller, Deps, Reply } from '../src/app/deps';
import { callerLocale, mutateIncident, problem } from '../src/app/mutate';
import { showDraft } from '../src/app/statement-room';
import { numbered, text, word } from '../src/core/command';
import { fold } from '../src/core/grammar';
import { MAX_VARIANT_CHARS, NETWORK_IDS, type NetworkId } from '../src/core/networks';
import { fail, ok } from '../src/core/result';
import { editStatement, findStatement } from '../src/core/statement';

/** What removes a variant instead of setting it. */
const REMOVE = '-';

/**
 * `/crisis variant S<n> <network> <text>` sets a draft's variant for one network (`-` removes it). Like
 * an edit of the text, it voids the approvals given: one approval covers the text and every variant.
 */
export async function variant(
  deps: Deps,
  caller: Caller,
  command: { incident?: number; statement: number; network: NetworkId; text: string },
): Promise<Reply> {
  const result = await mutateIncident(deps, caller, command.incident, (incident, now) => {
    const found = findStatement(incident, command.statement);
    if (!found.ok) return found;
    const statement = found.value;
    const { [command.network]: previous, ...others } = statement.variants ?? {};
    const typed = command.text.trim();
    if (typed === REMOVE && previous === undefined) {
      return fail('variant.none', { n: statement.n, network: command.network });
    }
    const variants = typed === REMOVE ? others : { ...others, [command.network]: typed };
    const context = checklistContext(deps, incident, statement.step);
    return editStatement(incident, statement.n, statement.text, caller.user, now, context, variants);
  });
  if (!result.ok) return problem(callerLocale(deps, caller), result.error);
  return showDraft(deps, caller, result.value, command.statement, 'statement.edited');
}

/** The words for each network, in the three languages (accents removed). */
const NETWORK_WORDS: Record<string, NetworkId> = {
  ...Object.fromEntries(NETWORK_IDS.map((id) => [id, id])),
  twitter: 'x',
  subject: 'email_subject',
  asunto: 'email_subject',
  objet: 'email_subject',
  email: 'email_body',
  mail: 'email_body',
  correo: 'email_body',
  courriel: 'email_body',
  macro: 'support_macro',
  support: 'support_macro',
  soporte: 'support_macro',
};

export const networkOf = (value: unknown): NetworkId | undefined =>
  typeof value === 'string' && Object.hasOwn(NETWORK_WORDS, fold(value.trim()))
    ? NETWORK_WORDS[fold(value.trim())]
    : undefined;

const usage = { key: 'variant.usage' };

const network = word(
  'network',
  (token) => {
    const id = networkOf(token);
    return id ? ok(id) : fail('variant.unknownNetwork', { network: token });
  },
  usage,
);

export const variantCommand = defineCommand({
  name: 'variant',
  names: { es: 'variante', fr: 'version' },
  args: z.object({
    incident: incidentArg,
    statement: z.number(),
    network: z.enum(NETWORK_IDS),
    text: z.string().min(1),
  }),
  read: [numbered('statement', 'S', usage), network, text('text', 'kept', usage)],
  options: [
    option.integer('statement', 'statement', { required: true }),
    option.string('network', 'network', { required: true, choices: 'network' }),
    option.string('text', 'variantText', { required: true, max: MAX_VARIANT_CHARS }),
    option.incident(),
  ],
  usage: (a) => `variant S<n> <${a('network')}> <${a('text')}|->`,
  help: 'help.variant',
  access: 'anyone',
  run: variant,
});
