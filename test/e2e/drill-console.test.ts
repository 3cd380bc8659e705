/**
 * A drill in the console, as a team would run one: the real calma process through a pipe, the Buffer
 * 2013 scenario at 100 ms a playbook minute, then the close with its drill report and postmortem file.
 */
import { type CalmaProcess, printedCards, useE2eInstall, waitUntil } from './calma-process';

/** T+10 (the second inject) comes after 1 s; T+15 after 1.5 s. */
const MINUTE_MS = 100;
const WAIT_MS = 20_000;

describe('a drill in the console, through a pipe', () => {
  const install = useE2eInstall('drill');

  async function typed(calma: CalmaProcess, line: string, text: string): Promise<void> {
    const mark = calma.lines.length;
    calma.send(line);
    await waitUntil(
      () => calma.lines.slice(mark).some((l) => l.text.includes(text)),
      WAIT_MS,
      () =>
        `after "${line}", no line with "${text}"\n--- stdout\n${calma.stdout}\n--- stderr\n${calma.stderr}`,
    );
  }

  it('GIVEN the Buffer scenario WHEN sam runs the drill THEN injects arrive marked DRILL in order, and closing posts the drill report and the postmortem', async () => {
    const calma = install.start('calma', MINUTE_MS);
    await calma.waitForLine('calma console:', 30_000);

    await typed(calma, '/crisis drill compromised-tool buffer-2013', 'Drill #1 is open');
    await waitUntil(
      () => printedCards(calma).filter((c) => c.title.includes('🎭 Inject from')).length >= 2,
      WAIT_MS,
      () => `two injects\n${calma.stdout}`,
    );
    const injects = printedCards(calma).filter((c) => c.title.includes('🎭 Inject from'));
    expect(injects[1]?.title).toContain('@growth_jen on X (180k followers)');
    expect(calma.stdout).toContain('#crisis-drill-1-');
    expect(injects.every((c) => c.lines.at(-1)?.startsWith('DRILL · inject'))).toBe(true);

    await typed(calma, '/crisis close Practice over: the kill switch took too long.', '📋 Drill report');
    await waitUntil(
      () => calma.stdout.includes('postmortem-console-1.md'),
      WAIT_MS,
      () => `the postmortem file\n${calma.stdout}`,
    );
    const report = printedCards(calma).find((c) => c.title.includes('📋 Drill report'));
    expect(report?.lines.join('\n')).toMatch(/never done|done .* late|done on time/);
    expect(calma.stdout).toContain('# DRILL · Postmortem: #1 Buffer, 26 October 2013');
  }, 60_000);
});
