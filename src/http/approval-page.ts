import type { IncomingMessage, ServerResponse } from 'node:http';
import { approveAs, rejectAs } from '../app/approval';
import { csrfValue, type LinkClaims, verifyLink } from '../app/approval-link';
import type { Caller, Deps } from '../app/deps';
import { displayNames } from '../app/display-names';
import { when } from '../cards/format';
import { checklistLines, stillNeeded } from '../cards/statement';
import { renderMarks } from '../core/markup';
import type { Incident, Locale, Statement } from '../core/types';
import { roleName, type Translator, translator } from '../i18n';
import type { LinkClaims as ClaimStore } from '../store/link-claims';
import { readBody } from './body';
import { type Html, html, page, sendPage } from './html';
import {
  checkedFormCookie,
  type LinkPageSettings,
  linkRoutes,
  messagePage,
  readerLocale,
  refusalLines,
  setFormCookie,
} from './link-page';
import type { Route } from './server';

export interface ApprovalPageSettings extends LinkPageSettings {
  /** The links' single-use nonces. */
  claims: ClaimStore;
}

/** Why a link cannot act: each has its own sentence (`approvalPage.why.*`) and status. */
type Refusal = 'expired' | 'used' | 'voided' | 'closed' | 'tampered' | 'csrf' | 'off' | 'unavailable';
const STATUS: Record<Refusal, number> = {
  expired: 410,
  used: 410,
  voided: 410,
  closed: 410,
  tampered: 404,
  csrf: 403,
  off: 404,
  unavailable: 503,
};

const COOKIE = 'calma_approval';
/** A form with a reason of at most 3,000 characters fits well within this. */
const MAX_FORM_BYTES = 16 * 1024;
const MAX_REASON = 1000;

/**
 * `GET /approve/<token>` shows the statement an approval link is for; `POST /approve/<token>` approves
 * or rejects it through the same path as `/crisis approve` and `/crisis reject` (src/app/approval.ts).
 * The token is checked (signature, expiry), then its nonce (single use), then the statement (still
 * pending, same version). The form carries an HMAC of the link's nonce and a SameSite=Strict cookie the
 * page set, so a POST from anywhere but this page in this browser is refused.
 */
export function approvalPageRoutes(settings: ApprovalPageSettings): Route[] {
  return linkRoutes(
    'approve',
    (req, res, token) => show(settings, req, res, token),
    (req, res, token) => act(settings, req, res, token),
  );
}

interface Opened {
  secret: string;
  deps: Deps;
  claims: LinkClaims;
  incident: Incident;
  statement: Statement;
  t: Translator;
}

/** The link's claims, incident and statement, or why it cannot be used (with the reader's language). */
async function open(
  settings: ApprovalPageSettings,
  req: IncomingMessage,
  token: string,
): Promise<{ ok: true; value: Opened } | { ok: false; why: Refusal; t: Translator; n?: number }> {
  const fallback = translator(readerLocale(req, settings.locale));
  const { secret } = settings;
  if (!secret || !settings.publicUrl) return { ok: false, why: 'off', t: fallback };
  const check = verifyLink(secret, token, settings.clock.now());
  if (!check.ok) return { ok: false, why: check.why, t: fallback };
  const claims = check.claims;
  const deps = settings.deps(claims.platform);
  if (!deps) return { ok: false, why: 'unavailable', t: fallback, n: claims.statement };
  const incident = await deps.store.get(claims.workspace, claims.incident);
  const statement = incident?.statements?.find((s) => s.n === claims.statement);
  if (!incident || !statement) return { ok: false, why: 'tampered', t: fallback };
  const t = translator(incident.locale, deps.timeZone);
  const n = statement.n;
  if (await settings.claims.used(claims.nonce)) return { ok: false, why: 'used', t, n };
  if (statement.status !== 'pending') return { ok: false, why: 'closed', t, n };
  if (statement.version !== claims.version) return { ok: false, why: 'voided', t, n };
  return { ok: true, value: { secret, deps, claims, incident, statement, t } };
}

