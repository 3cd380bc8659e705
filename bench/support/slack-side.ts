/**
 * The main thread's handle on Slack's side (slack-side.worker.ts): where the fake Web API listens, and
 * requests for bursts of commands and for how far calma's work has got.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Connections, SideReply, SideRequest } from './slack-side-protocol';

/** Generous: a burst of 50 takes well under a second; this only keeps a wedged worker from hanging the bench. */
const REPLY_TIMEOUT_MS = 30_000;

export interface SlackSide {
  /** The fake Web API's base URL, for the apps' `slackApiUrl`. */
  readonly apiUrl: string;
  /** Sends `count` signed `/crisis open` commands to `url` at once; each one's ack latency in ms. */
  burst(url: string, app: string, from: number, count: number, connections: Connections): Promise<number[]>;
  /** How many of `app`'s commands have had their reply, and how many of those say the incident is open. */
  progress(app: string): Promise<{ replies: number; opened: number }>;
  close(): Promise<void>;
}

type Pending = { resolve: (reply: SideReply) => void; reject: (error: Error) => void };
type Body<R> = R extends unknown ? Omit<R, 'id'> : never;

export async function startSlackSide(): Promise<SlackSide> {
  const worker = spawnWorker();
  const pending = new Map<number, Pending>();
  let nextId = 1;
  const failAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`Slack's side exited (code ${code})`)));
  worker.on('message', (reply: SideReply) => {
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.kind === 'error') waiting?.reject(new Error(`Slack's side: ${reply.message}`));
    else waiting?.resolve(reply);
  });
  const ready = new Promise<SideReply>((resolve, reject) => pending.set(0, { resolve, reject }));
  const ask = (request: Body<SideRequest>): Promise<SideReply> => {
    const id = nextId++;
    return withTimeout(
      new Promise<SideReply>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ ...request, id });
      }),
      `${request.kind} from Slack's side`,
    );
  };

  const first = await withTimeout(ready, "Slack's side to start").catch(async (error: unknown) => {
    await worker.terminate(); // a worker left running would keep the bench from exiting
    throw error;
  });
  if (first.kind !== 'ready') throw new Error(`Slack's side answered ${first.kind} instead of ready`);
  return {
    apiUrl: first.apiUrl,
    burst: async (url, app, from, count, connections) => {
      const reply = await ask({ kind: 'burst', url, app, from, count, connections });
      if (reply.kind !== 'latencies') throw new Error(`unexpected ${reply.kind} for a burst`);
      return reply.ms;
    },
    progress: async (app) => {
      const reply = await ask({ kind: 'progress', app });
      if (reply.kind !== 'progress') throw new Error(`unexpected ${reply.kind} for progress`);
      return { replies: reply.replies, opened: reply.opened };
    },
    close: async () => {
      await ask({ kind: 'close' }).catch(() => undefined);
      await worker.terminate();
    },
  };
}

/**
 * The bench runs under tsx, whose loader a worker thread does not inherit: the worker registers it
 * (tsx's documented CommonJS API) before loading its TypeScript entry.
 */
function spawnWorker(): Worker {
  const entry = path.join(__dirname, 'slack-side.worker.ts');
  const bootstrap = `require('tsx/cjs/api').register(); require(${JSON.stringify(entry)});`;
  return new Worker(bootstrap, { eval: true });
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), REPLY_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
