/**
 * Archiving a closed incident's channel (`channels.archive_after`, here 5 playbook minutes of 40 ms) on a
 * real BullMQ queue: the room is told, then archived, once; later reminders go by direct message; the
 * incident cannot be reopened in an archived room.
 */

import { defaultReminderPolicy } from '../../../src/config/schema';
import { PATIENCE_MS } from '../../support/patience';
import { textOf } from '../../support/recording-chat';
import { MINUTE_MS, useReminders, waitFor } from './reminder-world';

const ARCHIVE_AFTER = 5;
const { world } = useReminders({ ...defaultReminderPolicy, archiveAfter: ARCHIVE_AFTER, followupAfter: 10 });

describe('archiving a closed incident', () => {
  test('GIVEN archive_after 5 min WHEN an incident is closed THEN 5 min later its room is told and archived, once, on the record', async () => {
    const w = world();
    const opened = await w.open('sev1');
    const ana = w.inRoom(w.ana, opened);
    await w.command(ana, 'close Fixed.');
    const closedAt = Date.parse((await w.incident(opened.seq)).resolvedAt ?? '');

    await waitFor(() => w.chat.archived.includes(opened.room), PATIENCE_MS, 'the room to be archived');

    const notice = w.chat
      .postsIn(opened.room)
      .map(textOf)
      .find((t) => t.startsWith('🗄️'));
    expect(notice).toBe(
      '🗄️ Incident #1 was closed a while ago: calma archives this channel now. Its history stays readable, and the postmortem stays pinned above.',
    );
    // The record follows the platform's archive call (calma archives first, records second).
    const stored = await waitFor(
      async () => {
        const incident = await w.incident(opened.seq);
        return incident.archivedAt ? incident : null;
      },
      PATIENCE_MS,
      'the archive on the record',
    );
    expect(Date.parse(stored.archivedAt ?? '')).toBeGreaterThanOrEqual(closedAt + ARCHIVE_AFTER * MINUTE_MS);
    expect((await w.timeline(opened.seq)).at(-1)).toMatchObject({
      kind: 'archived',
      room: opened.room,
      by: 'calma',
    });
    // Its job done, nothing queued or under way would archive it twice.
    await w.jobDone(opened.seq, { kind: 'archive', attempt: 1, dueAt: closedAt + ARCHIVE_AFTER * MINUTE_MS });
    expect((await w.pendingJobsOf(opened.seq)).filter((job) => job.data.kind === 'archive')).toEqual([]);
    expect(w.chat.archived).toEqual([opened.room]);
  });

  test('GIVEN an archived room WHEN a follow-up is due THEN its owner gets it by direct message; WHEN someone reopens THEN a friendly refusal', async () => {
    const w = world();
    const opened = await w.open('sev1');
    const ana = w.inRoom(w.ana, opened);
    await w.command(ana, 'followup Rotate every token @U0LENA');
    await w.command(ana, 'close Fixed.');
    await waitFor(() => w.chat.archived.includes(opened.room), PATIENCE_MS, 'the room to be archived');
    await waitFor(
      async () => (await w.incident(opened.seq)).archivedAt,
      PATIENCE_MS,
      'the archive on the record',
    );
    const postsInRoom = w.chat.postsIn(opened.room).length;

    const dm = await waitFor(
      () => w.chat.dms.find((d) => d.user === 'U0LENA' && textOf(d.card).includes('F1')),
      PATIENCE_MS,
      'the follow-up by DM',
    );

    expect(textOf(dm.card)).toContain('Rotate every token');
    expect(w.chat.postsIn(opened.room)).toHaveLength(postsInRoom);
    const reply = await w.command({ ...w.ana, room: 'C_GENERAL' }, `reopen #${opened.seq} It is back`);
    expect(reply.cards.map(textOf).join('\n')).toContain('is archived, so it cannot be reopened here');
  });
});
