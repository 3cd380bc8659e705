import pino from 'pino';
import { signLink } from '../../../src/app/approval-link';
import { DRAFT_LINK_LIFETIME_MS, signDraftLink } from '../../../src/app/draft-link';
import { timelineLine } from '../../../src/cards/timeline';
import { NETWORK_IDS } from '../../../src/core/networks';
import { approvalPageRoutes } from '../../../src/http/approval-page';
import { draftPageRoutes } from '../../../src/http/draft-page';
import { translator } from '../../../src/i18n';
import { ana, bob, replyText, type World } from '../handlers/world';
import { openPage, post, statementOf, useLinkServer } from './link-pages';
import { inRoom, openAndDraft, useStatements } from './statement-world';

const { world } = useStatements();
const SECRET = 'draft-link-secret-for-tests-0123456789abc';
const X_280 = `Our account was hacked: do not click its links. ${'a'.repeat(280 - 48)}`;
const links = useLinkServer();

/** The editor and the approval page on a free port, links on, every network in calma.yaml. */
async function serve(w: World): Promise<string> {
  const common = {
    secret: SECRET,
    publicUrl: 'http://calma.test',
    deps: () => w.deps,
    locale: 'en' as const,
    clock: w.clock,
    log: pino({ level: 'silent' }),
  };
  const base = await links.serve(
    ...draftPageRoutes(common),
    ...approvalPageRoutes({ ...common, claims: links.claims() }),
  );
  w.deps.approvalLinks = { secret: SECRET, publicUrl: base, platform: 'slack' };
  w.deps.networks = [...NETWORK_IDS];
  return base;
}

async function editorLink(w: World, room: string, caller = ana): Promise<string> {
  const reply = replyText(await w.command(inRoom(caller, room), 'variant S1'));
  const url = /https?:\/\/\S+\/draft\/[\w.-]+/.exec(reply)?.[0];
  if (!url) throw new Error(`no link in: ${reply}`);
  return url;
}

/** A textarea's content as the page holds it (entities undone). */
const fieldIn = (body: string, network: string) =>
  /<textarea id="v-[\w]+" name="([\w]+)"[^>]*>([^<]*)<\/textarea>/g
    .exec(body.slice(body.indexOf(`id="v-${network}"`) - 10))?.[2]
    ?.replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

