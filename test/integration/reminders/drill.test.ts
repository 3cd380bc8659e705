/**
 * Drills on a real BullMQ queue (one playbook minute = 40 ms): the Buffer scenario's injects are posted
 * at their scripted minutes, once each, in order; a closed drill gets no more of them and ends with its
 * report; `/crisis delete` removes a closed drill and its queued jobs, never a real incident.
 */
import type { Incident } from '../../../src/core/types';
import { PATIENCE_MS } from '../../support/patience';
import { textOf } from '../../support/recording-chat';
import { MINUTE_MS, type ReminderWorld, useReminders, waitFor } from './reminder-world';

const { world, worker } = useReminders();

/** The Buffer scenario's injects: minute and source, in the order they are scripted. */
const BUFFER = [
  [0, 'Social listening'],
  [10, '@growth_jen on X (180k followers)'],
  [15, 'Support inbox'],
  [45, '@corner_bakery_ana on Facebook'],
  [60, 'Head of support'],
  [90, 'Engineering on call'],
] as const;

interface Drill {
  seq: number;
  room: string;
  openedAt: number;
}

async function openBufferDrill(w: ReminderWorld): Promise<Drill> {
  const reply = await w.command(w.ana, 'drill compromised-tool buffer-2013');
  if (!reply.openedRoom) throw new Error(`the drill did not open: ${reply.cards.map(textOf).join(' / ')}`);
  expect(reply.cards.map(textOf).join('\n')).toContain('🎭 Drill #');
  const incident = await w.store.findByRoom(w.workspace, reply.openedRoom);
  if (!incident) throw new Error('the drill is not stored');
  return { seq: incident.seq, room: reply.openedRoom, openedAt: Date.parse(incident.openedAt) };
}

/** The injects posted in the room so far, oldest first. */
const injects = (w: ReminderWorld, room: string) =>
  w.chat.timedPosts(room).filter((p) => p.card.title?.startsWith('🎭 Inject from '));

