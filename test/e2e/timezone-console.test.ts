import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCalma } from './console-session';

/** Kolkata keeps UTC+5:30 all year: the expected local time needs no daylight-saving rules. */
const KOLKATA_MS = (5 * 60 + 30) * 60_000;

/** `7 2026 18:05`: day, year and time in Kolkata, worked out without the formatting under test. */
function localMoment(ms: number): string {
  const iso = new Date(ms + KOLKATA_MS).toISOString();
  return `${Number(iso.slice(8, 10))} ${iso.slice(0, 4)} ${iso.slice(11, 16)}`;
}

describe('calma.yaml timezone in the console', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'calma-e2e-tz-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('GIVEN a Spanish-speaking team in Asia/Kolkata WHEN a crisis is opened and looked at THEN the step card, the summary and the timeline show Kolkata time with its offset, never UTC', async () => {
    await writeFile(path.join(dir, 'calma.yaml'), 'locale: es\ntimezone: Asia/Kolkata\n');
    const before = Date.now();
    const session = await runCalma(
      dir,
      ['/crisis open hacked-account sev1 Nuestra cuenta publica spam', '1', '/crisis status', '/quit'],
      { CALMA_DATA_DIR: path.join(dir, 'data'), CALMA_CONFIG: path.join(dir, 'calma.yaml') },
    );
    const after = Date.now();
    expect(session.code).toBe(0);
    const out = session.stdout;
    // Any minute the run took, as Kolkata reads it, with Kolkata's date.
    const moments = new Set<string>();
    for (let ms = before - 60_000; ms <= after + 60_000; ms += 30_000) moments.add(localMoment(ms));
    const shown = (pattern: RegExp) => {
      const match = pattern.exec(out);
      if (!match) throw new Error(`nothing matches ${pattern} in:\n${out}`);
      return `${match[1]} ${match[2]} ${match[3]}`;
    };
    const MOMENT = String.raw`(\d{1,2}) \p{L}{3,5}\.? (\d{4}) (\d\d:\d\d) UTC\+5:30`;
    expect(moments).toContain(shown(new RegExp(`Abierta: ${MOMENT} por @sam`, 'u')));
    expect(moments).toContain(shown(new RegExp(`Plazo: 0 min desde la apertura \\(${MOMENT}\\)`, 'u')));
    expect(moments).toContain(
      shown(new RegExp(`${MOMENT} · @sam: abrió «Nuestra cuenta publica spam»`, 'u')),
    );
    expect(out).not.toMatch(/\d\d:\d\d UTC(?!\+5:30)/);
  });
});
