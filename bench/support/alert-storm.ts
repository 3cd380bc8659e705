/** The main thread's handle on the storm sender (alert-storm.worker.ts). */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { StormPlan, StormReply, StormRequest, StormResult } from './alert-storm-protocol';

export interface StormSender {
  run(plan: StormPlan): Promise<StormResult>;
  close(): Promise<void>;
}

type Pending = { resolve: (reply: StormReply) => void; reject: (error: Error) => void };

export async function startStormSender(): Promise<StormSender> {
  // The bench runs under tsx, whose loader a worker thread does not inherit: register it first.
  const entry = path.join(__dirname, 'alert-storm.worker.ts');
  const worker = new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(entry)});`, {
    eval: true,
  });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  const failAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`the storm sender exited (code ${code})`)));
  worker.on('message', (reply: StormReply) => {
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.kind === 'error') waiting?.reject(new Error(`storm sender: ${reply.message}`));
    else waiting?.resolve(reply);
  });
  const ask = (request: StormRequest): Promise<StormReply> =>
    new Promise((resolve, reject) => {
      pending.set(request.id, { resolve, reject });
      worker.postMessage(request);
    });
  const ready = await new Promise<StormReply>((resolve, reject) => pending.set(0, { resolve, reject }));
  if (ready.kind !== 'ready') throw new Error(`the storm sender answered ${ready.kind}`);
  return {
    async run(plan) {
      const reply = await ask({ id: nextId++, kind: 'run', plan });
      if (reply.kind !== 'result') throw new Error(`unexpected ${reply.kind} for a run`);
      return reply.result;
    },
    async close() {
      await ask({ id: nextId++, kind: 'close' }).catch(() => undefined);
      await worker.terminate();
    },
  };
}
