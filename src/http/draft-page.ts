import type { IncomingMessage, ServerResponse } from 'node:http';
import { csrfValue } from '../app/approval-link';
import type { Caller, Deps } from '../app/deps';
import { type DraftClaims, verifyDraftLink } from '../app/draft-link';
import { saveVariants, type Variants } from '../app/save-variants';
import { when } from '../cards/format';
import {
  makeCounter,
  NETWORK_IDS,
  NETWORK_LIMITS,
  type NetworkId,
  variantLength,
  variantLimit,
} from '../core/networks';
import { fail, ok, type UserError } from '../core/result';
import { validVariants } from '../core/statement';
import type { Incident, Statement } from '../core/types';
import { explain, type MessageKey, networkName, type Translator, translator } from '../i18n';
import { readBody } from './body';
import { type Html, html, page, sendPage } from './html';
import {
  checkedFormCookie,
  codeText,
  type LinkPageSettings,
  linkRoutes,
  messagePage,
  readerLocale,
  refusalLines,
  setFormCookie,
} from './link-page';
import type { Route } from './server';

/** Why a link cannot be used: each has its sentence (`draftPage.why.*`) and status. */
type Refusal = 'expired' | 'tampered' | 'published' | 'closed' | 'csrf' | 'tooLarge' | 'off' | 'unavailable';
const STATUS: Record<Refusal, number> = {
  expired: 410,
  tampered: 404,
  published: 410,
  closed: 410,
  csrf: 403,
  tooLarge: 413,
  off: 404,
  unavailable: 503,
};

const COOKIE = 'calma_draft';
/**
 * Nine variants of at most 3,000 characters, URL-encoded: an emoji is 12 bytes on the wire, so a full
 * form of them is about 330 KB. More is not a form of this page.
 */
const MAX_FORM_BYTES = 512 * 1024;

/**
 * The counting of src/core/networks.ts, serialized into the page: the count shown as one types is the
 * one calma checks on Save. The page is whole without it (the server writes each count).
 */
const SCRIPT = `(function(){var counter=(${makeCounter.toString()})();
document.querySelectorAll("textarea[data-counts]").forEach(function(box){
var out=document.getElementById(box.id+"-count"),max=Number(box.getAttribute("data-max"));if(!out)return;
var show=function(){var n=counter.count(box.getAttribute("data-counts"),box.value.trim()),over=n-max;
out.textContent=out.getAttribute(over>0?"data-over":"data-under").replace("{length}",n).replace("{max}",max).replace("{over}",over);
out.classList.toggle("over",over>0);if(over>0)box.setAttribute("aria-invalid","true");else box.removeAttribute("aria-invalid");};
box.addEventListener("input",show);show();});
var problem=document.querySelector(".notice.problem");if(problem)problem.focus();})();`;

/**
 * `GET /draft/<token>`: the web editor of a draft's variants, one field per network calma.yaml lists
 * (and any other the draft already has), each counted as its network counts, live as one types.
 * `POST /draft/<token>` saves them through the same path as `/crisis variant` (src/app/save-variants.ts).
 * The link (src/app/draft-link.ts) is checked first (signature, `draft` purpose, expiry), then the
 * statement (not published, incident open); the form carries an HMAC of the link's nonce and a
 * SameSite=Strict cookie the page set, as the approval page does, and the statement version it was
 * loaded with, so a save over someone else's newer edit is refused with what was typed kept.
 */
export function draftPageRoutes(settings: LinkPageSettings): Route[] {
  return linkRoutes(
    'draft',
    (req, res, token) => show(settings, req, res, token),
    (req, res, token) => save(settings, req, res, token),
  );
}

interface Opened {
  secret: string;
  deps: Deps;
  claims: DraftClaims;
  incident: Incident;
  statement: Statement;
  t: Translator;
}

type Opening = { ok: true; value: Opened } | { ok: false; why: Refusal; t: Translator; n?: number };

