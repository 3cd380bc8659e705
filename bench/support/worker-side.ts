/**
 * A bench's handle on a worker thread that plays the platform's side (the fake Web API and the load
 * generator), so that work is not charged to the app's event loop. Requests and replies carry an id;
 * the worker's first message (id 0) says it is ready.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/** A request as the bench writes it: the id is given here. */
export type Body<R> = R extends unknown ? Omit<R, 'id'> : never;

type Message = { id: number; kind: string };
/** The reply of that kind. */
type Of<Reply, K> = Extract<Reply, { kind: K }>;

export interface WorkerSide<Request extends Message, Reply extends Message> {
  /** The worker's first message: its `ready`, with what it started. */
  readonly first: Of<Reply, 'ready'>;
  /**
   * Sends a request; resolves with its reply, which must be of kind `expected`; rejects on the worker's
   * `error` reply or a timeout.
   */
  ask<K extends Reply['kind']>(request: Body<Request>, expected: K): Promise<Of<Reply, K>>;
  /** Asks the worker to close (a `close` request), then stops it. */
  close(): Promise<void>;
}

/**
 * Starts `entry` (a TypeScript file in bench/support) in a worker thread. The bench runs under tsx,
 * whose loader a worker thread does not inherit: the worker registers it (tsx's documented CommonJS
 * API) before loading its entry. `name` is what errors call the worker; `timeoutMs` only keeps a
 * wedged worker from hanging the bench.
 */
export async function startWorkerSide<Request extends Message, Reply extends Message>(
  entry: string,
  name: string,
  timeoutMs: number,
): Promise<WorkerSide<Request, Reply>> {
  const file = path.join(__dirname, entry);
  const worker = new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(file)});`, {
    eval: true,
  });
  const pending = new Map<number, { resolve: (reply: Reply) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  const failAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`${name} exited (code ${code})`)));
  worker.on('message', (reply: Reply & { message?: string }) => {
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.kind === 'error') waiting?.reject(new Error(`${name}: ${reply.message}`));
    else waiting?.resolve(reply);
  });
  const within = <T>(promise: Promise<T>, what: string): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  };
  const ready = new Promise<Reply>((resolve, reject) => pending.set(0, { resolve, reject }));
  const first = await within(ready, `${name} to start`).catch(async (error: unknown) => {
    await worker.terminate(); // a worker left running would keep the bench from exiting
    throw error;
  });
  if (first.kind !== 'ready') throw new Error(`${name} answered ${first.kind} instead of ready`);
  const ask = async <K extends Reply['kind']>(request: Body<Request>, expected: K): Promise<Of<Reply, K>> => {
    const id = nextId++;
    const reply = await within(
      new Promise<Reply>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ ...request, id });
      }),
      `${request.kind} from ${name}`,
    );
    if (reply.kind !== expected) throw new Error(`${name} answered ${reply.kind} to ${request.kind}`);
    return reply as Of<Reply, K>;
  };
  return {
    first: first as Of<Reply, 'ready'>,
    ask,
    close: async () => {
      await ask({ kind: 'close' } as Body<Request>, 'closed').catch(() => undefined);
      await worker.terminate();
    },
  };
}
