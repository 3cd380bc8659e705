/**
 * Scheduled audits on a real BullMQ job scheduler, with one playbook minute = 1 ms (an audit every
 * "day" comes every 1.44 s): it opens as a SEV4 incident of its audit playbook, by calma, never a second
 * one while the last is still open, and stays out of /crisis stats.
 */

import { PlaybookRegistry } from '../../../src/playbook/registry';
import { Playbook } from '../../../src/playbook/schema';
import { type AuditService, auditService } from '../../../src/queue/audits';
import { uniquePrefix } from '../../support/redis';
import { waitFor } from '../../support/wait-for';
import { ana, replyText, useWorld, WORKSPACE } from '../handlers/world';

const text = (en: string) => ({ en, es: `${en} (es)`, fr: `${en} (fr)` });
const audit = Playbook.parse({
  id: 'quarterly-check',
  kind: 'audit',
  title: text('Preparedness audit'),
  description: text('Check we are ready.'),
  severity: 4,
  posture: { cluster: 'none', strategies: ['instruct'], why: text('Practice, not a response.') },
  roles: ['lead'],
  steps: [
    { id: 'passwords', title: text('Check the passwords'), role: 'lead', due: 0, what: text('All of them.') },
  ],
});
const MINUTE_MS = 1;
const PERIOD_MS = 24 * 60 * MINUTE_MS;

const world = useWorld({ playbooks: new PlaybookRegistry([audit]), minuteMs: MINUTE_MS });
let service: AuditService | undefined;

afterEach(async () => {
  await service?.stop();
  service = undefined;
});

test('GIVEN an audit every day WHEN calma runs THEN it opens as a SEV4 audit by calma, not again while it is open, again once it is closed, and never in the stats', async () => {
  const w = world();
  service = auditService({
    redisUrl: process.env.CALMA_TEST_REDIS_URL ?? '',
    prefix: uniquePrefix(),
    platform: 'console',
    audits: [{ playbook: 'quarterly-check', everyDays: 1 }],
    minuteMs: MINUTE_MS,
  });
  await service.work(w.deps, async () => WORKSPACE, 'C_GENERAL');

  const first = await waitFor(() => w.store.get(WORKSPACE, 1), PERIOD_MS * 3, 'the first audit');
  expect(first).toMatchObject({ playbook: 'quarterly-check', severity: 4, audit: true, openedBy: 'calma' });
  expect(first.title).toMatch(/^Preparedness audit · \d{4}-\d{2}-\d{2}$/);

  // Two more audits come due while it is open, and run (after the first one's job): nothing new opens.
  const completed = async () => (await service?.queue.getCompletedCount()) ?? 0;
  await waitFor(async () => (await completed()) >= 1, PERIOD_MS * 3, 'the first audit job to end');
  const ran = await completed();
  await waitFor(async () => (await completed()) >= ran + 2, PERIOD_MS * 5, 'two more audits to come due');
  expect(await w.store.list(WORKSPACE, { all: true })).toHaveLength(1);

  await w.command(
    { ...ana, room: first.room ?? '' },
    'close Every account checked; backup codes moved to the safe.',
  );
  await waitFor(() => w.store.get(WORKSPACE, 2), PERIOD_MS * 3, 'the next audit');

  const stats = replyText(await w.command(ana, 'stats'));
  expect(stats).toContain('audits left out: 2');
});
