import { z } from 'zod';
import { defineCommand, incidentArg, option } from '../src/app/command';
import type { Caller, Deps, Reply } from '../src/app/deps';
import { draftUrl, signDraftLink } from '../src/app/draft-link';
import { callerLocale, problem } from '../src/app/mutate';
import { saveVariants } from '../src/app/save-variants';
import { targetIncident } from '../src/app/target';
import { when } from '../src/cards/format';
import { numbered, text, word } from '../src/core/command';
import { fold } from '../src/core/grammar';
import { MAX_VARIANT_CHARS, NETWORK_IDS, type NetworkId } from '../src/core/networks';
import { fail, ok } from '../src/core/result';
import { findStatement } from '../src/core/statement';
import { translator } from '../src/i18n';

/** What removes a variant instead of setting it. */
const REMOVE = '-';

/**
 * `/crisis variant S<n> <network> <text>` sets a draft's variant for one network (`-` removes it). Like
 * an edit of the text, it voids the approvals given: one approval covers the text and every variant.
 * `/crisis variant S<n>` alone answers with the caller's own link to the web editor (src/http/draft-page.ts).
 */
export async function variant(
  deps: Deps,
  caller: Caller,
  command: { incident?: number; statement: number; network?: NetworkId; text: string },
): Promise<Reply> {
  if (command.network === undefined) return editorLink(deps, caller, command.incident, command.statement);
  if (!command.text.trim()) return problem(callerLocale(deps, caller), usage);
  const saved = await saveVariants(deps, caller, command.incident, command.statement, (statement) => {
    const network = command.network as NetworkId;
    const { [network]: previous, ...others } = statement.variants ?? {};
    const typed = command.text.trim();
    if (typed === REMOVE && previous === undefined) {
      return fail('variant.none', { n: statement.n, network });
    }
    return ok(typed === REMOVE ? others : { ...others, [network]: typed });
  });
  return saved.ok ? saved.value : problem(callerLocale(deps, caller), saved.error);
}

/**
 * The caller's own link to the draft's web editor, shown to them alone: anyone who may edit the draft
 * (as `/crisis variant` and `/crisis edit`: anyone, while it is not published and the incident is open).
 */
async function editorLink(deps: Deps, caller: Caller, seq: number | undefined, n: number): Promise<Reply> {
  const locale = callerLocale(deps, caller);
  const t = translator(locale, caller.timeZone ?? deps.timeZone);
  const links = deps.approvalLinks;
  if (!links) return { cards: [{ lines: [t('variantLink.off', { n })], tone: 'warning' }] };
  const target = await targetIncident(deps, caller, seq);
  if (!target.ok) return problem(locale, target.error);
  const incident = target.value;
  if (incident.status !== 'open')
    return problem(locale, { key: 'incident.closed', params: { seq: incident.seq } });
  const found = findStatement(incident, n);
  if (!found.ok) return problem(locale, found.error);
  if (found.value.status === 'published')
    return problem(locale, { key: 'statement.published', params: { n } });
  const { token, claims } = signDraftLink(
    links.secret,
    {
      platform: links.platform,
      workspace: incident.workspace,
      incident: incident.seq,
      statement: n,
      user: caller.user,
    },
    deps.clock.now(),
  );
  const url = draftUrl(links.publicUrl, token);
  return {
    cards: [{ lines: [t('variantLink.yours', { n, when: when(new Date(claims.expires), t), url })] }],
  };
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

/** Optional: without it, the command gives the web editor's link; a word that is no network is refused. */
const network = word('network', (token) => {
  const id = networkOf(token);
  return id ? ok(id) : fail('variant.unknownNetwork', { network: token });
});

export const variantCommand = defineCommand({
  name: 'variant',
  names: { es: 'variante', fr: 'version' },
  args: z.object({
    incident: incidentArg,
    statement: z.number(),
    network: z.enum(NETWORK_IDS).optional(),
    text: z.string().default(''),
  }),
  read: [numbered('statement', 'S', usage), network, text('text', 'kept')],
  options: [
    option.integer('statement', 'statement', { required: true }),
    option.string('network', 'network', { choices: 'network' }),
    option.string('text', 'variantText', { max: MAX_VARIANT_CHARS }),
    option.incident(),
  ],
  usage: (a) => `variant S<n> [<${a('network')}> <${a('text')}|->]`,
  help: 'help.variant',
  access: 'anyone',
  run: variant,
});
