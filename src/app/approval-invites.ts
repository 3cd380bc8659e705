import { when } from '../cards/format';
import { publicName } from '../core/incident';
import { approversFor } from '../core/statement';
import type { Incident, Role, Statement, UserId } from '../core/types';
import { roleName, type Translator, translator } from '../i18n';
import { linkUrl, signLink } from './approval-link';
import type { Deps } from './deps';

/** A link for `user` to fill `role` on `statement` as it stands now: its address and when it expires. */
export function statementLink(
  links: NonNullable<Deps['approvalLinks']>,
  incident: Incident,
  statement: Statement,
  user: UserId,
  role: Role,
  now: Date,
): { url: string; expires: number } {
  const signed = signLink(
    links.secret,
    {
      platform: links.platform,
      workspace: incident.workspace,
      incident: incident.seq,
      statement: statement.n,
      version: statement.version,
      user,
      role,
    },
    now,
  );
  return { url: linkUrl(links.publicUrl, signed.token), expires: signed.claims.expires };
}

/** The sentence that asks `role` to approve statement `n` through this link (by DM, in an email). */
export function requestLine(
  t: Translator,
  incident: Incident,
  n: number,
  role: Role,
  url: string,
  expires: number,
): string {
  return t('approvalLink.sent', {
    n,
    role: roleName(t, role),
    incident: `#${incident.seq} ${publicName(incident)}`,
    when: when(new Date(expires), t),
    url,
  });
}

/**
 * When a statement starts waiting for approval (drafted, edited), each person who may fill one of its
 * slots and is not in the incident room gets their own approval link by DM and, with calma.yaml
 * `approval_requests`, the same link as an `approval.requested` event to the team's mail relay, queued
 * in the outbox first (it retries; a DM is tried once): the people in the room see the card and its
 * buttons. Off without links, or on a platform that cannot tell who is in a room; drills send no
 * event (they never leave the chat). A platform failure is logged: the draft stands, and `/crisis link`
 * still gives a link.
 */
export async function sendApprovalLinks(deps: Deps, incident: Incident, n: number): Promise<void> {
  const links = deps.approvalLinks;
  const statement = incident.statements?.find((s) => s.n === n);
  if (!links || !deps.chat.roomMembers || !incident.room || statement?.status !== 'pending') return;
  const requests = !incident.drill && deps.approvalRequests ? deps.approvalRequests : null;
  try {
    // Who may fill a slot and did not write it, each once, for the first slot they may fill.
    const asked = new Map<UserId, Role>();
    for (const { role, people } of approversFor(incident, statement, deps.approvers)) {
      for (const id of people) {
        for (const user of await deps.chat.members(id)) {
          if (!asked.has(user) && !statement.authors.includes(user)) asked.set(user, role);
        }
      }
    }
    if (asked.size === 0) return;
    const inRoom = new Set(await deps.chat.roomMembers(incident.room, [...asked.keys()]));
    const t = translator(incident.locale, deps.timeZone);
    const now = deps.clock.now();
    for (const [user, role] of asked) {
      if (inRoom.has(user)) continue;
      const link = statementLink(links, incident, statement, user, role, now);
      if (requests) {
        await deps.outbox?.request?.({
          kind: 'approval.requested',
          target: requests.target,
          workspace: incident.workspace,
          seq: incident.seq,
          n,
          version: statement.version,
          user,
          role,
          url: link.url,
          expires: link.expires,
        });
      }
      const line = requestLine(t, incident, n, role, link.url, link.expires);
      // One person's closed DMs must not keep the others from theirs.
      await deps.chat.dm(user, { lines: [line] }).catch((error: unknown) => {
        deps.log.warn({ err: error, incident: incident.seq, statement: n }, 'could not DM an approval link');
      });
    }
  } catch (error) {
    deps.log.warn({ err: error, incident: incident.seq, statement: n }, 'could not send approval links');
  }
}
