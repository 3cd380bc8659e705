import { z } from 'zod';
import { statementLink } from '../src/app/approval-invites';
import { approvalRefusal, approverRoles } from '../src/app/approvers';
import { defineCommand, incidentArg, option } from '../src/app/command';
import type { Caller, Deps, Reply } from '../src/app/deps';
import { callerLocale, problem } from '../src/app/mutate';
import { targetIncident } from '../src/app/target';
import { when } from '../src/cards/format';
import { numbered } from '../src/core/command';
import { findStatement, heldRoles, missingApprovals } from '../src/core/statement';
import { translator } from '../src/i18n';

/**
 * `/crisis link S<n>`: the caller's own approval link for a statement waiting for them, shown to them
 * alone. It is how an approver gets a new link when one expired, was used or was voided by an edit.
 */
export async function link(
  deps: Deps,
  caller: Caller,
  command: { incident?: number; statement: number },
): Promise<Reply> {
  const locale = callerLocale(deps, caller);
  const t = translator(locale, caller.timeZone ?? deps.timeZone);
  const n = command.statement;
  const links = deps.approvalLinks;
  if (!links) return { cards: [{ lines: [t('approvalLink.off', { n })], tone: 'warning' }] };
  const target = await targetIncident(deps, caller, command.incident);
  if (!target.ok) return problem(locale, target.error);
  const incident = target.value;
  const found = findStatement(incident, n);
  if (!found.ok) return problem(locale, found.error);
  const statement = found.value;
  if (statement.status !== 'pending')
    return problem(locale, { key: 'approvalLink.notPending', params: { n } });
  if (statement.authors.includes(caller.user)) {
    return problem(locale, { key: 'statement.ownStatement', params: { n } });
  }
  const roles = await approverRoles(deps, caller.user, incident);
  const held = heldRoles(incident, { user: caller.user, roles });
  const role = missingApprovals(statement).find((r) => held.includes(r));
  if (!role) {
    return approvalRefusal(deps, caller, incident, {
      key: 'statement.notApprover',
      params: { n, roles: missingApprovals(statement).join(', ') },
    });
  }
  const link = statementLink(links, incident, statement, caller.user, role, deps.clock.now());
  return {
    cards: [
      {
        lines: [
          t('approvalLink.yours', {
            n,
            when: when(new Date(link.expires).toISOString(), t),
            url: link.url,
          }),
        ],
      },
    ],
  };
}

const usage = { key: 'approvalLink.usage' } as const;

export const linkCommand = defineCommand({
  name: 'link',
  names: { es: 'enlace', fr: 'lien' },
  args: z.object({ incident: incidentArg, statement: z.number() }),
  read: [numbered('statement', 'S', usage)],
  options: [option.integer('statement', 'statement', { required: true }), option.incident()],
  usage: () => 'link S<n>',
  help: 'help.link',
  access: 'approvers',
  run: link,
});
