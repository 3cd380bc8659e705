/**
 * The incident page in Debian's Chromium: it renders with its chart, a screenshot is kept as a test
 * artifact, and axe-core finds no WCAG 2.2 A/AA violation. The page is served by calma's own HTTP
 * server, behind the read API's token, over real HTTP.
 */
import pino from 'pino';
import type { Browser } from 'playwright-core';
import { incidentPages } from '../../../src/http/incident-page';
import { HttpServer } from '../../../src/http/server';
import { ana, bob, inRoom, useWorld } from '../../integration/handlers/world';
import { accessibilityViolations, launchBrowser, readerContext, screenshot } from '../../support/browser';

const world = useWorld();
const TOKEN = 'read-api-token-for-browser-tests';

let browser: Browser;
let server: HttpServer | null = null;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser.close();
});

afterEach(async () => {
  await server?.close();
  server = null;
});

test('GIVEN an incident with a late update WHEN its page is opened in Chromium THEN the chart and statements show and no accessibility check fails', async () => {
  const w = world();
  const room = await w.open(ana, 'open hacked-account sev2 Spam from our account');
  await w.command(inRoom(ana, room), 'role approver @U0BOB');
  w.clock.advanceMinutes(10);
  await w.command(inRoom(ana, room), 'update We are sorry: our account posted spam. Do not click its links.');
  await w.command(inRoom(bob, room), 'approve S1');
  w.clock.advanceMinutes(45);
  await w.command(inRoom(ana, room), 'update The account is ours again. Next update at noon.');
  await w.command(inRoom(bob, room), 'approve S2');
  server = new HttpServer(pino({ level: 'silent' })).route(...incidentPages(w.deps, TOKEN));
  const port = await server.listen(0, '127.0.0.1');
  const context = await readerContext(browser);
  await context.setExtraHTTPHeaders({ authorization: `Bearer ${TOKEN}` });
  const page = await context.newPage();

  const response = await page.goto(`http://127.0.0.1:${port}/incidents/T0ACME-1`);

  expect(response?.status()).toBe(200);
  await expect(page.locator('h1').textContent()).resolves.toBe('Incident #1: Spam from our account');
  await expect(
    page.getByRole('img', { name: 'Timeline of incident #1: Spam from our account' }).count(),
  ).resolves.toBe(1);
  await expect(page.locator('svg g.statement').count()).resolves.toBe(2);
  await expect(page.locator('svg g.late').count()).resolves.toBe(1);
  await expect(page.locator('#statements + ol > li').count()).resolves.toBe(2);
  await screenshot(page, 'incident-page');
  expect(await accessibilityViolations(page)).toEqual([]);
  await context.close();
});
