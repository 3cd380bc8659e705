/**
 * calma's HTTP server as an operator's tools reach it: the postmortem behind a bearer token (off without
 * one), over real HTTP on a free port. (/healthz against a real Redis: test/e2e/health.test.ts.)
 */
import pino from 'pino';
import { incidentApi } from '../../../src/http/incident-api';
import { HttpServer } from '../../../src/http/server';
import { ana, inRoom, useWorld, type World } from '../handlers/world';

const world = useWorld();
const TOKEN = 'read-api-token-for-tests';

let server: HttpServer | null = null;

async function serve(w: World, token: string | undefined) {
  server = new HttpServer(pino({ level: 'silent' })).route(...incidentApi(w.deps, token));
  const port = await server.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${port}`;
}

afterEach(async () => {
  await server?.close();
  server = null;
});

/** A resolved incident #1 of workspace T0ACME, with a statement drafted and a note. */
async function resolvedIncident(w: World): Promise<void> {
  const room = await w.open(ana);
  await w.command(inRoom(ana, room), 'note Attacker posts archived');
  await w.command(inRoom(ana, room), 'close Account recovered, spam removed.');
}

describe('GET /incidents/<id>/postmortem.md', () => {
  test('GIVEN the token WHEN the postmortem is fetched THEN it is the Markdown postmortem of that incident', async () => {
    const w = world();
    await resolvedIncident(w);
    const base = await serve(w, TOKEN);

    const response = await fetch(`${base}/incidents/T0ACME-1/postmortem.md`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    const markdown = await response.text();
    expect(markdown).toMatch(/^# .*#1.*Our account is posting spam/m);
    expect(markdown).toContain('Account recovered, spam removed.');
    expect(markdown).toContain('Attacker posts archived');
  });

  test.each([
    ['no credentials', {}],
    ['a wrong token', { authorization: 'Bearer not-the-token' }],
    ['the token in another scheme', { authorization: `Basic ${TOKEN}` }],
  ])('GIVEN %s WHEN the postmortem is fetched THEN 401 and nothing of the incident', async (_, headers) => {
    const w = world();
    await resolvedIncident(w);
    const base = await serve(w, TOKEN);

    const response = await fetch(`${base}/incidents/T0ACME-1/postmortem.md`, { headers });

    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="calma"');
    expect(await response.text()).not.toContain('posting spam');
  });

  test('GIVEN no CALMA_API_TOKEN WHEN anyone asks, with any token THEN the API is off (403)', async () => {
    const w = world();
    await resolvedIncident(w);
    const base = await serve(w, undefined);

    const response = await fetch(`${base}/incidents/T0ACME-1/postmortem.md`, {
      headers: { authorization: 'Bearer ' },
    });

    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      error: 'the read API is off: set CALMA_API_TOKEN to turn it on',
    });
  });

  test('GIVEN the token WHEN the incident does not exist, or the method or path is wrong THEN 404 / 405', async () => {
    const w = world();
    const base = await serve(w, TOKEN);
    const auth = { authorization: `Bearer ${TOKEN}` };

    expect((await fetch(`${base}/incidents/T0ACME-9/postmortem.md`, { headers: auth })).status).toBe(404);
    expect(
      (await fetch(`${base}/incidents/T0ACME-9/postmortem.md`, { method: 'POST', headers: auth })).status,
    ).toBe(405);
    expect((await fetch(`${base}/nothing`)).status).toBe(404);
  });
});
