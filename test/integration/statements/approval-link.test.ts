import pino from 'pino';
import { signLink } from '../../../src/app/approval-link';
import { timelineLine } from '../../../src/cards/timeline';
import { approvalPageRoutes } from '../../../src/http/approval-page';
import { incidentPages } from '../../../src/http/incident-page';
import { translator } from '../../../src/i18n';
import { verify } from '../../../src/outbound/signature';
import { ONE_APPROVER } from '../../support/approval-policy';
import { waitFor } from '../../support/wait-for';
import { ana, bob, lena, replyText, type World } from '../handlers/world';
import { openPage, post, statementOf, useLinkServer } from './link-pages';
import { inRoom, openAndDraft, TARGET_SECRET, TIMING, useStatements } from './statement-world';

const { world, target, takeFailures } = useStatements();
const SECRET = 'approval-link-secret-for-tests-0123456789';
const API_TOKEN = 'read-api-token-for-tests';
const links = useLinkServer();

/** calma's approval page on a free port, links on for this world, and S1 drafted by ana. */
async function serve(w: World): Promise<string> {
  const base = await links.serve(
    ...approvalPageRoutes({
      secret: SECRET,
      publicUrl: 'http://calma.test',
      claims: links.claims(),
      deps: (platform) => (platform === 'slack' ? w.deps : undefined),
      locale: 'en',
      clock: w.clock,
      log: pino({ level: 'silent' }),
    }),
    ...incidentPages(w.deps, API_TOKEN, SECRET),
  );
  w.deps.approvalLinks = { secret: SECRET, publicUrl: base, platform: 'slack' };
  return base;
}

/** What `/crisis link S1` gives `caller`: their link. */
async function linkFor(w: World, caller: typeof bob, room: string): Promise<string> {
  const reply = replyText(await w.command(inRoom(caller, room), 'link S1'));
  const url = /https?:\/\/\S+\/approve\/[\w.-]+/.exec(reply)?.[0];
  if (!url) throw new Error(`no link in: ${reply}`);
  return url;
}

