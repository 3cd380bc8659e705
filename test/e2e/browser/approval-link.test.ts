/**
 * A legal approver outside the incident channel approves from a phone, in Debian's Chromium: the link
 * from `/crisis link` opens the statement, Approve publishes it, and the same link then says it was
 * used, yet still opens the incident. Each page is screenshotted (test-artifacts/screenshots/) and passes axe's WCAG 2.2 AA checks.
 */
import type { Redis } from 'ioredis';
import pino from 'pino';
import type { Browser } from 'playwright-core';
import { approvalPageRoutes } from '../../../src/http/approval-page';
import { incidentPages } from '../../../src/http/incident-page';
import { HttpServer } from '../../../src/http/server';
import { LinkClaims } from '../../../src/store/link-claims';
import { inRoom, replyText, useWorld, WORKSPACE } from '../../integration/handlers/world';
import { ONE_APPROVER } from '../../support/approval-policy';
import { accessibilityViolations, launchBrowser, readerContext, screenshot } from '../../support/browser';
import { testRedis, uniquePrefix } from '../../support/redis';

const SECRET = 'approval-link-secret-for-browser-tests-0123';
const world = useWorld({
  approvers: { legal: ['U0LENA'] },
  approvalPolicy: { ...ONE_APPROVER, sev1: ['legal'] },
});
const ana = { workspace: WORKSPACE, user: 'U0ANA', room: 'C_GENERAL' };
const lena = { workspace: WORKSPACE, user: 'U0LENA', room: 'D_LENA' };

let browser: Browser;
let redis: Redis;
let server: HttpServer;

beforeAll(async () => {
  browser = await launchBrowser();
  redis = testRedis();
});
afterAll(async () => {
  await browser?.close();
  await redis?.quit();
});
afterEach(async () => {
  await server?.close();
});

test('GIVEN lena (legal) outside the channel WHEN she opens her link on a phone and approves THEN S1 is published, and the same link then says it was used yet still opens the incident', async () => {
  const w = world();
  server = new HttpServer(pino({ level: 'silent' })).route(
    ...approvalPageRoutes({
      secret: SECRET,
      publicUrl: 'http://calma.test',
      claims: new LinkClaims(redis, uniquePrefix()),
      deps: () => w.deps,
      locale: 'en',
      clock: w.clock,
      log: pino({ level: 'silent' }),
    }),
    ...incidentPages(w.deps, undefined, SECRET),
  );
  const base = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
  w.deps.approvalLinks = { secret: SECRET, publicUrl: base, platform: 'slack' };
  const room = await w.open(ana);
  await w.command(
    inRoom(ana, room),
    'update We are sorry: our account was hacked this morning and posted spam. Do not click its links. Next update at 11:00.',
  );
  const reply = replyText(await w.command(lena, 'link S1'));
  const url = /http:\/\/\S+\/approve\/[\w.-]+/.exec(reply)?.[0];
  if (!url) throw new Error(`no link in: ${reply}`);
  const context = await readerContext(browser, { locale: 'en-GB', phone: true });
  const page = await context.newPage();

  await page.goto(url);
  await screenshot(page, 'approval-link-page');
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Approve statement S1');
  expect(await page.locator('blockquote').textContent()).toContain('Do not click its links.');
  expect(await accessibilityViolations(page)).toEqual([]);

  await page.getByRole('button', { name: 'Approve S1' }).click();
  await page.waitForLoadState();
  await screenshot(page, 'approval-link-done');
  expect(await page.locator('main').textContent()).toContain(
    'you approved statement S1, and it is published',
  );
  expect(await accessibilityViolations(page)).toEqual([]);
  expect((await w.incident(1)).statements?.[0]?.status).toBe('published');

  await page.goto(url);
  await screenshot(page, 'approval-link-used');
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('This link cannot be used');
  expect(await page.locator('main').textContent()).toContain('This approval link was already used');
  expect(await accessibilityViolations(page)).toEqual([]);

  // A used link acts no more, but still shows its incident until it expires.
  await page.getByRole('link', { name: 'See the whole incident' }).click();
  await page.waitForLoadState();
  await screenshot(page, 'approval-link-incident');
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
    'Incident #1: Our account is posting spam',
  );
  expect(await page.locator('main').textContent()).toContain('Do not click its links.');
  expect(await accessibilityViolations(page)).toEqual([]);
  await context.close();
});
