import { Queue, Worker } from 'bullmq';
import type { Deps } from '../app/deps';
import { openIncidentRoom } from '../app/open-incident';
import { local } from '../cards/format';
import { CALMA_USER } from '../core/types';
import { translator } from '../i18n';
import { redisClient } from '../redis/connect';
import { BOUNDED_EVENTS } from './events';
import { outageLog } from './outage-log';

export interface AuditSchedule {
  playbook: string;
  everyDays: number;
}

export interface AuditOptions {
  redisUrl: string;
  prefix: string;
  /** The platform audits open on (the alerts platform): its processes work `audits-<platform>`. */
  platform: string;
  audits: AuditSchedule[];
  minuteMs: number;
}

export interface AuditService {
  readonly queue: Queue;
  /** Schedules the audits and opens each when due, in `workspace()`, announced from `room`. */
  work(deps: Deps, workspace: () => Promise<string>, room: string): Promise<void>;
  stop(): Promise<void>;
}

/** What an audit job carries: which playbook to open. */
interface AuditJob {
  playbook: string;
}

/**
 * Scheduled audits on BullMQ job schedulers (one per audit playbook, upserted at start: a changed
 * `every_days` replaces the old schedule, several processes share one). When one comes due, the audit
 * opens as an incident of its playbook, SEV4, by calma; if the previous one is still open, that one is
 * what the team should finish, so no second one opens.
 */
export function auditService(options: AuditOptions): AuditService {
  const connection = redisClient(options.redisUrl, { maxRetriesPerRequest: null });
  const name = `audits-${options.platform}`;
  const queue = new Queue<AuditJob>(name, { connection, prefix: options.prefix, streams: BOUNDED_EVENTS });
  let worker: Worker<AuditJob> | null = null;
  return {
    queue,
    async work(deps, workspace, room) {
      const unreachable = outageLog(deps.log, 'audits queue', connection);
      queue.on('error', unreachable);
      // Schedules no longer in calma.yaml stop.
      const wanted = new Set(options.audits.map((audit) => schedulerId(audit.playbook)));
      for (const scheduler of await queue.getJobSchedulers()) {
        if (scheduler.key && !wanted.has(scheduler.key)) await queue.removeJobScheduler(scheduler.key);
      }
      for (const audit of options.audits) {
        const every = audit.everyDays * 24 * 60 * options.minuteMs;
        await queue.upsertJobScheduler(
          schedulerId(audit.playbook),
          { every },
          {
            name: 'audit',
            data: { playbook: audit.playbook },
            opts: { removeOnComplete: 100, removeOnFail: 100 },
          },
        );
      }
      worker = new Worker<AuditJob>(
        name,
        async (job) => openAudit(deps, await workspace(), room, job.data.playbook),
        { connection, prefix: options.prefix },
      );
      worker.on('failed', (job, error) =>
        deps.log.error({ err: error, audit: job?.data.playbook }, 'audit did not open'),
      );
      worker.on('error', unreachable);
    },
    async stop() {
      await worker?.close();
      await queue.close();
      connection.disconnect();
    },
  };
}

const schedulerId = (playbook: string) => `audit.${playbook}`;

async function openAudit(deps: Deps, workspace: string, room: string, id: string): Promise<string> {
  const playbook = deps.playbooks.get(id);
  if (!playbook) throw new Error(`the audit playbook ${id} is not loaded`);
  const open_ = (await deps.store.list(workspace, { all: false })).find((i) => i.playbook === id);
  if (open_) {
    deps.log.info({ audit: id, incident: open_.seq }, 'audit due, but the previous one is still open');
    return 'still-open';
  }
  const t = translator(deps.locale, deps.timeZone);
  const date = deps.clock.now().toISOString().slice(0, 10);
  const opened = await openIncidentRoom(
    deps,
    { workspace, user: CALMA_USER, room },
    { playbook, title: `${local(playbook.title, t)} · ${date}`, severity: 4 },
  );
  if (!opened.ok) throw new Error(`the audit ${id} did not open: ${JSON.stringify(opened.error)}`);
  return 'opened';
}