async function open(settings: LinkPageSettings, req: IncomingMessage, token: string): Promise<Opening> {
  const fallback = translator(readerLocale(req, settings.locale));
  const { secret } = settings;
  if (!secret || !settings.publicUrl) return { ok: false, why: 'off', t: fallback };
  const check = verifyDraftLink(secret, token, settings.clock.now());
  if (!check.ok) {
    const n = check.why === 'expired' ? check.claims.statement : undefined;
    return { ok: false, why: check.why, t: fallback, ...(n === undefined ? {} : { n }) };
  }
  const claims = check.claims;
  const deps = settings.deps(claims.platform);
  if (!deps) return { ok: false, why: 'unavailable', t: fallback, n: claims.statement };
  const incident = await deps.store.get(claims.workspace, claims.incident);
  const statement = incident?.statements?.find((s) => s.n === claims.statement);
  if (!incident || !statement) return { ok: false, why: 'tampered', t: fallback };
  const t = translator(incident.locale, deps.timeZone);
  const n = statement.n;
  if (statement.status === 'published') return { ok: false, why: 'published', t, n };
  if (incident.status !== 'open') return { ok: false, why: 'closed', t, n };
  return { ok: true, value: { secret, deps, claims, incident, statement, t } };
}

/** The networks the page asks for: calma.yaml's, then any other this draft already has a variant for. */
function networksOf(deps: Deps, statement: Statement): NetworkId[] {
  const wanted = new Set<NetworkId>([
    ...(deps.networks ?? []),
    ...(Object.keys(statement.variants ?? {}) as NetworkId[]),
  ]);
  return NETWORK_IDS.filter((id) => wanted.has(id));
}

/** What the form shows besides the stored variants: what was typed, and why it was not saved. */
interface FormState {
  typed?: Variants;
  errors?: Partial<Record<NetworkId, string>>;
  /** A notice at the top: saved, nothing to save, refused, or changed meanwhile. */
  notice?: { kind: 'done' | 'problem'; text: string };
  /** The statement changed since the page was loaded: the version saved now, where it differs. */
  savedNow?: Variants;
}

async function show(
  settings: LinkPageSettings,
  req: IncomingMessage,
  res: ServerResponse,
  token: string,
): Promise<void> {
  const opened = await open(settings, req, token);
  if (!opened.ok) return refusalPage(res, opened.t, opened.why, opened.n);
  const { claims, deps } = opened.value;
  const cookie = setFormCookie(res, {
    name: COOKIE,
    path: '/draft/',
    publicUrl: settings.publicUrl,
    expires: claims.expires,
    now: deps.clock.now(),
  });
  editor(res, 200, opened.value, cookie, {});
}

