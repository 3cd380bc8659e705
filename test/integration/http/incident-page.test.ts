/**
 * The incident in a browser and its timeline chart, behind the read API's bearer token, over real HTTP:
 * what an operator's browser or tool gets, and what someone without the token does not.
 */
import pino from 'pino';
import { incidentPages } from '../../../src/http/incident-page';
import { HttpServer } from '../../../src/http/server';
import { ana, bob, inRoom, useWorld, type World } from '../handlers/world';

const world = useWorld();
const TOKEN = 'read-api-token-for-tests';
const auth = { authorization: `Bearer ${TOKEN}` };

let server: HttpServer | null = null;

async function serve(w: World, token: string | undefined) {
  server = new HttpServer(pino({ level: 'silent' })).route(...incidentPages(w.deps, token));
  const port = await server.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${port}`;
}

afterEach(async () => {
  await server?.close();
  server = null;
});

/** Incident #1 of T0ACME, titled with markup, with S1 drafted and published, 25 minutes in, and S2 drafted. */
async function incidentWithStatements(w: World): Promise<void> {
  const room = await w.open(ana, 'open hacked-account sev2 Spam <b>from</b> our account');
  await w.command(inRoom(ana, room), 'role approver @U0BOB');
  w.clock.advanceMinutes(10);
  await w.command(inRoom(ana, room), 'update We are sorry: our account posted spam. Do not click its links.');
  w.clock.advanceMinutes(15);
  await w.command(inRoom(bob, room), 'approve S1');
  await w.command(inRoom(ana, room), 'update Second draft: <script>alert(1)</script>');
}

describe('GET /incidents/<id>', () => {
  test('GIVEN the token WHEN the incident page is fetched THEN it is an HTML page with the chart inline and the statements listed, every outside text escaped', async () => {
    const w = world();
    await incidentWithStatements(w);
    expect((await w.incident(1)).statements?.map((s) => s.status)).toEqual(['published', 'pending']);
    const base = await serve(w, TOKEN);

    const response = await fetch(`${base}/incidents/T0ACME-1`, { headers: auth });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'none'");
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const page = await response.text();
    expect(page).toContain('<html lang="en">');
    expect(page.match(/<h1>/g)).toHaveLength(1);
    expect(page).toContain('<h1>Incident #1: Spam &lt;b&gt;from&lt;/b&gt; our account</h1>');
    expect(page).toMatch(/<svg [^>]*role="img"/);
    expect(page).toContain('>S1</text>');
    expect(page).toContain('<strong>S1</strong> · published 22 Nov 2026 09:55 UTC');
    expect(page).toContain('We are sorry: our account posted spam. Do not click its links.');
    expect(page).toContain('<strong>S2</strong> · waiting for approval');
    expect(page).toContain('Second draft: &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toContain('<script>');
    expect(page).toContain('href="T0ACME-1/timeline.svg"');
  });

  test('GIVEN a Spanish incident WHEN its page is fetched THEN the page is in Spanish', async () => {
    const w = world();
    await w.open({ ...ana, locale: 'es' }, 'open hacked-account sev2 Cuenta con spam');
    const base = await serve(w, TOKEN);

    const page = await (await fetch(`${base}/incidents/T0ACME-1`, { headers: auth })).text();

    expect(page).toContain('<html lang="es">');
    expect(page).toContain('<h1>Crisis #1: Cuenta con spam</h1>');
    expect(page).toContain('Todavía no hay ningún comunicado redactado.');
  });
});

describe('GET /incidents/<id>/timeline.svg', () => {
  test('GIVEN the token WHEN the chart is fetched THEN it is an SVG image of that incident', async () => {
    const w = world();
    await incidentWithStatements(w);
    const base = await serve(w, TOKEN);

    const response = await fetch(`${base}/incidents/T0ACME-1/timeline.svg`, { headers: auth });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'");
    const svg = await response.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain(
      '<title id="chart-title">Timeline of incident #1: Spam &lt;b&gt;from&lt;/b&gt; our account</title>',
    );
    expect(svg).toContain('1 statement published');
  });
});

describe('who may look', () => {
  test.each([
    ['/incidents/T0ACME-1', 'no credentials', {}],
    ['/incidents/T0ACME-1/timeline.svg', 'no credentials', {}],
    ['/incidents/T0ACME-1', 'a wrong token', { authorization: 'Bearer not-the-token' }],
    ['/incidents/T0ACME-1/timeline.svg', 'a wrong token', { authorization: 'Bearer not-the-token' }],
  ])('GIVEN %s asked with %s THEN 401 and nothing of the incident', async (path, _, headers) => {
    const w = world();
    await incidentWithStatements(w);
    const base = await serve(w, TOKEN);

    const response = await fetch(`${base}${path}`, { headers });

    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="calma"');
    expect(await response.text()).not.toContain('Spam');
  });

  test('GIVEN no CALMA_API_TOKEN WHEN asked with an empty bearer THEN 401', async () => {
    const w = world();
    await incidentWithStatements(w);
    const base = await serve(w, undefined);

    const response = await fetch(`${base}/incidents/T0ACME-1`, { headers: { authorization: 'Bearer ' } });

    expect(response.status).toBe(401);
  });

  test('GIVEN the token WHEN an incident that does not exist is asked for THEN 404; without it, 401 (nobody learns what exists)', async () => {
    const w = world();
    const base = await serve(w, TOKEN);

    expect((await fetch(`${base}/incidents/T0ACME-9`, { headers: auth })).status).toBe(404);
    expect((await fetch(`${base}/incidents/T0ACME-9`)).status).toBe(401);
  });
});
