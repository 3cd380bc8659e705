import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { Queue } from 'bullmq';
import { deliveryId } from '../../src/queue/outbox-queue';
import { type CalmaProcess, type PrintedCard, printedCards, useE2eInstall, waitUntil } from './calma-process';

/** Real minutes: no reminder comes out during these tests to get in the way of the transcript. */
const MINUTE_MS = 60_000;
const WAIT_MS = 15_000;
const TEXT = 'We are sorry: spam went out from our account this morning. Next update at 11:00.';

describe('public statements in the console, through a pipe', () => {
  const install = useE2eInstall('statements');

  /** calma started as sam, ready for input. */
  async function start(): Promise<CalmaProcess> {
    const calma = install.start('calma', MINUTE_MS);
    await calma.waitForLine('calma console:', 30_000);
    return calma;
  }

  /** Types the line(s), waits for a line containing `text` printed after them, returns what was printed. */
  async function type(calma: CalmaProcess, lines: string | string[], text: string): Promise<string[]> {
    const mark = calma.lines.length;
    for (const line of [lines].flat()) calma.send(line);
    const since = () => calma.lines.slice(mark).map((l) => l.text);
    await waitUntil(
      () => since().some((l) => l.includes(text)),
      WAIT_MS,
      () =>
        `after ${JSON.stringify(lines)}, no line with "${text}"\n--- stdout\n${calma.stdout}\n--- stderr\n${calma.stderr}`,
    );
    return since();
  }

  /** The last card printed whose title contains `title`. */
  function card(calma: CalmaProcess, title: string): PrintedCard {
    const found = printedCards(calma).filter((c) => c.title.includes(title));
    const last = found.at(-1);
    if (!last) throw new Error(`no card "${title}" printed:\n${calma.stdout}`);
    return last;
  }

  it('GIVEN a SEV2 and bob named approver WHEN sam drafts S1 THEN sam may not approve it; WHEN bob presses Approve THEN the outbox posts the public statement and status has nothing left to deliver', async () => {
    const calma = await start();
    // SEV2: one approver is enough (the default policy asks two people at SEV1).
    await type(calma, '/crisis open hacked-account sev2 Our account is posting spam', 'Incident #1 is open');
    await type(calma, '/crisis role approver @bob', '@bob is now approver (named by @sam).');

    await type(calma, `/crisis update ${TEXT}`, 'Statement S1 drafted by @sam.');

    const draft = card(calma, 'Statement S1: waiting for approval');
    expect(draft.title).toBe('⚠ 📝 Statement S1: waiting for approval (0 of 1)');
    expect(draft.lines[0]).toBe(TEXT);
    expect(draft.lines).toContainEqual(
      expect.stringMatching(/^Checklist: \d+ of 11 covered: an apology\b.*the time of the next update$/),
    );
    expect(draft.lines).toContainEqual(expect.stringMatching(/^Missing: .*how to ask questions/));
    expect(draft.lines).toEqual(
      expect.arrayContaining(['Written by: @sam', 'Approved by: nobody yet', 'Still needs: approver (@bob)']),
    );
    const buttons = draft.lines.find((l) => l.includes('] Approve')) ?? '';
    expect(buttons).toMatch(/^\[\d+\] Approve {3}\[\d+\] Reject {3}\[\d+\] Edit$/);
    const approveNumber = /\[(\d+)\] Approve/.exec(buttons)?.[1] ?? '';

    // Nothing with buttons is printed from here to bob's press: the numbers on screen stay the card's.
    const refused = await type(calma, '/crisis approve S1', 'cannot approve');
    expect(refused).toContain(
      '⚠ You wrote (part of) statement S1, so you cannot approve it: a second person must.',
    );
    expect(calma.stdout).not.toContain('📣 Public statement');

    await type(calma, '/as bob', 'You are now bob.');
    await type(
      calma,
      approveNumber,
      '✔ Statement S1 approved by @bob: published. Delivering to the incident channel.',
    );

    // Posted by the process's outbox worker, not by the approval itself.
    await calma.waitForLine('📣 Public statement S1', WAIT_MS);
    const published = card(calma, '📣 Public statement S1');
    expect(published.title).toBe('✔ 📣 Public statement S1 · incident #1: Our account is posting spam');
    expect(published.lines[0]).toBe(TEXT);
    expect(published.lines).toContainEqual(
      expect.stringMatching(/^Next update by \d{1,2} [A-Z][a-z]{2,3} \d{4} \d\d:\d\d UTC\.$/),
    );
    expect(published.lines).toContainEqual(expect.stringMatching(/^Approved by @bob · published /));
    expect(printedCards(calma).filter((c) => c.title.includes('📣 Public statement'))).toHaveLength(1);

    // The delivery job has finished once it recorded the delivery: status must then have nothing pending.
    const outbox = new Queue('outbox-console', { connection: install.redis, prefix: install.prefix });
    try {
      const id = deliveryId({ workspace: 'console', seq: 1, n: 1, destination: 'room' });
      await waitUntil(
        async () => (await outbox.getJobState(id)) === 'completed',
        WAIT_MS,
        () => `delivery job ${id} did not complete`,
      );
      expect(await outbox.getFailedCount()).toBe(0);
    } finally {
      await outbox.close();
    }
    const status = (
      await type(calma, '/crisis status', 'statement S1 delivered to the incident channel')
    ).join('\n');
    expect(status).toContain('SEV2 · #1 Our account is posting spam');
    expect(status).toMatch(/@bob: statement S1 published; next update due /);
    expect(status).not.toContain('waits for approval');
    expect(status).not.toContain('still being delivered');
    expect(status).not.toContain('could not be delivered');

    expect(await calma.quit()).toBe(0);
  }, 60_000);

  it('GIVEN `/crisis update` alone WHEN a statement is pasted over several lines and ended with "." THEN S1 holds every line, shown inside its card', async () => {
    const calma = await start();
    await type(calma, '/crisis open hacked-account sev1 Our account is posting spam', 'Incident #1 is open');

    const asked = await type(calma, '/crisis update', 'What the public will read');
    expect(asked.join('\n')).toContain('Public statement, #1');
    expect(asked.join('\n')).toContain('(several lines allowed: end with a line holding only “.”)');

    const pasted = [
      'We are sorry: spam went out from our account at 09:40.',
      '',
      'Your passwords were not affected.',
      'Next update at 11:00.',
    ];
    const after = await type(calma, [...pasted, '.'], 'Statement S1 drafted by @sam.');

    // No pasted line was taken for a command, a button or the end of the form.
    expect(after.join('\n')).not.toContain('Commands start with');
    const draft = card(calma, 'Statement S1: waiting for approval');
    expect(draft.lines.slice(0, pasted.length)).toEqual(pasted);
    expect(draft.lines[pasted.length]).toMatch(/^Checklist: /);

    const status = await type(calma, '/crisis status', 'Latest on the timeline');
    // SEV1: an approver and the lead (calma.yaml's default policy).
    expect(status.join('\n')).toContain('S1 waits for approval (0 of 2)');
    expect(calma.stdout).not.toContain('Statement S2');

    expect(await calma.quit()).toBe(0);
  }, 60_000);
  it('GIVEN calma.yaml names the contact and signature WHEN sam presses "Draft holding statement" on the first card and answers the questions THEN S1 is the holding template with every placeholder filled', async () => {
    await appendFile(
      path.join(install.dir, 'calma.yaml'),
      'statements:\n  contact: help@acme.example\n  signature: Sam Rivera, social media lead\n',
    );
    const calma = await start();
    await type(calma, '/crisis open hacked-account sev1 Our account is posting spam', 'Incident #1 is open');
    const first = card(calma, 'Step 1 of');
    const draftNumber = /\[(\d+)\] Draft holding statement/.exec(first.lines.join('\n'))?.[1] ?? '';
    expect(draftNumber).not.toBe('');

    // The filled template, kept with "."; then one question per placeholder calma cannot know.
    await type(calma, draftNumber, 'What the public will read');
    await type(calma, '.', 'Account (name or @handle)');
    await type(
      calma,
      ['@acme', 'people who clicked the links', 'your payment details'],
      'Where updates are posted',
    );
    await type(calma, 'our website', 'Statement S1 drafted by @sam.');

    const text = card(calma, 'Statement S1: waiting for approval').lines.join('\n');
    expect(text).toContain('Our @acme account was hacked');
    expect(text).toContain(
      'Affected so far: people who clicked the links. Not affected: your payment details.',
    );
    expect(text).toContain('write to us at help@acme.example');
    expect(text).toContain('Sam Rivera, social media lead, for the social media team');
    expect(text).not.toMatch(/\{[a-z_]+\}/);

    expect(await calma.quit()).toBe(0);
  }, 60_000);
});