describe('an approval link', () => {
  test('GIVEN bob’s link WHEN he opens it THEN the page shows S1, its checklist and who wrote it, with no referrer, a strict CSP and a SameSite=Strict cookie', async () => {
    const w = world();
    const room = await openAndDraft(w);
    await serve(w);
    const url = await linkFor(w, bob, room);

    const { response, body } = await openPage(url);

    expect(response.status).toBe(200);
    expect(body).toContain('<h1>Approve statement S1</h1>');
    expect(body).toContain('our account was hacked this morning and posted spam');
    expect(body).toContain('Written by: U0ANA');
    expect(body).toContain('Our account is posting spam');
    expect(body).toContain('Checklist:');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'none'");
    expect(response.headers.get('set-cookie')).toMatch(/; HttpOnly; SameSite=Strict$/);
  });

  test('GIVEN people with display names WHEN bob opens his link after carl approved THEN the page names them, not their ids, and a name is shown as text, never as markup', async () => {
    const w = world();
    w.deps.approvalPolicy = { ...ONE_APPROVER, sev1: ['approver', 'legal'] };
    const room = await openAndDraft(w);
    await serve(w);
    w.chat.names.set(ana.user, 'Ana <b>Comms</b>');
    w.chat.names.set(lena.user, 'Lena Legal');
    w.chat.names.set(bob.user, 'Bob & Co');
    await w.command(inRoom(bob, room), 'approve S1');
    const url = await linkFor(w, lena, room);

    const { body } = await openPage(url);

    expect(body).toContain('Written by: Ana &lt;b&gt;Comms&lt;/b&gt;');
    expect(body).toContain('Approved so far: Bob &amp; Co (approver)');
    expect(body).toContain('You (Lena Legal) are asked to approve as legal / DPO.');
    expect(body).not.toMatch(/U0ANA|U0BOB|U0LENA/);
    expect(body).not.toContain('<b>Comms</b>');
  });

  test('GIVEN bob’s link WHEN he approves from the page THEN S1 is published as after a chat approval, the timeline says it came from the link, and the same link then says it was used', async () => {
    const w = world();
    const room = await openAndDraft(w);
    await serve(w);
    const url = await linkFor(w, bob, room);
    const page = await openPage(url);

    const response = await post(url, { csrf: page.csrf, action: 'approve' }, page.cookie);

    expect(response.status).toBe(200);
    expect(await response.text()).toContain('you approved statement S1, and it is published');
    expect((await statementOf(w))?.status).toBe('published');
    expect(w.chat.textsIn(room).join('\n')).toContain('Statement S1 approved by <@U0BOB>: published');
    const t = translator('en', 'UTC');
    const lines = (await w.timeline(1)).map((e) => timelineLine(e, t, (u) => `@${u}`));
    expect(lines).toContainEqual(
      expect.stringMatching(/@U0BOB: statement S1 approved as approver from the approval link$/),
    );

    const again = await post(url, { csrf: page.csrf, action: 'approve' }, page.cookie);
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('This approval link was already used');
    const reopened = await openPage(url);
    expect(reopened.response.status).toBe(410);
    expect(reopened.body).toContain('This approval link was already used');
  });

  test.each([
    ['no CSRF value', (p: { csrf: string; cookie: string }) => [{ action: 'approve' }, p.cookie] as const],
    [
      'no cookie',
      (p: { csrf: string; cookie: string }) => [{ csrf: p.csrf, action: 'approve' }, undefined] as const,
    ],
    [
      'another browser’s cookie',
      (p: { csrf: string; cookie: string }) =>
        [{ csrf: p.csrf, action: 'approve' }, 'calma_approval=other'] as const,
    ],
  ])(
    'GIVEN a POST with %s THEN it is refused (403) and S1 stays pending; the link still works',
    async (_, make) => {
      const w = world();
      const room = await openAndDraft(w);
      await serve(w);
      const url = await linkFor(w, bob, room);
      const page = await openPage(url);
      const [form, cookie] = make(page);

      const response = await post(url, form, cookie);

      expect(response.status).toBe(403);
      expect(await response.text()).toContain('Nothing was done');
      expect((await statementOf(w))?.status).toBe('pending');
      expect((await openPage(url)).response.status).toBe(200);
    },
  );

  test('GIVEN a link made out to ana, who wrote S1 WHEN she approves from it THEN four eyes refuse her as in chat and nothing is published', async () => {
    const w = world();
    await openAndDraft(w);
    const base = await serve(w);
    const s1 = await statementOf(w);
    const { token } = signLink(
      SECRET,
      {
        platform: 'slack',
        workspace: ana.workspace,
        incident: 1,
        statement: 1,
        version: s1?.version ?? 0,
        user: ana.user,
        role: 'approver',
      },
      w.clock.now(),
    );
    const url = `${base}/approve/${token}`;
    const page = await openPage(url);

    const response = await post(url, { csrf: page.csrf, action: 'approve' }, page.cookie);

    expect(response.status).toBe(409);
    expect(await response.text()).toContain('You wrote (part of) statement S1, so you cannot approve it');
    expect(await statementOf(w)).toMatchObject({ status: 'pending', approvals: [] });
  });

  test('GIVEN ana asks for a link to her own statement THEN she is refused and given none', async () => {
    const w = world();
    const room = await openAndDraft(w);
    await serve(w);

    const reply = replyText(await w.command(inRoom(ana, room), 'link S1'));

    expect(reply).toContain('You wrote (part of) statement S1, so you cannot approve it');
    expect(reply).not.toContain('/approve/');
  });

  test('GIVEN bob’s link WHEN ana edits S1 afterwards THEN the link says the statement was edited and how to get a new one', async () => {
    const w = world();
    const room = await openAndDraft(w);
    await serve(w);
    const url = await linkFor(w, bob, room);
    await w.command(inRoom(ana, room), 'edit S1 We are sorry: our account was hacked. Next update at 11:00.');

    const { response, body } = await openPage(url);

    expect(response.status).toBe(410);
    expect(body).toContain('Statement S1 was edited after this link was sent');
    expect(body).toContain('<code>/crisis link S1</code>');
  });

  test('GIVEN bob’s link WHEN a day has passed THEN it has expired', async () => {
    const w = world();
    const room = await openAndDraft(w);
    await serve(w);
    const url = await linkFor(w, bob, room);
    w.clock.advanceMinutes(24 * 60);

    const { response, body } = await openPage(url);

    expect(response.status).toBe(410);
    expect(body).toContain('This approval link has expired.');
  });

  test('GIVEN a link altered by one character THEN the page says it is not valid, in the browser’s language', async () => {
    const w = world();
    const room = await openAndDraft(w);
    await serve(w);
    const url = await linkFor(w, bob, room);
    const altered = url.replace(/approve\/(.)/, (_, c: string) => `approve/${c === 'A' ? 'B' : 'A'}`);

    const response = await fetch(altered, { headers: { 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5' } });

    expect(response.status).toBe(404);
    const body = await response.text();
    expect(body).toContain('<html lang="fr">');
    expect(body).toContain('Ce lien d’approbation n’est pas valide');
  });

  test('GIVEN bob’s link WHEN he rejects with a reason THEN S1 is rejected, the room is told, and the timeline says it came from the link', async () => {
    const w = world();
    const room = await openAndDraft(w);
    await serve(w);
    const url = await linkFor(w, bob, room);
    const page = await openPage(url);

    const empty = await post(url, { csrf: page.csrf, action: 'reject', reason: '  ' }, page.cookie);
    expect(empty.status).toBe(400);
    expect((await statementOf(w))?.status).toBe('pending');

    const response = await post(
      url,
      { csrf: page.csrf, action: 'reject', reason: 'Say what data' },
      page.cookie,
    );

    expect(response.status).toBe(200);
    expect(await statementOf(w)).toMatchObject({
      status: 'rejected',
      rejection: { by: 'U0BOB', reason: 'Say what data' },
    });
    expect(w.chat.textsIn(room).join('\n')).toContain('Statement S1 rejected by <@U0BOB>: Say what data');
    const t = translator('en', 'UTC');
    const lines = (await w.timeline(1)).map((e) => timelineLine(e, t, (u) => `@${u}`));
    expect(lines).toContainEqual(
      expect.stringMatching(/@U0BOB: statement S1 rejected from the approval link: Say what data$/),
    );
  });

  test('GIVEN links are off WHEN an approver asks for one THEN calma says what to set, and to approve in chat', async () => {
    const w = world();
    const room = await openAndDraft(w);

    const reply = replyText(await w.command(inRoom(bob, room), 'link S1'));

    expect(reply).toContain('Approval links are off');
    expect(reply).toContain('/crisis approve S1');
  });
});

describe('the incident page from an approval link', () => {
  /** The page's "See the whole incident" link, resolved against the page's address. */
  const incidentHref = (url: string, body: string) => {
    const href = /<a href="([^"]+)">See the whole incident<\/a>/.exec(body)?.[1];
    if (!href) throw new Error(`no incident link in: ${body}`);
    return new URL(href, url).toString();
  };

  test('GIVEN bob’s link WHEN he follows "See the whole incident" THEN he sees incident #1 and its chart, without the API token, with no referrer', async () => {
    const w = world();
    const room = await openAndDraft(w);
    await serve(w);
    const url = await linkFor(w, bob, room);
    const { body } = await openPage(url);

    const response = await fetch(incidentHref(url, body));

    expect(response.status).toBe(200);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const page = await response.text();
    expect(page).toContain('<h1>Incident #1: Our account is posting spam</h1>');
    expect(page).toContain('<strong>S1</strong> · waiting for approval');
    const svg = /<a href="([^"]+)">[^<]*<\/a><\/p>\n<\/section>/.exec(page)?.[1] ?? '';
    const chart = await fetch(new URL(svg, incidentHref(url, body)));
    expect(chart.status).toBe(200);
    expect(chart.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
  });

  test('GIVEN bob used his link WHEN he opens it again THEN it refuses to act but still opens the incident, until it expires', async () => {
    const w = world();
    const room = await openAndDraft(w);
    await serve(w);
    const url = await linkFor(w, bob, room);
    const first = await openPage(url);
    await post(url, { csrf: first.csrf, action: 'approve' }, first.cookie);

    const again = await openPage(url);
    expect(again.response.status).toBe(410);
    const incident = incidentHref(url, again.body);
    const page = await fetch(incident);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<strong>S1</strong> · published');

    w.clock.advanceMinutes(24 * 60);
    const late = await fetch(incident);
    expect(late.status).toBe(410);
    const said = await late.text();
    expect(said).toContain('This approval link has expired.');
    expect(said).not.toContain('Our account is posting spam');
  });

  test('GIVEN a link altered by one character, or one for another incident (#7, not here), THEN the incident page is 404; the API token still opens it, and a link is no bearer token', async () => {
    const w = world();
    const room = await openAndDraft(w);
    const base = await serve(w);
    const url = await linkFor(w, bob, room);
    const token = url.slice(url.lastIndexOf('/') + 1);
    const altered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    const { token: elsewhere } = signLink(
      SECRET,
      {
        platform: 'slack',
        workspace: ana.workspace,
        incident: 7,
        statement: 1,
        version: 1,
        user: 'U0BOB',
        role: 'approver',
      },
      w.clock.now(),
    );

    for (const link of [altered, elsewhere]) {
      const response = await fetch(`${base}/approve/${link}/incident`, {
        headers: { 'accept-language': 'es-ES,es;q=0.9' },
      });
      expect(response.status).toBe(404);
      const said = await response.text();
      expect(said).toContain('Este enlace de aprobación no es válido');
      expect(said).not.toContain('Our account is posting spam');
    }
    const withLinkAsBearer = await fetch(`${base}/incidents/T0ACME-1`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(withLinkAsBearer.status).toBe(401);
    const withToken = await fetch(`${base}/incidents/T0ACME-1`, {
      headers: { authorization: `Bearer ${API_TOKEN}` },
    });
    expect(withToken.status).toBe(200);
  });
});

describe('links sent by DM', () => {
  test('GIVEN links on and bob in the room WHEN ana drafts S1 THEN carl, an approver outside the room, gets his own link by DM (bob and ana none), and it approves S1', async () => {
    const w = world();
    await serve(w);
    const room = await w.open(ana);
    w.chat.roomMembership.set(room, [ana.user, bob.user]);

    await w.command(
      inRoom(ana, room),
      `update ${'We are sorry: our account was hacked and posted spam. Do not click its links.'}`,
    );

    expect(w.chat.dms.map((dm) => dm.user)).toEqual(['U0CARL']);
    const text = (w.chat.dms[0]?.card.lines ?? []).join('\n');
    expect(text).toContain('Statement S1 needs your approval as approver (#1 Our account is posting spam)');
    const url = /https?:\/\/\S+\/approve\/[\w.-]+/.exec(text)?.[0] ?? '';
    const page = await openPage(url);
    expect(page.body).toContain('You (U0CARL) are asked to approve as approver.');
    const response = await post(url, { csrf: page.csrf, action: 'approve' }, page.cookie);
    expect(response.status).toBe(200);
    expect((await statementOf(w))?.approvals).toEqual([expect.objectContaining({ by: 'U0CARL' })]);
  });

  test('GIVEN links off WHEN ana drafts S1 THEN nobody gets a DM', async () => {
    const w = world();
    const room = await w.open(ana);

    await w.command(inRoom(ana, room), 'update We are sorry: our account was hacked and posted spam.');

    expect(w.chat.dms).toEqual([]);
  });
});

describe('approval requests to an email webhook', () => {
  // The harness's one target server stands in for the team's mail relay.
  const RELAY = 'statuspage';
  const TEXT = 'We are sorry: our account was hacked and posted spam. Do not click its links.';

  /** Links and approval requests on; ana and bob in the room, carl (an approver) outside it. */
  async function outsideCarl(w: World): Promise<string> {
    await serve(w);
    w.deps.approvalRequests = { target: RELAY, emails: { U0CARL: 'carl@acme.example' } };
    w.chat.names.set('U0CARL', 'Carl Díaz');
    const room = await w.open(ana);
    w.chat.roomMembership.set(room, [ana.user, bob.user]);
    return room;
  }

  test('GIVEN carl outside the room WHEN ana drafts S1 THEN the relay gets one signed approval.requested event for him, with his name, address, role and the same link as his DM, which approves S1', async () => {
    const w = world();
    const room = await outsideCarl(w);

    await w.command(inRoom(ana, room), `update ${TEXT}`);

    const got = await waitFor(() => target.accepted()[0], 5000, 'the approval request');
    expect(
      verify(
        TARGET_SECRET,
        String(got.headers['x-calma-timestamp']),
        Buffer.from(got.body),
        String(got.headers['x-calma-signature']),
      ),
    ).toBe('ok');
    const body = JSON.parse(got.body);
    expect(body).toMatchObject({
      type: 'approval.requested',
      delivery: got.headers['x-calma-delivery'],
      locale: 'en',
      approver: {
        user: 'U0CARL',
        name: 'Carl Díaz',
        email: 'carl@acme.example',
        role: 'approver',
        role_name: 'approver',
      },
      incident: { workspace: ana.workspace, seq: 1, name: 'Our account is posting spam', severity: 1 },
      statement: { n: 1, version: 1 },
      link: { expires_at: '2026-11-23T09:30:00.000Z' },
      message: { subject: 'Statement S1 needs your approval (#1 Our account is posting spam)' },
    });
    const dm = (w.chat.dms[0]?.card.lines ?? []).join('\n');
    expect(dm).toContain(body.link.url);
    expect(body.message.text).toBe(dm);
    expect(target.accepted()).toHaveLength(1);

    const page = await openPage(body.link.url);
    const response = await post(body.link.url, { csrf: page.csrf, action: 'approve' }, page.cookie);
    expect(response.status).toBe(200);
    expect((await statementOf(w))?.status).toBe('published');
  });

  test('GIVEN the relay down twice WHEN ana drafts S1 THEN the request is retried with the same delivery id until it is taken', async () => {
    const w = world();
    const room = await outsideCarl(w);
    target.answerNext(503, 503);

    await w.command(inRoom(ana, room), `update ${TEXT}`);

    await waitFor(() => target.accepted().length === 1, 5000, 'the relay to take the request');
    expect(target.received.map((r) => r.status)).toEqual([503, 503, 200]);
    expect(new Set(target.received.map((r) => r.headers['x-calma-delivery'])).size).toBe(1);
    expect(takeFailures()).toHaveLength(2);
  });

  test('GIVEN the relay refuses for good WHEN ana drafts S1 THEN the room is told carl was not sent his request, and how he can get a link', async () => {
    const w = world();
    const room = await outsideCarl(w);
    target.answerNext(400);

    await w.command(inRoom(ana, room), `update ${TEXT}`);

    const told = await waitFor(
      () => w.chat.textsIn(room).find((text) => text.includes('approval request')),
      5000,
      'the room to be told',
    );
    expect(told).toBe(
      'The approval request for statement S1 could not be sent to <@U0CARL> through statuspage (HTTP 400): they can still get a link with `/crisis link S1`.',
    );
    // Given up at once (a 4xx), not retried: the one failure BullMQ reports comes after the room post.
    const failed: string[] = [];
    await waitFor(() => failed.push(...takeFailures()) > 0, 5000, 'the job to fail');
    expect(failed).toEqual([expect.stringContaining('HTTP 400')]);
    expect(target.received).toHaveLength(1);
  });

  test('GIVEN a drill WHEN ana drafts S1 THEN carl gets his link by DM but nothing goes to the relay: drills never leave the chat', async () => {
    const w = world();
    await serve(w);
    w.deps.approvalRequests = { target: RELAY, emails: {} };
    const room = (await w.command(ana, 'drill compromised-tool buffer-2013')).openedRoom ?? '';
    w.chat.roomMembership.set(room, [ana.user, bob.user]);

    await w.command(inRoom(ana, room), `update ${TEXT}`);

    expect(w.chat.dms.map((dm) => dm.user)).toEqual(['U0CARL']);
    // Past any pick-up and retry: still nothing at the relay.
    await new Promise((resolve) => setTimeout(resolve, TIMING.maxRetryMs * 2));
    expect(target.received).toEqual([]);
  });

  test('GIVEN S1 is edited before the relay is reached WHEN the first request comes up THEN it is dropped (its link is void) and the new version’s goes out', async () => {
    const w = world();
    const room = await outsideCarl(w);
    target.answerNext(503);

    await w.command(inRoom(ana, room), `update ${TEXT}`);
    await waitFor(() => target.received.length === 1, 5000, 'the first attempt');
    await w.command(inRoom(ana, room), `edit S1 ${TEXT} Next update at 11:00.`);

    await waitFor(() => target.accepted().length === 1, 5000, 'the second version’s request');
    await new Promise((resolve) => setTimeout(resolve, TIMING.maxRetryMs * 2));
    expect(target.accepted().map((r) => JSON.parse(r.body).statement.version)).toEqual([2]);
    takeFailures();
  });
});