async function show(
  settings: ApprovalPageSettings,
  req: IncomingMessage,
  res: ServerResponse,
  token: string,
): Promise<void> {
  const opened = await open(settings, req, token);
  if (!opened.ok) return refusalPage(res, opened.t, opened.why, opened.n, token);
  const { secret, claims, incident, statement, t, deps } = opened.value;
  const cookie = setFormCookie(res, {
    name: COOKIE,
    path: '/approve/',
    publicUrl: settings.publicUrl,
    expires: claims.expires,
    now: deps.clock.now(),
  });
  const csrf = csrfValue(secret, claims.nonce, cookie);
  const n = statement.n;
  const variants = Object.entries(statement.variants ?? {});
  const plain = (line: string) => plainText(line);
  const names = await displayNames(deps, claims.workspace, [
    claims.user,
    ...statement.authors,
    ...statement.approvals.map((a) => a.by),
  ]);
  const name = (user: string) => names.get(user) ?? user;
  const body = html`<main>
<p class="meta">${t('approvalPage.incident', { seq: incident.seq, title: incident.title })}<br>
${incident.severity ? t('approvalPage.severity', { severity: `SEV${incident.severity}` }) : t('approvalPage.noSeverity')}</p>
<h1>${t('approvalPage.title', { n })}</h1>
<p>${t('approvalPage.youApprove', { who: name(claims.user), role: roleName(t, claims.role) })}</p>
<section aria-labelledby="text">
<h2 id="text">${t('approvalPage.statement', { n, version: statement.version })}</h2>
<blockquote class="statement">${statement.text}</blockquote>
</section>
${
  variants.length > 0
    ? html`<section aria-labelledby="variants"><h2 id="variants">${t('approvalPage.variants')}</h2><dl>${variants.map(
        ([network, text]) => html`<dt>${network}</dt><dd class="statement">${text}</dd>`,
      )}</dl></section>`
    : ''
}
<section aria-labelledby="checklist">
<h2 id="checklist">${t('approvalPage.checklist')}</h2>
<ul>${checklistLines(statement.checklist, t).map((line) => html`<li>${plain(line)}</li>`)}</ul>
</section>
<p>${t('approvalPage.writtenBy', { who: statement.authors.map(name).join(', ') })}<br>
${
  statement.approvals.length > 0
    ? t('approvalPage.approvedBy', {
        who: statement.approvals.map((a) => `${name(a.by)} (${roleName(t, a.as)})`).join(', '),
      })
    : t('approvalPage.noApprovals')
}</p>
<form method="post">
<input type="hidden" name="csrf" value="${csrf}">
<input type="hidden" name="action" value="approve">
<button type="submit" class="approve">${t('approvalPage.approve', { n })}</button>
</form>
<form method="post" class="reject">
<h2>${t('approvalPage.rejectHeading')}</h2>
<input type="hidden" name="csrf" value="${csrf}">
<input type="hidden" name="action" value="reject">
<label for="reason">${t('approvalPage.reason')}</label>
<textarea id="reason" name="reason" rows="3" maxlength="${MAX_REASON}" required></textarea>
<button type="submit" class="reject">${t('approvalPage.reject', { n })}</button>
</form>
<p class="meta">${t('approvalPage.expires', { when: when(new Date(claims.expires), t) })}</p>
${incidentLink(token, t)}
</main>`;
  sendPage(res, 200, page(t.locale, t('approvalPage.title', { n }), body, { style: STYLE }));
}