describe('a drill with the Buffer scenario', () => {
  test('GIVEN `/crisis drill compromised-tool buffer-2013` WHEN it runs THEN it is DRILL everywhere and each inject comes once, in order, at its scripted minute, as a simulated message', async () => {
    const w = world();
    // Nothing runs until the room is set up and checked: its T+0 inject and step 1's reminder (due a
    // playbook minute, 40 ms, after the opening) would otherwise come first on a loaded machine.
    await worker().pause();
    const drill = await openBufferDrill(w);

    const incident = await w.incident(drill.seq);
    expect(incident).toMatchObject({
      drill: true,
      scenario: 'buffer-2013',
      severity: 1,
      title: "Buffer, 26 October 2013: spam from our users' accounts",
    });
    expect(w.chat.room(drill.room)?.name).toMatch(
      /^crisis-drill-\d+-\d{4}-\d{2}-\d{2}-buffer-26-october-2013/,
    );
    expect(w.chat.postsIn(drill.room)[0]?.title).toMatch(/^DRILL · SEV1 · #\d+ Buffer/);
    expect(w.chat.textsIn(drill.room).join('\n')).toContain('🎭 DRILL: practice, not a real crisis');
    worker().resume();

    await waitFor(() => injects(w, drill.room).length === BUFFER.length, PATIENCE_MS, 'six injects');
    // Every inject counted as posted and no inject job left to run: none can come twice.
    await waitFor(
      async () => {
        const sent = (await w.incident(drill.seq)).reminders ?? {};
        const pending = await w.pendingJobsOf(drill.seq);
        return (
          BUFFER.every((_, i) => sent[`inject-${i}`]?.nags) && pending.every((j) => j.data.kind !== 'inject')
        );
      },
      PATIENCE_MS,
      'every inject counted and none left queued',
    );

    const posted = injects(w, drill.room);
    expect(posted.map((p) => p.card.title)).toEqual(BUFFER.map(([, from]) => `🎭 Inject from ${from}`));
    expect(posted.map((p) => p.card.context)).toEqual(
      BUFFER.map((_, i) => `DRILL · inject ${i + 1} of 6 · #${drill.seq} ${incident.title}`),
    );
    posted.forEach((p, i) => {
      // Each inject planned for its scripted minute exactly, and never posted before it.
      const due = drill.openedAt + (BUFFER[i]?.[0] ?? 0) * MINUTE_MS;
      expect({
        inject: i + 1,
        planned: p.job && { kind: p.job.kind, inject: p.job.inject, dueAt: p.job.dueAt },
      }).toEqual({
        inject: i + 1,
        planned: { kind: 'inject', inject: i, dueAt: due },
      });
      expect({ inject: i + 1, early: p.at < due }).toEqual({ inject: i + 1, early: false });
      expect(p.text).toContain('Simulated message from the outside world');
    });
    expect(posted[0]?.text).toContain('Losing weight is easy');
    expect(posted[3]?.text).toContain('Were our passwords leaked?');
    const sent = (await w.incident(drill.seq)).reminders ?? {};
    expect(BUFFER.map((_, i) => sent[`inject-${i}`]?.nags)).toEqual([1, 1, 1, 1, 1, 1]);
  });

  test('GIVEN a Buffer drill closed after the T+15 inject WHEN the later minutes pass THEN no inject comes, its jobs are gone, and the room has the drill report', async () => {
    const w = world();
    // The T+45 inject is held at the worker until the drill is closed: 30 playbook minutes (1.2 s) is
    // less than a loaded machine may take to close it.
    let release = () => {};
    const closed = new Promise<void>((resolve) => {
      release = resolve;
    });
    w.beforeFire = async (job) => {
      if (job.kind === 'inject' && job.inject === 3) await closed;
    };
    const drill = await openBufferDrill(w);
    const inRoom = { ...w.ana, room: drill.room };
    await waitFor(() => injects(w, drill.room).length === 3, PATIENCE_MS, 'the T+15 inject');

    await w.command(inRoom, 'step done 1');
    const reply = await w.command(inRoom, 'close Drill over: the kill switch came too late.');

    // Typed in the room: the record is there, not in the reply.
    expect(reply.cards).toEqual([]);
    const report = w.chat.postsIn(drill.room).find((card) => card.title?.startsWith('📋 Drill report'));
    expect(report?.title).toBe(
      `📋 Drill report · #${drill.seq} Buffer, 26 October 2013: spam from our users' accounts`,
    );
    const text = textOf(report ?? {});
    expect(text).toMatch(/1\. Open the incident and take the lead: done \d+ min late/);
    expect(text).toContain('❌ 2. Pull the kill switch for every customer: never done (due T+5)');
    // Step 13 is due at T+60: not due yet, unless a loaded machine took that long to reach the close.
    const lasted = Number(/The drill lasted (\d+) min/.exec(text)?.[1]);
    expect(text).toContain(
      lasted < 60
        ? '⏸️ 13. Publish the full statement and the root cause: not due yet when the drill ended (due T+60)'
        : '❌ 13. Publish the full statement and the root cause: never done (due T+60)',
    );
    expect(text).toContain('No statement was published: SEV1 wants the first one within 15 min.');
    expect(text).toContain('3 of 6 injects arrived before the drill ended.');
    release();

    // No job of the drill is left to run (none delayed, none under way): no later inject can come.
    await waitFor(async () => (await w.pendingJobsOf(drill.seq)).length === 0, PATIENCE_MS, 'no job left');
    expect(injects(w, drill.room)).toHaveLength(3);
  });
});

/** Marks a drill resolved in the store without removing its jobs, as if another process had closed it. */
async function resolveOnly(w: ReminderWorld, seq: number): Promise<Incident> {
  const stored = await w.store.update(w.workspace, seq, (current) => {
    const at = new Date().toISOString();
    return { change: { incident: { ...current, status: 'resolved' as const, resolvedAt: at }, events: [] } };
  });
  if (!stored?.change) throw new Error(`#${seq} could not be resolved`);
  return stored.change.incident;
}

describe('/crisis delete', () => {
  test('GIVEN a real incident, open then closed WHEN someone deletes it THEN it is refused kindly and nothing is removed', async () => {
    const w = world();
    const real = await w.open('sev1');

    const whileOpen = await w.command(w.bob, `delete #${real.seq}`);
    await w.command({ ...w.ana, room: real.room }, 'close The account is ours again.');
    const closed = await w.command(w.bob, `delete #${real.seq}`);

    for (const reply of [whileOpen, closed]) {
      expect(reply.cards.map(textOf).join('\n')).toBe(
        `Incident #${real.seq} is a real incident: its record is kept for good. Only drills can be deleted.`,
      );
    }
    expect((await w.incident(real.seq)).status).toBe('resolved');
    expect((await w.timeline(real.seq)).length).toBeGreaterThan(2);
  });

  test('GIVEN a drill still running WHEN deleted THEN it is refused until it is closed', async () => {
    const w = world();
    const drill = await openBufferDrill(w);

    const reply = await w.command(w.bob, `delete #${drill.seq}`);

    expect(reply.cards.map(textOf).join('\n')).toContain(
      `Drill #${drill.seq} is still running. Close it first`,
    );
    expect((await w.incident(drill.seq)).status).toBe('open');
  });

  test('GIVEN a closed drill whose jobs are still queued WHEN `/crisis delete #N` THEN its record, timeline, room index and jobs are gone, and its room is told', async () => {
    const w = world();
    const real = await w.open('sev1');
    const drill = await openBufferDrill(w);
    // No job runs while the drill is deleted: its T+0 inject, running meanwhile on a slow machine,
    // would queue the next one just after the delete (pausing waits for a running one to finish).
    await worker().pause();
    await resolveOnly(w, drill.seq);
    expect((await w.delayedJobsOf(drill.seq)).length).toBeGreaterThan(0);

    const reply = await w.command(w.bob, `delete #${drill.seq}`);

    expect(reply.cards.map(textOf).join('\n')).toBe(
      `🗑️ Drill #${drill.seq} deleted by <@U0BOB>: its record, timeline and pending reminders are gone.`,
    );
    expect(await w.store.get(w.workspace, drill.seq)).toBeNull();
    expect(await w.timeline(drill.seq)).toEqual([]);
    expect(await w.store.findByRoom(w.workspace, drill.room)).toBeNull();
    expect((await w.store.list(w.workspace, { all: true })).map((i) => i.seq)).toEqual([real.seq]);
    expect(await w.delayedJobsOf(drill.seq)).toEqual([]);
    expect(w.chat.textsIn(drill.room).at(-1)).toContain(`This drill (#${drill.seq}) was deleted by <@U0BOB>`);
    // The real incident keeps its own reminders.
    expect((await w.delayedJobsOf(real.seq)).length).toBeGreaterThan(0);
    worker().resume();
    expect(textOf((await w.command(w.bob, `delete #${drill.seq}`)).cards[0] ?? {})).toContain(
      `There is no incident #${drill.seq}`,
    );
  });
});
