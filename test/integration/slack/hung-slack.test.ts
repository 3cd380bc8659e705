/**
 * Slack stops answering in one channel (chat.postMessage hangs there), or on response URLs, while calma
 * runs on the real Bolt stack: each call gives up once its time is over (shortened here from 10 s), the
 * people who asked are told, and nothing outside that channel waits for it.
 */
import { ana, bob, type SlackWorld, useSlackWorld, type Who } from './slack-world';

const world = useSlackWorld({}, { timeouts: { attemptMs: 200, callMs: 600 } });

const TOLD = 'Slack did not answer calma in time';
/** Generous: posts to one channel are paced (a burst of four, then one a second) before they hang. */
const ANSWER_MS = 15_000;

/** Opens an incident as ana in #general and returns its channel once she has her answer. */
async function openIncident(w: SlackWorld, title: string): Promise<string> {
  const { responseId } = await w.command(ana, `open hacked-account sev1 ${title}`);
  await w.fake.waitForResponse((r) => r.id === responseId, ANSWER_MS);
  const seq = (await w.store.list('T1', { all: true })).find((i) => i.title === title)?.seq ?? 0;
  const room = (await w.store.get('T1', seq))?.room;
  if (!room) throw new Error(`incident "${title}" has no channel`);
  return room;
}

async function answerTo(w: SlackWorld, responseId: string): Promise<string> {
  return JSON.stringify((await w.fake.waitForResponse((r) => r.id === responseId, ANSWER_MS)).body);
}

const inRoom = (who: Who, channel: string): Who => ({ ...who, channel });

describe('when Slack hangs in one channel', () => {
  test('GIVEN chat.postMessage hangs in incident #1’s channel WHEN ana logs a question there THEN the question is kept and she is told Slack did not answer in time', async () => {
    const w = world();
    const room = await openIncident(w, 'Spam from our account');
    w.fake.hang('chat.postMessage', room);

    const { responseId } = await w.command(inRoom(ana, room), 'question Is my password safe?');

    expect(await answerTo(w, responseId)).toContain(TOLD);
    expect(w.fake.calls('chat.postMessage').some((c) => c.args.channel === room && c.status === 0)).toBe(
      true,
    );
    const timeline = await w.store.timeline('T1', 1);
    expect(timeline).toContainEqual(
      expect.objectContaining({ kind: 'question', text: 'Is my password safe?' }),
    );
  });

  test('GIVEN four questions waiting on the hung channel WHEN bob asks for help and the list, and logs a question in incident #2 THEN he gets all of it and each question’s author is told', async () => {
    const w = world();
    const hung = await openIncident(w, 'Spam from our account');
    const other = await openIncident(w, 'Fake giveaway');
    w.fake.hang('chat.postMessage', hung);

    // As many as Slack requests are worked at once: without time limits they would hold every worker.
    const questions = [];
    for (const n of [1, 2, 3, 4]) {
      questions.push(await w.command(inRoom(ana, hung), `question Is post ${n} from you?`));
    }
    const help = await w.command(bob, 'help');
    const list = await w.command(bob, 'list');
    await w.command(inRoom(bob, other), 'question Is the giveaway real?');

    expect(await answerTo(w, help.responseId)).toContain('/crisis note');
    const listed = await answerTo(w, list.responseId);
    expect(listed).toContain('Spam from our account');
    expect(listed).toContain('Fake giveaway');
    await w.fake.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === other && String(c.args.text).includes('Is the giveaway real?'),
      ANSWER_MS,
    );
    for (const asked of questions) expect(await answerTo(w, asked.responseId)).toContain(TOLD);
  });

  test('GIVEN response URLs hang WHEN four people get their answers THEN calma gives each up after its time limit and the next command still runs', async () => {
    const w = world();
    const room = await openIncident(w, 'Spam from our account');
    w.fake.hangResponses();

    const lists = [];
    for (const who of [ana, bob, ana, bob]) lists.push(await w.command(who, 'list'));
    for (const { responseId } of lists) {
      await w.fake.waitForResponse((r) => r.id === responseId && r.abandoned === true, ANSWER_MS);
    }
    await w.command(inRoom(bob, room), 'question Is my password safe?');

    await w.fake.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === room && String(c.args.text).includes('Is my password safe?'),
      ANSWER_MS,
    );
  });
});
