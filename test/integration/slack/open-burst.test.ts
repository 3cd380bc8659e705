import { ana, useSlackWorld } from './slack-world';

// No announcement channel: its posts are paced at one a second, which this test is not about.
const world = useSlackWorld({ announcements: null });

describe('a burst of /crisis open in Slack', () => {
  test('GIVEN 40 people open incidents at once WHEN the burst is acknowledged THEN their rooms are set up side by side, not sixteen at a time, and each incident is opened once', async () => {
    const w = world();
    const opens = 40;

    const sent = await Promise.all(
      Array.from({ length: opens }, (_, i) => w.command(ana, `open hacked-account sev1 Burst ${i + 1}`)),
    );

    expect(sent.map((s) => s.http.status)).toEqual(Array(opens).fill(200));
    // Their rooms are set up together, so their answers come together, once the burst's work is done.
    for (const { responseId } of sent) {
      const answer = await w.fake.waitForResponse((r) => r.id === responseId, 30_000);
      expect(JSON.stringify(answer.body)).toContain('is open in');
    }
    // How many opens were under way at once: their channel created, their person not answered yet.
    const events = [
      ...w.fake.responses.map((r) => ({ at: r.at, step: -1 })),
      ...w.fake
        .calls('conversations.create')
        .filter((c) => c.response?.ok === true)
        .map((c) => ({ at: c.at, step: 1 })),
    ].sort((a, b) => a.at - b.at || a.step - b.step); // an answer first when both share a millisecond
    let underWay = 0;
    let most = 0;
    for (const e of events) {
      underWay += e.step;
      most = Math.max(most, underWay);
    }
    // Sixteen at a time, as before, the 17th room was only created once a room before it was finished.
    expect(most).toBeGreaterThan(16);
    // One channel per incident. A loaded machine may retry a create whose answer came too late: Slack
    // then says name_taken, which is no second channel.
    const created = w.fake.calls('conversations.create').filter((c) => c.response?.ok === true);
    expect(created).toHaveLength(opens);
    expect(new Set(created.map((c) => c.args.name)).size).toBe(opens);
    const refused = w.fake.calls('conversations.create').filter((c) => c.response?.ok !== true);
    expect(refused.map((c) => c.response?.error)).toEqual(refused.map(() => 'name_taken'));
    expect(w.fake.calls('pins.add')).toHaveLength(opens);
    expect(await w.store.list('T1', { all: true })).toHaveLength(opens);
  }, 60_000);
});