async function save(
  settings: LinkPageSettings,
  req: IncomingMessage,
  res: ServerResponse,
  token: string,
): Promise<void> {
  const read = await readBodyOf(req);
  const opened = await open(settings, req, token);
  if (!opened.ok) return refusalPage(res, opened.t, opened.why, opened.n);
  const { secret, claims, incident, statement, t, deps } = opened.value;
  if (read === null) return refusalPage(res, t, 'tooLarge', statement.n);
  const form = new URLSearchParams(read);
  const cookie = checkedFormCookie(req, COOKIE, form, { secret, nonce: claims.nonce });
  if (!cookie) return refusalPage(res, t, 'csrf', statement.n);
  const n = statement.n;
  // Browsers send a textarea's line breaks as CRLF; chat sends LF, and X counts each character.
  const typed: Variants = Object.fromEntries(
    networksOf(deps, statement).flatMap((network) => {
      const value = form.get(network);
      return value === null ? [] : [[network, value.replace(/\r\n?/g, '\n')]];
    }),
  );
  // Each field on its own, with core's own rule: every over-limit variant is marked, not the first.
  const errors: Partial<Record<NetworkId, string>> = {};
  for (const [network, text] of Object.entries(typed) as [NetworkId, string][]) {
    const checked = validVariants({ [network]: text });
    if (!checked.ok) errors[network] = explain(t, checked.error);
  }
  if (Object.keys(errors).length > 0) {
    return editor(res, 400, opened.value, cookie, {
      typed,
      errors,
      notice: { kind: 'problem', text: t('draftPage.refused') },
    });
  }
  const loaded = Number(form.get('version'));
  const caller: Caller = {
    workspace: claims.workspace,
    user: claims.user,
    room: incident.room ?? '',
    locale: incident.locale,
  };
  const saved = await saveVariants(deps, caller, incident.seq, n, (current) =>
    current.version === loaded ? ok({ ...current.variants, ...typed }) : fail('draftPage.changed', { n }),
  );
  const after = (await deps.store.get(claims.workspace, claims.incident)) ?? incident;
  const latest = after.statements?.find((s) => s.n === n) ?? statement;
  const fresh = { ...opened.value, incident: after, statement: latest };
  if (saved.ok) {
    const text = t('draftPage.saved', { n, version: latest.version });
    return editor(res, 200, fresh, cookie, { notice: { kind: 'done', text } });
  }
  const error: UserError = saved.error;
  if (error.key === 'statement.unchanged') {
    return editor(res, 200, fresh, cookie, { notice: { kind: 'done', text: t('draftPage.unchanged') } });
  }
  if (error.key === 'draftPage.changed') {
    const savedNow = Object.fromEntries(
      Object.entries(typed).flatMap(([network, text]) => {
        const stored = latest.variants?.[network as NetworkId] ?? '';
        return stored === text.trim() ? [] : [[network, stored]];
      }),
    );
    return editor(res, 409, fresh, cookie, {
      typed,
      savedNow,
      notice: { kind: 'problem', text: explain(t, error) },
    });
  }
  settings.log.info({ incident: incident.seq, statement: n, why: error.key }, 'draft editor save refused');
  if (error.key === 'statement.published') return refusalPage(res, t, 'published', n);
  if (error.key === 'incident.closed') return refusalPage(res, t, 'closed', n);
  return editor(res, 409, fresh, cookie, { typed, notice: { kind: 'problem', text: explain(t, error) } });
}

/** The form body as text, or null when it is larger than any form of this page (or cut short). */
async function readBodyOf(req: IncomingMessage): Promise<string | null> {
  const read = await readBody(req, MAX_FORM_BYTES);
  return read.kind === 'ok' ? read.body.toString('utf8') : null;
}

function editor(res: ServerResponse, status: number, opened: Opened, cookie: string, state: FormState): void {
  const { secret, claims, incident, statement, t, deps } = opened;
  const n = statement.n;
  const csrf = csrfValue(secret, claims.nonce, cookie);
  const networks = networksOf(deps, statement);
  const errors = state.errors ?? {};
  const failed = networks.filter((network) => errors[network]);
  const title = t('draftPage.title', { n });
  const notice = state.notice
    ? state.notice.kind === 'done'
      ? html`<div class="notice done" role="status"><p>${state.notice.text}</p></div>`
      : html`<div class="notice problem" role="alert" tabindex="-1"><p>${state.notice.text}</p>${
          failed.length > 0
            ? html`<ul>${failed.map((network) => html`<li><a href="#v-${network}">${errors[network] ?? ''}</a></li>`)}</ul>`
            : ''
        }</div>`
    : '';
  const fields = networks.map((network) =>
    field(
      t,
      network,
      state.typed?.[network] ?? statement.variants?.[network] ?? '',
      errors[network],
      state.savedNow?.[network],
    ),
  );
  const body = html`<main>
<p class="meta">${t('approvalPage.incident', { seq: incident.seq, title: incident.title })}<br>
${t('draftPage.status', { n, state: t(statement.status === 'rejected' ? 'draftPage.rejected' : 'draftPage.pending') })}</p>
<h1>${title}</h1>
${notice}
<section aria-labelledby="text">
<h2 id="text">${t('approvalPage.statement', { n, version: statement.version })}</h2>
<blockquote class="statement">${statement.text}</blockquote>
</section>
${
  networks.length === 0
    ? html`<p>${codeText(t('draftPage.noNetworks'))}</p>`
    : html`<p>${t('draftPage.intro')}</p>
<p><strong>${t('draftPage.voids')}</strong></p>
<form method="post">
<input type="hidden" name="csrf" value="${csrf}">
<input type="hidden" name="version" value="${statement.version}">
${fields}
<button type="submit">${t('draftPage.save', { n })}</button>
</form>`
}
<p class="meta">${codeText(t('draftPage.expires', { n, when: when(new Date(claims.expires), t) }))}</p>
</main>`;
  const document = page(t.locale, status === 200 ? title : t('draftPage.errorTitle', { title }), body, {
    style: STYLE,
    script: SCRIPT,
  });
  sendPage(res, status, document);
}

