import { TopicWriter } from '../../../src/discord/topic-writer';

/** A write that waits until the test lets it finish, like a topic change held by Discord's rate limit. */
function heldWrites() {
  const writes: { room: string; topic: string; done: () => void }[] = [];
  const write = (room: string, topic: string) =>
    new Promise<void>((resolve) => {
      writes.push({ room, topic, done: resolve });
    });
  return { writes, write };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('TopicWriter: channel topics in the background, latest wins', () => {
  test('GIVEN a topic being written WHEN three more come for the same channel THEN only the latest is written next, one write at a time', async () => {
    const { writes, write } = heldWrites();
    const writer = new TopicWriter(write, () => {});
    writer.set('C1', 'SEV2 · open');
    await tick();
    writer.set('C1', 'SEV1 · open');
    writer.set('C1', 'SEV1 · open · lead ana');
    writer.set('C1', 'SEV1 · open · lead bob');
    expect(writes.map((w) => w.topic)).toEqual(['SEV2 · open']);

    writes[0]?.done();
    await tick();
    expect(writes.map((w) => w.topic)).toEqual(['SEV2 · open', 'SEV1 · open · lead bob']);
    writes[1]?.done();
    await writer.settled();
    expect(writes).toHaveLength(2);
  });

  test('GIVEN two channels THEN their topics are written independently', async () => {
    const { writes, write } = heldWrites();
    const writer = new TopicWriter(write, () => {});
    writer.set('C1', 'one');
    writer.set('C2', 'two');
    await tick();
    expect(writes.map((w) => [w.room, w.topic])).toEqual([
      ['C1', 'one'],
      ['C2', 'two'],
    ]);
    for (const w of writes) w.done();
    await writer.settled();
  });

  test('GIVEN a write that fails THEN the failure is reported with its channel and the next topic is still written', async () => {
    const failures: string[] = [];
    const written: string[] = [];
    let first = true;
    const writer = new TopicWriter(
      async (_room, topic) => {
        if (first) {
          first = false;
          throw new Error('Missing Permissions');
        }
        written.push(topic);
      },
      (error, room) => failures.push(`${room}: ${(error as Error).message}`),
    );
    writer.set('C1', 'first');
    await writer.settled();
    writer.set('C1', 'second');
    await writer.settled();
    expect(failures).toEqual(['C1: Missing Permissions']);
    expect(written).toEqual(['second']);
  });
});