async function act(
  settings: ApprovalPageSettings,
  req: IncomingMessage,
  res: ServerResponse,
  token: string,
): Promise<void> {
  const read = await readBody(req, MAX_FORM_BYTES);
  const opened = await open(settings, req, token);
  if (!opened.ok) return refusalPage(res, opened.t, opened.why, opened.n, token);
  if (read.kind !== 'ok') return refusalPage(res, opened.value.t, 'csrf', opened.value.statement.n);
  const { secret, claims, incident, statement, t, deps } = opened.value;
  const n = statement.n;
  const form = new URLSearchParams(read.body.toString('utf8'));
  if (!checkedFormCookie(req, COOKIE, form, { secret, nonce: claims.nonce })) {
    return refusalPage(res, t, 'csrf', n);
  }
  const action = form.get('action');
  const reason = (form.get('reason') ?? '').trim().slice(0, MAX_REASON);
  if (action !== 'approve' && action !== 'reject') return refusalPage(res, t, 'csrf', n);
  if (action === 'reject' && !reason) {
    const title = t('approvalPage.refusedTitle');
    return messagePage(res, 400, t, STYLE, { title, lines: [t('approvalPage.why.reasonRequired')] });
  }
  // Claimed before acting: two submissions racing (a double tap, two tabs) act once.
  if (!(await settings.claims.claim(claims.nonce, claims.expires, deps.clock.now()))) {
    return refusalPage(res, t, 'used', n);
  }
  const caller: Caller = {
    workspace: claims.workspace,
    user: claims.user,
    room: incident.room ?? '',
    locale: incident.locale,
  };
  const reply =
    action === 'approve'
      ? await approveAs(
          deps,
          caller,
          { incident: incident.seq, statement: n, version: claims.version },
          'link',
        )
      : await rejectAs(deps, caller, incident, { statement: n, reason }, 'link');
  const after = (await deps.store.get(claims.workspace, claims.incident))?.statements?.find((s) => s.n === n);
  const done =
    action === 'approve'
      ? after?.approvals.some((a) => a.by === claims.user)
      : after?.status === 'rejected' && after.rejection?.by === claims.user;
  if (!after || !done) {
    const reason = reply.cards
      .flatMap((card) => card.lines ?? [])
      .map(plainText)
      .join(' ');
    settings.log.info({ incident: incident.seq, statement: n, action }, 'approval link refused');
    return messagePage(res, 409, t, STYLE, {
      title: t('approvalPage.refusedTitle'),
      lines: [t('approvalPage.why.refused', { reason }), t('approvalPage.closeTab')],
    });
  }
  const said =
    action === 'reject'
      ? t('approvalPage.rejected', { n })
      : after.status === 'published'
        ? t('approvalPage.published', { n })
        : t('approvalPage.approved', {
            n,
            needed: plainText(stillNeeded(incident, after, deps.approvers, t, (u) => u)),
          });
  return messagePage(res, 200, t, STYLE, {
    title: t('approvalPage.doneTitle'),
    lines: [said, t('approvalPage.closeTab')],
    more: incidentLink(token, t),
  });
}

/** Why a link refuses; one used, voided or closed still shows its incident until it expires. */
function refusalPage(res: ServerResponse, t: Translator, why: Refusal, n?: number, token?: string): void {
  const readable = token && (why === 'used' || why === 'voided' || why === 'closed');
  messagePage(res, STATUS[why], t, STYLE, {
    ...refusalLines(t, 'approvalPage', why, n, why !== 'off'),
    ...(readable ? { more: incidentLink(token, t) } : {}),
  });
}

/** What a link that cannot be read at all answers, in the reader's language (the incident page too). */
export function linkRefusal(
  req: IncomingMessage,
  res: ServerResponse,
  locale: Locale,
  why: 'expired' | 'tampered',
): void {
  refusalPage(res, translator(readerLocale(req, locale)), why);
}

/**
 * The incident page this link opens (src/http/incident-page.ts), relative to the page's own address so
 * it holds behind a proxy's path prefix: the token goes nowhere it was not already.
 */
function incidentLink(token: string, t: Translator): Html {
  return html`<p><a href="${`${token}/incident`}">${t('approvalPage.seeIncident')}</a></p>`;
}

const STYLE = `body{font:1.0625rem/1.5 system-ui,sans-serif;color:#1b1b1b;background:#fff;margin:0 auto;padding:1rem;max-width:40rem}
h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.125rem;margin:1.5rem 0 .5rem}
.meta{color:#4a4a4a}.statement{white-space:pre-wrap;border-left:4px solid #555;margin:0;padding:.5rem 1rem;background:#f4f4f4}
dt{font-weight:bold;margin-top:.5rem}dd{margin:0}
form{margin:1.5rem 0}label{display:block;margin-bottom:.25rem}
textarea{width:100%;box-sizing:border-box;font:inherit;padding:.5rem;border:2px solid #555;border-radius:4px}
button{font:inherit;font-weight:bold;min-height:48px;min-width:48px;padding:.5rem 1.25rem;margin-top:.5rem;border:0;border-radius:6px;color:#fff;cursor:pointer}
button.approve{background:#0a6b2d}button.reject{background:#a3161b}
button:focus-visible,textarea:focus-visible{outline:3px solid #1a4fd6;outline-offset:2px}
code{background:#eee;padding:0 .25rem;border-radius:3px}`;

/** Card text (marks, `*bold*`) as plain text: a person reads as their id, a room as its name. */
function plainText(text: string): string {
  return renderMarks(text, {
    text: (s) => s.replace(/\*/g, ''),
    user: (id) => id,
    room: (_id, name) => `#${name}`,
  });
}
