/**
 * The main thread's handle on Slack's side of the open report part (open-side.worker.ts): where the fake
 * Web API listens, rounds of `/crisis open` commands, how far an app's work has got, and the Web API
 * calls an app made (to record calma's sequence for one open).
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { OpenSideReply, OpenSideRequest, Progress, RecordedCall } from './open-side-protocol';

/** Only keeps a wedged worker from hanging the bench: a round of 500 is acked within seconds. */
const REPLY_TIMEOUT_MS = 60_000;

export interface OpenSide {
  readonly apiUrl: string;
  /** Sends `count` signed `/crisis open` commands to `url` at once; resolves when all are acked. */
  round(url: string, app: string, from: number, count: number): Promise<number[]>;
  /** How far `app`'s (Web API token `token`) work for its current round has got. */
  progress(app: string, token: string): Promise<Progress>;
  /** The Web API calls made with `token` since the round began, in order, and `app`'s first reply. */
  record(app: string, token: string): Promise<{ calls: RecordedCall[]; reply: unknown }>;
  close(): Promise<void>;
}

type Pending = { resolve: (reply: OpenSideReply) => void; reject: (error: Error) => void };
type Body<R> = R extends unknown ? Omit<R, 'id'> : never;

export async function startOpenSide(): Promise<OpenSide> {
  const worker = spawnWorker();
  const pending = new Map<number, Pending>();
  let nextId = 1;
  const failAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`Slack's side exited (code ${code})`)));
  worker.on('message', (reply: OpenSideReply) => {
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.kind === 'error') waiting?.reject(new Error(`Slack's side: ${reply.message}`));
    else waiting?.resolve(reply);
  });
  const ready = new Promise<OpenSideReply>((resolve, reject) => pending.set(0, { resolve, reject }));
  const ask = (request: Body<OpenSideRequest>): Promise<OpenSideReply> => {
    const id = nextId++;
    return withTimeout(
      new Promise<OpenSideReply>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ ...request, id });
      }),
      `${request.kind} from Slack's side`,
    );
  };
  const first = await withTimeout(ready, "Slack's side to start").catch(async (error: unknown) => {
    await worker.terminate();
    throw error;
  });
  if (first.kind !== 'ready') throw new Error(`Slack's side answered ${first.kind} instead of ready`);
  return {
    apiUrl: first.apiUrl,
    round: async (url, app, from, count) => {
      const reply = await ask({ kind: 'round', url, app, from, count });
      if (reply.kind !== 'sent') throw new Error(`unexpected ${reply.kind} for a round`);
      return reply.ackMs;
    },
    progress: async (app, token) => {
      const reply = await ask({ kind: 'progress', app, token });
      if (reply.kind !== 'progress') throw new Error(`unexpected ${reply.kind} for progress`);
      return reply.progress;
    },
    record: async (app, token) => {
      const reply = await ask({ kind: 'record', app, token });
      if (reply.kind !== 'recorded') throw new Error(`unexpected ${reply.kind} for record`);
      return { calls: reply.calls, reply: reply.reply };
    },
    close: async () => {
      await ask({ kind: 'close' }).catch(() => undefined);
      await worker.terminate();
    },
  };
}

/** The bench runs under tsx, whose loader a worker thread does not inherit: the worker registers it. */
function spawnWorker(): Worker {
  const entry = path.join(__dirname, 'open-side.worker.ts');
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
