/**
 * What the Redis fail-over tests run through a topology's URL, as calma does: the incident store on a
 * connection that waits through about a minute of reconnections (`STORE_CONNECTION`), and a BullMQ queue and worker on one that waits.
 */
import { Queue, Worker } from 'bullmq';
import { type RedisConnection, redisClient, STORE_CONNECTION } from '../../src/redis/connect';
import { RedisIncidentStore } from '../../src/store/redis-incident-store';
import { anIncident, anOpenedEntry } from './fixtures';

export interface FailoverClients {
  /** The store's connection. */
  main: RedisConnection;
  store: RedisIncidentStore;
  queue: Queue;
  /** The names of the jobs the worker ran, in order. */
  done: string[];
  /** Opens an incident in `workspace` for `request`; resolves to its number. */
  open(request: string): Promise<number>;
  close(): Promise<void>;
}

export function failoverClients(url: string, prefix: string, workspace: string): FailoverClients {
  const main: RedisConnection = redisClient(url, STORE_CONNECTION);
  main.on('error', () => {});
  const bull: RedisConnection = redisClient(url, { maxRetriesPerRequest: null });
  bull.on('error', () => {});
  const queue = new Queue('failover', { connection: bull, prefix });
  queue.on('error', () => {});
  const done: string[] = [];
  const worker = new Worker('failover', async (job) => void done.push(job.name), {
    connection: bull,
    prefix,
  });
  worker.on('error', () => {});
  const store = new RedisIncidentStore(main, prefix);
  return {
    main,
    store,
    queue,
    done,
    async open(request) {
      const incident = anIncident({
        workspace,
        seq: await store.nextSeq(workspace, request),
        room: `C-${request}`,
      });
      await store.create({ incident, events: [anOpenedEntry(incident)] });
      return incident.seq;
    },
    async close() {
      await worker.close(true);
      await queue.close();
      main.disconnect();
      bull.disconnect();
    },
  };
}
