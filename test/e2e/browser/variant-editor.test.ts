/**
 * The draft editor in Debian's Chromium: ana types an X version one character over 280 (a link counted
 * as 23), sees the count go over as she types, saves, is refused with the number and keeps her text;
 * she cuts it to 280, saves, and the room sees the draft with it. Each page is screenshotted
 * (test-artifacts/screenshots/) and passes axe's WCAG 2.2 AA checks.
 */
import pino from 'pino';
import type { Browser } from 'playwright-core';
import { NETWORK_IDS } from '../../../src/core/networks';
import { draftPageRoutes } from '../../../src/http/draft-page';
import { HttpServer } from '../../../src/http/server';
import { inRoom, replyText, useWorld, WORKSPACE } from '../../integration/handlers/world';
import { ONE_APPROVER } from '../../support/approval-policy';
import { accessibilityViolations, launchBrowser, readerContext, screenshot } from '../../support/browser';

const SECRET = 'draft-link-secret-for-browser-tests-01234';
const world = useWorld({ approvers: { approver: ['U0BOB'] }, approvalPolicy: ONE_APPROVER });
const ana = { workspace: WORKSPACE, user: 'U0ANA', room: 'C_GENERAL' };

/** Plain ASCII, one each as X counts, and a link X counts as 23 however long: 281 in all, 330 in UTF-16. */
const SAID = 'Our account was hacked and posted spam: do not click its links. Updates: ';
const LINK = 'https://status.example.com/incidents/2026-12-07/account-takeover-and-spam';
const OVER = `${SAID}${LINK} ${'a'.repeat(281 - SAID.length - 23 - 1)}`;

let browser: Browser;
let server: HttpServer;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await server?.close();
});

test('GIVEN ana’s editor link WHEN she types an X version of 281 THEN the count goes over as she types, Save refuses it with the number keeping her text, and at 280 it is saved and in the room', async () => {
  const w = world();
  server = new HttpServer(pino({ level: 'silent' })).route(
    ...draftPageRoutes({
      secret: SECRET,
      publicUrl: 'http://calma.test',
      deps: () => w.deps,
      locale: 'en',
      clock: w.clock,
      log: pino({ level: 'silent' }),
    }),
  );
  const base = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
  w.deps.approvalLinks = { secret: SECRET, publicUrl: base, platform: 'slack' };
  w.deps.networks = [...NETWORK_IDS];
  const room = await w.open(ana);
  await w.command(
    inRoom(ana, room),
    'update We are sorry: our account was hacked this morning and posted spam. Do not click its links. Next update at 11:00.',
  );
  const reply = replyText(await w.command(inRoom(ana, room), 'variant S1'));
  const url = /http:\/\/\S+\/draft\/[\w.-]+/.exec(reply)?.[0];
  if (!url) throw new Error(`no link in: ${reply}`);
  const context = await readerContext(browser, { locale: 'en-GB' });
  const page = await context.newPage();

  await page.goto(url);
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
    'Versions of statement S1 for each network',
  );
  const x = page.getByLabel('X (up to 280)');
  const count = page.locator('#v-x-count');
  expect(await count.textContent()).toBe('0 of 280');
  expect(await page.getByRole('textbox').count()).toBe(NETWORK_IDS.length);
  await screenshot(page, 'variant-editor-page');
  expect(await accessibilityViolations(page)).toEqual([]);

  await x.fill(OVER.slice(0, -1));
  expect(await count.textContent()).toBe('280 of 280');
  await x.press('Control+End');
  await x.pressSequentially('a');
  expect(await count.textContent()).toBe('281 of 280: 1 too many');
  expect(await x.getAttribute('aria-invalid')).toBe('true');
  await screenshot(page, 'variant-editor-over');

  await page.getByRole('button', { name: 'Save the versions of S1' }).click();
  await page.waitForLoadState();
  await screenshot(page, 'variant-editor-refused');
  expect(await page.getByRole('alert').textContent()).toContain(
    'The X variant is 281 characters; X allows 280.',
  );
  expect(await page.locator('#v-x-error').textContent()).toBe(
    'The X variant is 281 characters; X allows 280.',
  );
  expect(await page.getByLabel('X (up to 280)').inputValue()).toBe(OVER);
  expect(await page.locator('#v-x-count').textContent()).toBe('281 of 280: 1 too many');
  expect(await accessibilityViolations(page)).toEqual([]);
  expect((await w.incident(1)).statements?.[0]?.variants).toBeUndefined();

  await page.getByLabel('X (up to 280)').press('Control+End');
  await page.getByLabel('X (up to 280)').press('Backspace');
  expect(await page.locator('#v-x-count').textContent()).toBe('280 of 280');
  await page.getByRole('button', { name: 'Save the versions of S1' }).click();
  await page.waitForLoadState();
  await screenshot(page, 'variant-editor-saved');
  expect(await page.getByRole('status').textContent()).toContain(
    'Saved: statement S1 is now version 2 and waits for approval again.',
  );
  expect(await accessibilityViolations(page)).toEqual([]);
  const saved = OVER.slice(0, -1);
  expect((await w.incident(1)).statements?.[0]?.variants).toEqual({ x: saved });
  expect(w.chat.textsIn(room).join('\n')).toContain(saved);
  await context.close();
});
