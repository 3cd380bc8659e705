import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { accessibilityViolations, launchBrowser, readerContext, screenshot } from '../../support/browser';
import { freePort } from '../../support/free-port';
import { testRedis, uniquePrefix } from '../../support/redis';
import { CalmaProcess, calmaEnv, waitUntil } from '../calma-process';

const WAIT_MS = 20_000;
const TEXT = 'We are sorry: spam went out from our account this morning. Next update at 11:00.';

describe('the public status page in Chromium, fed by a calma console', () => {
  let browser: Browser;
  let calma: CalmaProcess;
  let dir = '';
  let base = '';
  const redis = testRedis();

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
    await redis.quit();
  });
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'calma-e2e-status-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    await writeFile(
      path.join(dir, 'calma.yaml'),
      `locale: en\ntimezone: Europe/Madrid\nredis:\n  key_prefix: ${uniquePrefix()}\n` +
        `status_page:\n  title: Acme status\n  base_url: ${base}\n`,
    );
    calma = new CalmaProcess('calma', dir, { ...calmaEnv(dir, 60_000), PORT: String(port) });
    await calma.waitForLine('calma console:', 30_000);
    await waitUntil(
      () => /HTTP on port/.test(calma.stderr),
      WAIT_MS,
      () => `calma never served HTTP\n${calma.stderr}`,
    );
  });
  afterEach(async () => {
    await calma.terminate().catch(() => calma.kill());
    await rm(dir, { recursive: true, force: true });
  });

  async function type(line: string, text: string): Promise<void> {
    const mark = calma.lines.length;
    calma.send(line);
    await waitUntil(
      () => calma.lines.slice(mark).some((l) => l.text.includes(text)),
      WAIT_MS,
      () => `after ${line}, no line with "${text}"\n${calma.stdout}\n${calma.stderr}`,
    );
  }

  /** The number the console gave the draft's Approve button. */
  function approveNumber(): string {
    const buttons = calma.lines.filter((l) => /\[\d+\] Approve/.test(l.text)).at(-1)?.text ?? '';
    const found = /\[(\d+)\] Approve/.exec(buttons)?.[1];
    if (!found) throw new Error(`no Approve button printed\n${calma.stdout}`);
    return found;
  }

  async function expectAccessible(page: Page, name: string): Promise<void> {
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, name);
  }

  it('GIVEN a reader on the page WHEN a statement is approved in chat THEN it appears after a reload within seconds, accessible in en, es and fr, and the Atom feed parses with the elements RFC 4287 requires', async () => {
    // axe is injected as an inline script: this context lets it past the page's policy.
    const context = await browser.newContext({
      locale: 'en-GB',
      timezoneId: 'Europe/London',
      bypassCSP: true,
    });
    const page = await context.newPage();
    await page.goto(`${base}/status`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Acme status');
    await expect(page.locator('main').textContent()).resolves.toContain('No ongoing incidents.');

    await type('/crisis open hacked-account sev2 Our account is posting spam', 'Incident #1 is open');
    await type('/crisis role approver @bob', '@bob is now approver');
    await type(`/crisis update ${TEXT}`, 'Statement S1 drafted by @sam.');
    const approve = approveNumber();
    await type('/as bob', 'You are now bob.');
    // Not yet published: the page says nothing of it.
    await page.reload();
    await expect(page.locator('main').textContent()).resolves.not.toContain('posting spam');
    await type(approve, 'Statement S1 approved by @bob: published.');

    const approvedAt = Date.now();
    await waitUntil(
      async () => {
        await page.reload();
        return ((await page.locator('main').textContent()) ?? '').includes(TEXT);
      },
      WAIT_MS,
      () => 'the published statement never appeared on /status',
    );
    // Within seconds (the page may be cached 10 s): generous for a loaded machine.
    expect(Date.now() - approvedAt).toBeLessThan(WAIT_MS);
    await expect(page.locator('main h3').textContent()).resolves.toBe('Our account is posting spam');
    await expectAccessible(page, 'status-en');

    await page.click('main h3 a');
    await expect(page.locator('h1').textContent()).resolves.toBe('Our account is posting spam');
    await expect(page.locator('main').textContent()).resolves.toContain(TEXT);
    await expectAccessible(page, 'status-incident-en');

    for (const [lang, heading] of [
      ['es', 'Incidencias en curso'],
      ['fr', 'Incidents en cours'],
    ] as const) {
      await page.goto(`${base}/status?lang=${lang}`);
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe(lang);
      await expect(page.locator('main h2').first().textContent()).resolves.toBe(heading);
      await expectAccessible(page, `status-${lang}`);
      await page.click('main h3 a');
      await expectAccessible(page, `status-incident-${lang}`);
    }

    // Chromium's own XML parser: a feed that is not well-formed comes back as a <parsererror>.
    const atom = await (await page.request.get(`${base}/status/feed.atom`)).text();
    const checked = await page.evaluate((xml) => {
      // Runs in the page (no DOM types here).
      // biome-ignore lint/suspicious/noExplicitAny: see above.
      const { DOMParser } = globalThis as any;
      type Element = {
        namespaceURI: string;
        localName: string;
        children: Element[];
        textContent: string | null;
        getAttribute(n: string): string | null;
        getAttributeNS(ns: string, n: string): string | null;
        getElementsByTagName(n: string): unknown[];
      };
      const NS = 'http://www.w3.org/2005/Atom';
      const doc: Element & { documentElement: Element } = new DOMParser().parseFromString(
        xml,
        'application/xml',
      );
      if (doc.getElementsByTagName('parsererror').length > 0) return { error: 'not well-formed' };
      const feed = doc.documentElement;
      const child = (el: Element, name: string): Element[] =>
        Array.from(el.children).filter((c) => c.namespaceURI === NS && c.localName === name);
      const entries = child(feed, 'entry');
      return {
        root: `${feed.namespaceURI} ${feed.localName}`,
        lang: feed.getAttributeNS('http://www.w3.org/XML/1998/namespace', 'lang'),
        feed: ['id', 'title', 'updated', 'author'].filter((n) => child(feed, n).length !== 1),
        self: child(feed, 'link')
          .find((l) => l.getAttribute('rel') === 'self')
          ?.getAttribute('href'),
        entries: entries.length,
        entry: entries.flatMap((e) =>
          ['id', 'title', 'updated', 'content'].filter((n) => child(e, n).length !== 1),
        ),
        dates: [...child(feed, 'updated'), ...entries.flatMap((e) => child(e, 'updated'))].every((u) =>
          /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(u.textContent ?? ''),
        ),
        content: entries[0] ? child(entries[0], 'content')[0]?.textContent : null,
      };
    }, atom);
    expect(checked).toEqual({
      root: 'http://www.w3.org/2005/Atom feed',
      lang: 'en',
      feed: [],
      self: `${base}/status/feed.atom?lang=en`,
      entries: 1,
      entry: [],
      dates: true,
      content: TEXT,
    });
    await context.close();
  }, 120_000);

  it('GIVEN a reader in New York on a phone THEN the times are rewritten into their zone under the page policy, and without JavaScript they are in the team zone', async () => {
    await type('/crisis open hacked-account sev2 Our account is posting spam', 'Incident #1 is open');
    await type('/crisis role approver @bob', '@bob is now approver');
    await type(`/crisis update ${TEXT}`, 'Statement S1 drafted by @sam.');
    const approve = approveNumber();
    await type('/as bob', 'You are now bob.');
    await type(approve, 'published.');

    const context = await readerContext(browser, {
      locale: 'en-US',
      timezoneId: 'America/New_York',
      phone: true,
    });
    const page = await context.newPage();
    const blocked: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) blocked.push(m.text());
    });
    await waitUntil(
      async () => {
        await page.goto(`${base}/status`);
        return ((await page.locator('main').textContent()) ?? '').includes(TEXT);
      },
      WAIT_MS,
      () => 'the published statement never appeared on /status',
    );
    await expect(page.locator('main time').first().textContent()).resolves.toMatch(/EST|GMT-5/);
    await expect(page.locator('footer [data-zone-note]').textContent()).resolves.toContain(
      'America/New_York',
    );
    expect(blocked).toEqual([]);
    await screenshot(page, 'status-phone-new-york');
    await context.close();

    const noScript = await browser.newContext({ javaScriptEnabled: false, timezoneId: 'America/New_York' });
    const plain = await noScript.newPage();
    await plain.goto(`${base}/status`);
    await expect(plain.locator('main time').first().textContent()).resolves.toMatch(/UTC\+1$/);
    await expect(plain.locator('main').textContent()).resolves.toContain(TEXT);
    await noScript.close();
  }, 120_000);
});
