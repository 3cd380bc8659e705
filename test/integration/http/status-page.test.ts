import { request } from 'node:http';
import type { Redis } from 'ioredis';
import pino from 'pino';
import type { Incident, Statement } from '../../../src/core/types';
import { HttpServer } from '../../../src/http/server';
import { type StatusPageSettings, statusPageRoutes } from '../../../src/http/status-page';
import { statusSource } from '../../../src/http/status-source';
import { RedisIncidentStore } from '../../../src/store/redis-incident-store';
import { anIncident, anOpenedEntry } from '../../support/fixtures';
import { testRedis, uniquePrefix } from '../../support/redis';

const NOW = new Date('2026-12-07T12:00:00.000Z');
const SETTINGS: StatusPageSettings = {
  title: 'Acme status',
  logoUrl: null,
  baseUrl: 'https://status.acme.example',
  playbooks: null,
  severities: [1, 2],
  recentDays: 30,
  language: 'en',
  timeZone: 'Europe/Madrid',
};

function statement(n: number, text: string, overrides: Partial<Statement> = {}): Statement {
  return {
    n,
    text,
    authors: ['U0COMMS'],
    createdAt: '2026-12-07T09:00:00.000Z',
    targets: [],
    requires: ['approver'],
    approvals: [],
    status: 'published',
    version: 1,
    checklist: { covered: [], missing: [], warnings: [] },
    publishedAt: `2026-12-07T09:${String(10 + n).padStart(2, '0')}:00.000Z`,
    ...overrides,
  };
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

describe('the public status page', () => {
  let redis: Redis;
  let store: RedisIncidentStore;
  let http: HttpServer;
  let port: number;
  let seq = 0;

  const get = (path: string, headers: Record<string, string> = {}) =>
    new Promise<Answer>((resolve, reject) => {
      const req = request({ port, path, headers }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end();
    });

  const open = async (overrides: Partial<Incident>) => {
    seq += 1;
    const incident = anIncident({ seq, workspace: 'T0TEST', ...overrides });
    await store.create({ incident, events: [anOpenedEntry(incident)] });
    return incident;
  };

  const serve = async (settings: StatusPageSettings | null, workspaces = ['T0TEST']) => {
    const prefix = uniquePrefix();
    store = new RedisIncidentStore(redis, prefix);
    http = new HttpServer(pino({ level: 'silent' })).route(
      ...statusPageRoutes(
        settings,
        statusSource(store, redis, prefix, async () => workspaces),
        () => NOW,
      ),
    );
    port = await http.listen(0, '127.0.0.1');
  };

  beforeAll(() => {
    redis = testRedis();
  });
  afterEach(async () => {
    await http.close();
  });
  afterAll(async () => {
    await redis.quit();
  });

  test('GIVEN drills, private, codenamed, unlisted and unpublished incidents WHEN the public reads the page and feeds THEN only the public incident and its published statements appear', async () => {
    await serve(SETTINGS);
    const published = [statement(1, 'We are looking into spam posted from our account.')];
    await open({
      title: 'Spam from our account',
      statements: [
        ...published,
        statement(2, 'DRAFT never out', { status: 'pending', publishedAt: undefined }),
      ],
    });
    await open({ title: 'Drill: fire in the warehouse', drill: true, statements: published });
    await open({ title: 'Board member leaves', private: true, statements: published });
    await open({ title: 'Secret acquisition', codename: 'bluebird', statements: published });
    await open({ title: 'Minor typo', severity: 4, statements: published });
    await open({
      title: 'Nothing said yet',
      statements: [statement(1, 'awaiting approval', { status: 'pending', publishedAt: undefined })],
    });
    await open({
      title: 'Rejected words',
      statements: [statement(1, 'rejected text', { status: 'rejected', publishedAt: undefined })],
    });

    const answers = [await get('/status'), await get('/status/feed.atom'), await get('/status/feed.json')];

    for (const { status, body } of answers) {
      expect(status).toBe(200);
      expect(body).toContain('Spam from our account');
      expect(body).toContain('We are looking into spam posted from our account.');
      for (const secret of [
        'DRAFT never out',
        'Drill',
        'Board member',
        'Secret acquisition',
        'bluebird',
        'Minor typo',
        'Nothing said yet',
        'awaiting approval',
        'Rejected',
        'rejected text',
      ]) {
        expect(body).not.toContain(secret);
      }
    }
  });

  test('GIVEN an ongoing and a resolved incident THEN ongoing comes first, a long-resolved one is gone, statements are in order with their times and the promised next update', async () => {
    await serve(SETTINGS);
    await open({
      title: 'Delivery delays',
      status: 'resolved',
      resolvedAt: '2026-12-01T10:00:00.000Z',
      statements: [statement(1, 'Deliveries are late.')],
    });
    await open({
      title: 'Old outage',
      status: 'resolved',
      resolvedAt: '2026-10-01T10:00:00.000Z',
      statements: [statement(1, 'Long ago.')],
    });
    await open({
      title: 'Checkout down',
      statements: [
        statement(1, 'Checkout is failing for some customers.'),
        statement(2, 'A fix is rolling out.', { nextUpdateAt: '2026-12-07T11:00:00.000Z' }),
      ],
    });

    const index = await get('/status');
    const ongoing = index.body.indexOf('Checkout down');
    const resolved = index.body.indexOf('Delivery delays');
    expect(ongoing).toBeGreaterThan(-1);
    expect(resolved).toBeGreaterThan(ongoing);
    expect(index.body).not.toContain('Old outage');
    // Times in the team's zone with its offset, and machine-readable for the reader's own zone.
    expect(index.body).toContain('<time datetime="2026-12-07T11:00:00.000Z">7 Dec 2026 12:00 UTC+1</time>');
    expect(index.body).toContain('Next update by');

    const link = /href="(\/status\/incidents\/[^"?]+)\?lang=en">Checkout down/.exec(index.body)?.[1] ?? '';
    expect(link).not.toMatch(/T0TEST|\b3\b/);
    const page = await get(link);
    expect(page.status).toBe(200);
    expect(page.body.indexOf('Checkout is failing')).toBeLessThan(page.body.indexOf('A fix is rolling out.'));
    expect(page.body).toContain('<time datetime="2026-12-07T09:11:00.000Z">7 Dec 2026 10:11 UTC+1</time>');
    expect((await get('/status/incidents/AAAAAAAAAAAAAAAA')).status).toBe(404);
  });

  test('GIVEN a page read once WHEN read again with its ETag THEN 304, and a new publication changes the ETag', async () => {
    await serve(SETTINGS);
    const incident = await open({ title: 'Checkout down', statements: [statement(1, 'Looking into it.')] });
    const first = await get('/status');
    expect(first.headers['cache-control']).toBe('public, max-age=10');
    expect(first.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(first.headers['x-content-type-options']).toBe('nosniff');
    expect(first.headers['referrer-policy']).toBe('no-referrer');
    const etag = String(first.headers.etag);

    const again = await get('/status', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');

    await store.update('T0TEST', incident.seq, (current) => ({
      change: {
        incident: { ...current, statements: [...(current.statements ?? []), statement(2, 'Fixed.')] },
        events: [],
      },
    }));
    const changed = await get('/status', { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.body).toContain('Fixed.');
  });

  test('GIVEN ?lang= or Accept-Language THEN the page speaks Spanish or French, and English otherwise', async () => {
    await serve(SETTINGS);
    await open({ title: 'Checkout down', statements: [statement(1, 'Looking into it.')] });

    const es = await get('/status', { 'accept-language': 'es-ES,es;q=0.9,en;q=0.5' });
    expect(es.body).toContain('<html lang="es">');
    expect(es.body).toContain('Incidencias en curso');
    expect(es.headers.vary).toBe('Accept-Language');
    const fr = await get('/status?lang=fr', { 'accept-language': 'es' });
    expect(fr.body).toContain('<html lang="fr">');
    expect(fr.body).toContain('Incidents en cours');
    const de = await get('/status', { 'accept-language': 'de-DE, fr;q=0' });
    expect(de.body).toContain('<html lang="en">');
  });

  test('GIVEN a statement with markup, control characters and variants THEN the page escapes it, the Atom feed stays well-formed with the elements RFC 4287 requires, and only the JSON feed carries the variants (`_calma`)', async () => {
    await serve(SETTINGS);
    await open({
      title: 'A <b>bold</b> & "title"',
      statements: [
        statement(1, 'Text <script>alert(1)</script>\u0007 & more', {
          variants: { x: 'Short <b>for</b> X', bluesky: 'For Bluesky 🦋' },
        }),
      ],
    });

    const page = await get('/status');
    expect(page.body).not.toContain('<script>alert(1)');
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const atom = await get('/status/feed.atom?lang=fr');
    expect(atom.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(atom.body).not.toContain('\u0007');
    expect(atom.body).not.toContain('<script>');
    expect(atom.body).toMatch(/<feed xmlns="http:\/\/www.w3.org\/2005\/Atom" xml:lang="fr">/);
    for (const required of [
      '<id>https://status.acme.example/status</id>',
      '<title>Acme status</title>',
      '<updated>2026-12-07T09:11:00.000Z</updated>',
      '<link rel="self" type="application/atom+xml" href="https://status.acme.example/status/feed.atom?lang=fr"/>',
      '<author><name>Acme status</name></author>',
    ]) {
      expect(atom.body).toContain(required);
    }
    const entry = /<entry>([\s\S]*?)<\/entry>/.exec(atom.body)?.[1] ?? '';
    for (const tag of ['id', 'title', 'updated', 'content']) expect(entry).toMatch(new RegExp(`<${tag}[ >]`));
    expect(entry).toContain('mise à jour 1');

    const json = JSON.parse((await get('/status/feed.json')).body) as {
      version: string;
      items: { id: string; content_text: string; date_published: string; _calma?: unknown }[];
    };
    expect(json.version).toBe('https://jsonfeed.org/version/1.1');
    expect(json.items).toHaveLength(1);
    expect(json.items[0]?.content_text).toContain('<script>alert(1)</script>');
    expect(json.items[0]?.date_published).toBe('2026-12-07T09:11:00.000Z');
    expect(json.items[0]?._calma).toEqual({
      variants: { x: 'Short <b>for</b> X', bluesky: 'For Bluesky 🦋' },
    });
    // The page and the Atom feed carry the statement itself, in full: variants are for republishing.
    expect(page.body).not.toContain('For Bluesky');
    expect(atom.body).not.toContain('For Bluesky');
  });

  test('GIVEN no status_page in calma.yaml THEN every status route is a plain 404; with no base_url the feeds say what to set', async () => {
    await serve(null);
    for (const path of ['/status', '/status/feed.atom', '/status/feed.json', '/status/incidents/abc']) {
      const answer = await get(path);
      expect(answer.status).toBe(404);
      expect(answer.body).toBe('The status page is off.');
    }
    await http.close();
    await serve({ ...SETTINGS, baseUrl: null });
    expect((await get('/status')).status).toBe(200);
    const feed = await get('/status/feed.atom');
    expect(feed.status).toBe(404);
    expect(feed.body).toContain('status_page.base_url');
  });
});
