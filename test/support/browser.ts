/**
 * A real browser for the tests of calma's web pages: Debian's Chromium (`/usr/bin/chromium`, the
 * `chromium` package; `.ci/run` installs it when missing) driven by playwright-core, which downloads no
 * browser of its own. Screenshots go to `test-artifacts/screenshots/` (ignored by git, kept by CI as
 * the tests' artifacts). `CALMA_CHROMIUM` names another executable.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import AxeBuilder from 'axe-core';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CALMA_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.join(__dirname, '..', '..', 'test-artifacts', 'screenshots');

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** A fresh context (own cookies) with a reader's language, time zone and, if asked, a phone's screen. */
export async function readerContext(
  browser: Browser,
  reader: { locale?: string; timezoneId?: string; phone?: boolean } = {},
): Promise<BrowserContext> {
  return browser.newContext({
    locale: reader.locale ?? 'en-GB',
    timezoneId: reader.timezoneId ?? 'Europe/London',
    ...(reader.phone ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } : {}),
  });
}

/** Saves a full-page screenshot as `<name>.png` among the test artifacts; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * axe-core's WCAG 2.x A/AA checks (2.2 included) run in the page as it is now: the violations found,
 * each with the elements at fault (an empty list is a pass).
 */
export async function accessibilityViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, not as an inline <script>: calma's pages forbid inline
  // scripts (Content-Security-Policy), and the check must not need them to relax it.
  await page.evaluate(AxeBuilder.source);
  return page.evaluate(async () => {
    // Runs in the page: axe is the script just injected, document the page's (no DOM types here).
    // biome-ignore lint/suspicious/noExplicitAny: see above.
    const { axe, document } = globalThis as any;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map(
      (v: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.flatMap((n) => n.target),
      }),
    );
  });
}