describe('the draft editor', () => {
  test('GIVEN S1 WHEN ana types `/crisis variant S1` THEN she alone gets a link whose page shows S1 and a field for every network in calma.yaml, each with its limit and count, under a CSP allowing only its own script', async () => {
    const w = world();
    const room = await openAndDraft(w);
    await serve(w);

    const url = await editorLink(w, room);
    const { response, body } = await openPage(url);

    expect(w.chat.textsIn(room).join('\n')).not.toContain('/draft/');
    expect(response.status).toBe(200);
    expect(body).toContain('<h1>Versions of statement S1 for each network</h1>');
    expect(body).toContain('our account was hacked this morning and posted spam');
    const labels = [...body.matchAll(/<label for="v-\w+">([^<]+)<\/label>/g)].map((m) => m[1]);
    expect(labels).toEqual([
      'X (up to 280)',
      'Threads (up to 500)',
      'Bluesky (up to 300)',
      'LinkedIn (up to 3000)',
      'Instagram (up to 2200)',
      'Facebook (up to 3000)',
      'Email subject (up to 60)',
      'Email body (up to 3000)',
      'Support macro (up to 3000)',
    ]);
    expect(body).toContain('>0 of 280</p>');
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'sha256-[\w+/=]+'/);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('set-cookie')).toMatch(
      /^calma_draft=[\w-]+; Path=\/draft\/; .*HttpOnly; SameSite=Strict$/,
    );
  });

  test('GIVEN the page WHEN ana saves an X version of 281 THEN it is refused with the number, what she typed is still in the form, and nothing is stored; at 280 it is saved as an edit, on the timeline and in the room', async () => {
    const w = world();
    const room = await openAndDraft(w);
    await serve(w);
    const url = await editorLink(w, room);
    const page = await openPage(url);
    const bluesky = 'Hacked: don’t click our links 🙏 <b>update</b> at 11:00';
    const form = { csrf: page.csrf, version: page.version, bluesky };

    const refused = await post(url, { ...form, x: `${X_280}!` }, page.cookie);

    expect(refused.status).toBe(400);
    const body = await refused.text();
    expect(body).toContain('The X variant is 281 characters; X allows 280.');
    expect(body).toContain('<a href="#v-x">The X variant is 281 characters; X allows 280.</a>');
    expect(body).toContain('281 of 280: 1 too many');
    expect(fieldIn(body, 'x')).toBe(`${X_280}!`);
    expect(fieldIn(body, 'bluesky')).toBe(bluesky);
    expect((await statementOf(w))?.variants).toBeUndefined();

    const saved = await post(url, { ...form, x: X_280 }, page.cookie);

    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain(
      'Saved: statement S1 is now version 2 and waits for approval again.',
    );
    expect((await statementOf(w))?.variants).toEqual({ x: X_280, bluesky });
    const t = translator('en', 'UTC');
    const lines = (await w.timeline(1)).map((e) => timelineLine(e, t, (u) => `@${u}`));
    expect(lines.filter((l) => /@U0ANA: statement S1 edited/.test(l))).toHaveLength(1);
    const said = w.chat.textsIn(room).join('\n');
    expect(said).toContain('Statement S1 edited by <@U0ANA>');
    expect(said).toContain(X_280);
  });

  test('GIVEN bob approved S1’s first half WHEN ana changes a version from the page THEN approvals start over, as for any edit', async () => {
    const w = world();
    w.deps.approvalPolicy = {
      sev1: ['approver', 'legal'],
      sev2: ['approver', 'legal'],
      sev3: ['approver'],
      sev4: ['approver'],
    };
    const room = await openAndDraft(w);
    await serve(w);
    await w.command(inRoom(bob, room), 'approve S1');
    expect((await statementOf(w))?.approvals).toHaveLength(1);
    const url = await editorLink(w, room);
    const page = await openPage(url);

    await post(
      url,
      { csrf: page.csrf, version: page.version, x: 'Hacked: do not click our links.' },
      page.cookie,
    );

    expect(await statementOf(w)).toMatchObject({ status: 'pending', approvals: [], version: 2 });
  });

  test('GIVEN an incident in French WHEN an over-limit email subject is saved THEN the refusal is in French', async () => {
    const w = world();
    const room = await w.open({ ...ana, locale: 'fr' });
    await w.command(
      { ...inRoom(ana, room), locale: 'fr' },
      'update Notre compte a été piraté. Prochain point à 11:00.',
    );
    await serve(w);
    const url = await editorLink(w, room);
    const page = await openPage(url);

    const refused = await post(
      url,
      { csrf: page.csrf, version: page.version, email_subject: 'é'.repeat(61) },
      page.cookie,
    );

    const body = await refused.text();
    expect(body).toContain('<html lang="fr">');
    expect(body).toContain(
      'L’objet de l’e-mail fait 61 caractères ; restez à 60 pour qu’il se lise en entier sur un téléphone.',
    );
  });

  test('GIVEN a browser’s line breaks (CRLF) WHEN an X version of 280 with them is saved THEN each counts once, as in chat', async () => {
    const w = world();
    const room = await openAndDraft(w);
    await serve(w);
    const url = await editorLink(w, room);
    const page = await openPage(url);
    const lines = `${'a'.repeat(139)}\r\n${'b'.repeat(140)}`;

    const saved = await post(url, { csrf: page.csrf, version: page.version, x: lines }, page.cookie);

    expect(saved.status).toBe(200);
    expect((await statementOf(w))?.variants?.x).toBe(lines.replace('\r\n', '\n'));
  });

  test('GIVEN the page open WHEN someone sets the X version in chat and ana then saves hers THEN hers is refused with what she typed kept and the version saved now shown; saving again replaces it', async () => {
    const w = world();
    const room = await openAndDraft(w);
    await serve(w);
    const url = await editorLink(w, room);
    const page = await openPage(url);
    await w.command(inRoom(bob, room), 'variant S1 x Bob’s take on it.');

    const stale = await post(url, { csrf: page.csrf, version: page.version, x: 'Ana’s take.' }, page.cookie);

    expect(stale.status).toBe(409);
    const body = await stale.text();
    expect(body).toContain('Statement S1 changed since you opened this page');
    expect(fieldIn(body, 'x')).toBe('Ana’s take.');
    expect(body).toContain('Saved now:</p><blockquote class="statement">Bob’s take on it.</blockquote>');
    expect((await statementOf(w))?.variants).toEqual({ x: 'Bob’s take on it.' });

    const version = /name="version" value="(\d+)"/.exec(body)?.[1] ?? '';
    const again = await post(url, { csrf: page.csrf, version, x: 'Ana’s take.' }, page.cookie);
    expect(again.status).toBe(200);
    expect((await statementOf(w))?.variants).toEqual({ x: 'Ana’s take.' });
  });

  test.each([
    ['no CSRF value', (p: { csrf: string; cookie: string }) => [{}, p.cookie] as const],
    ['no cookie', (p: { csrf: string; cookie: string }) => [{ csrf: p.csrf }, undefined] as const],
    [
      'another browser’s cookie',
      (p: { csrf: string; cookie: string }) => [{ csrf: p.csrf }, 'calma_draft=other'] as const,
    ],
  ])('GIVEN a POST with %s THEN it is refused (403) and nothing is stored', async (_, make) => {
    const w = world();
    const room = await openAndDraft(w);
    await serve(w);
    const url = await editorLink(w, room);
    const page = await openPage(url);
    const [form, cookie] = make(page);

    const response = await post(url, { ...form, version: page.version, x: 'Hacked.' }, cookie);

    expect(response.status).toBe(403);
    expect(await response.text()).toContain('This form did not come from the editor page in this browser');
    expect((await statementOf(w))?.variants).toBeUndefined();
  });

  test('GIVEN ana’s link WHEN it is altered, expired, or an approval link is used in its place (and back) THEN each is refused and nothing opens', async () => {
    const w = world();
    const room = await openAndDraft(w);
    const base = await serve(w);
    const url = await editorLink(w, room);
    const token = url.split('/draft/')[1] ?? '';
    const approval = signLink(
      SECRET,
      {
        platform: 'slack',
        workspace: ana.workspace,
        incident: 1,
        statement: 1,
        version: 1,
        user: bob.user,
        role: 'approver',
      },
      w.clock.now(),
    ).token;

    const altered = await openPage(
      url.replace(/draft\/(.)/, (_, c: string) => `draft/${c === 'A' ? 'B' : 'A'}`),
      {
        'accept-language': 'es-ES,es;q=0.9',
      },
    );
    const approvalAsDraft = await openPage(`${base}/draft/${approval}`);
    const draftAsApproval = await openPage(`${base}/approve/${token}`);
    w.clock.advanceMinutes(DRAFT_LINK_LIFETIME_MS / 60_000);
    const expired = await openPage(url);

    expect(altered.response.status).toBe(404);
    expect(altered.body).toContain('Este enlace del editor no es válido');
    expect(approvalAsDraft.response.status).toBe(404);
    expect(approvalAsDraft.body).toContain('This editor link is not valid');
    expect(draftAsApproval.response.status).toBe(404);
    expect(draftAsApproval.body).toContain('This approval link is not valid');
    expect(expired.response.status).toBe(410);
    expect(expired.body).toContain('This editor link has expired.');
    expect(expired.body).toContain('<code>/crisis variant S1</code>');
  });

  test('GIVEN a link signed with another key THEN it is not valid, and a POST to it changes nothing', async () => {
    const w = world();
    await openAndDraft(w);
    const base = await serve(w);
    const { token } = signDraftLink(
      'another-key-of-at-least-32-characters-xx',
      { platform: 'slack', workspace: ana.workspace, incident: 1, statement: 1, user: ana.user },
      w.clock.now(),
    );

    const response = await post(`${base}/draft/${token}`, { x: 'Hacked.' });

    expect(response.status).toBe(404);
    expect((await statementOf(w))?.variants).toBeUndefined();
  });

  test('GIVEN S1 published WHEN its link is opened, or asked for THEN it says a published statement does not change', async () => {
    const w = world();
    const room = await openAndDraft(w);
    await serve(w);
    const url = await editorLink(w, room);
    await w.command(inRoom(bob, room), 'approve S1');

    const { response, body } = await openPage(url);
    const asked = replyText(await w.command(inRoom(ana, room), 'variant S1'));

    expect(response.status).toBe(410);
    expect(body).toContain('Statement S1 is published, and a published statement does not change.');
    expect(asked).not.toContain('/draft/');
  });

  test('GIVEN the page open WHEN the incident is closed and ana saves THEN she is told it is closed and nothing changes', async () => {
    const w = world();
    const room = await openAndDraft(w);
    await serve(w);
    const url = await editorLink(w, room);
    const page = await openPage(url);
    await w.command(inRoom(ana, room), 'close Spam stopped.');

    const response = await post(url, { csrf: page.csrf, version: page.version, x: 'Hacked.' }, page.cookie);

    expect(response.status).toBe(410);
    expect(await response.text()).toContain('This incident is closed: its statements no longer change.');
    expect((await statementOf(w))?.variants).toBeUndefined();
  });

  test('GIVEN links off (no CALMA_LINK_SECRET) WHEN ana asks for the editor THEN she is told how to set a version in chat', async () => {
    const w = world();
    const room = await openAndDraft(w);

    const reply = replyText(await w.command(inRoom(ana, room), 'variant S1'));

    expect(reply).toContain('The web editor is off');
    expect(reply).toContain('/crisis variant S1 x <text>');
  });

  test('GIVEN `/crisis variant S1 x` with no text THEN it is the usage, not a link', async () => {
    const w = world();
    const room = await openAndDraft(w);
    await serve(w);

    const reply = replyText(await w.command(inRoom(ana, room), 'variant S1 x'));

    expect(reply).toContain('Which statement, which network, and what text?');
    expect(reply).not.toContain('/draft/');
  });
});