/** One network's field: its limit, how it counts, the count (the server's; the script keeps it live). */
function field(t: Translator, network: NetworkId, value: string, error?: string, savedNow?: string): Html {
  const id = `v-${network}`;
  const max = variantLimit(network);
  const counts = NETWORK_LIMITS[network].counts;
  const length = variantLength(network, value.trim());
  const over = length - max;
  const template = (key: MessageKey) => t(key, { length: '{length}', max: '{max}', over: '{over}' });
  const described = [`${id}-how`, `${id}-count`, ...(error ? [`${id}-error`] : [])].join(' ');
  const rows = max <= 60 ? 2 : max <= 500 ? 4 : 6;
  return html`<div class="field${error ? ' invalid' : ''}">
<label for="${id}">${t('variant.field', { network: networkName(t, network), max })}</label>
<p class="hint" id="${id}-how">${t(counts === 'weighted' ? 'draftPage.howWeighted' : 'draftPage.howGraphemes')}</p>
${error ? html`<p class="error" id="${id}-error">${error}</p>` : ''}
<textarea id="${id}" name="${network}" rows="${rows}" data-counts="${counts}" data-max="${max}" aria-describedby="${described}"${over > 0 ? html` aria-invalid="true"` : ''}>${value}</textarea>
<p class="count${over > 0 ? ' over' : ''}" id="${id}-count" data-under="${template('draftPage.count')}" data-over="${template('draftPage.countOver')}">${t(over > 0 ? 'draftPage.countOver' : 'draftPage.count', { length, max, over })}</p>
${
  savedNow === undefined
    ? ''
    : html`<p class="meta">${t('draftPage.savedNow')}</p><blockquote class="statement">${savedNow}</blockquote>`
}
</div>`;
}

function refusalPage(res: ServerResponse, t: Translator, why: Refusal, n?: number): void {
  const next = why !== 'off' && why !== 'published' && why !== 'closed';
  messagePage(res, STATUS[why], t, STYLE, refusalLines(t, 'draftPage', why, n, next));
}

// Dark on light, at least 4.5:1 everywhere; an over-limit count says so in words, its colour repeats it.
const STYLE = `body{font:1.0625rem/1.5 system-ui,sans-serif;color:#1b1b1b;background:#fff;margin:0 auto;padding:1rem;max-width:44rem}
h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.125rem;margin:1.5rem 0 .5rem}
.meta,.hint{color:#4a4a4a}.hint{margin:0 0 .25rem;font-size:.95rem}
.statement{white-space:pre-wrap;overflow-wrap:anywhere;border-left:4px solid #555;margin:0;padding:.5rem 1rem;background:#f4f4f4}
.field{margin:1.5rem 0}.field.invalid{border-left:4px solid #a3161b;padding-left:.75rem}
label{display:block;font-weight:bold}.error,.count.over{color:#a3161b;font-weight:bold}.error{margin:.25rem 0}.count{margin:.25rem 0 0}
textarea{width:100%;box-sizing:border-box;font:inherit;padding:.5rem;border:2px solid #555;border-radius:4px}
textarea[aria-invalid=true]{border-color:#a3161b}
.notice{border:3px solid;padding:.25rem 1rem;margin:1rem 0;border-radius:4px}.notice.done{border-color:#0a6b2d}.notice.problem{border-color:#a3161b}
.notice a{color:#a3161b;font-weight:bold}
button{font:inherit;font-weight:bold;min-height:48px;min-width:48px;padding:.5rem 1.25rem;margin-top:.5rem;border:0;border-radius:6px;color:#fff;background:#0b4fa3;cursor:pointer}
button:focus-visible,textarea:focus-visible,a:focus-visible{outline:3px solid #1a4fd6;outline-offset:2px}
code{background:#eee;padding:0 .25rem;border-radius:3px}`;
