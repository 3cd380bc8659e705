import { ChannelPacer } from '../../src/pacer';

describe('ChannelPacer', () => {
  const at = (start = 0) => {
    let now = start;
    return { now: () => now, advance: (ms: number) => (now += ms) };
  };

  test('GIVEN a quiet channel WHEN four posts go out at once THEN none waits (opening a room posts a few cards)', () => {
    const clock = at();
    const pacer = new ChannelPacer(1000, 4, clock.now);

    expect([1, 2, 3, 4].map(() => pacer.reserve('C1'))).toEqual([0, 0, 0, 0]);
  });

  test('GIVEN the burst is used WHEN more posts follow THEN they are spaced one second apart', () => {
    const clock = at();
    const pacer = new ChannelPacer(1000, 4, clock.now);
    for (let i = 0; i < 4; i++) pacer.reserve('C1');

    expect([pacer.reserve('C1'), pacer.reserve('C1'), pacer.reserve('C1')]).toEqual([1000, 2000, 3000]);
  });

  test('GIVEN one busy channel WHEN another channel posts THEN it does not wait', () => {
    const clock = at();
    const pacer = new ChannelPacer(1000, 1, clock.now);
    pacer.reserve('C1');
    pacer.reserve('C1');

    expect(pacer.reserve('C2')).toBe(0);
  });

  test('GIVEN a used burst WHEN time passes THEN credit comes back, one post per interval', () => {
    const clock = at();
    const pacer = new ChannelPacer(1000, 4, clock.now);
    for (let i = 0; i < 4; i++) pacer.reserve('C1');

    clock.advance(2000);

    expect([pacer.reserve('C1'), pacer.reserve('C1'), pacer.reserve('C1')]).toEqual([0, 0, 1000]);
  });
});

describe('ChannelPacer.wait', () => {
  test('GIVEN a spent burst WHEN a worker asks how long a post would wait THEN it is told, and nothing is booked', () => {
    let now = 0;
    const pacer = new ChannelPacer(1000, 2, () => now);
    pacer.reserve('C1');
    expect(pacer.wait('C1')).toBe(0);
    pacer.reserve('C1');

    expect([pacer.wait('C1'), pacer.wait('C1')]).toEqual([1000, 1000]);
    now = 1000;
    expect(pacer.wait('C1')).toBe(0);
    expect(pacer.reserve('C1')).toBe(0);
  });
});
