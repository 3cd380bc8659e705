/**
 * The main thread's handle on Slack's side of the open report part (open-side.worker.ts): where the fake
 * Web API listens, rounds of `/crisis open` commands, how far an app's work has got, and the Web API
 * calls an app made (to record calma's sequence for one open).
 */
import type { OpenSideReply, OpenSideRequest, Progress, RecordedCall } from './open-side-protocol';
import { startWorkerSide } from './worker-side';

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

export async function startOpenSide(): Promise<OpenSide> {
  const side = await startWorkerSide<OpenSideRequest, OpenSideReply>(
    'open-side.worker.ts',
    "Slack's side",
    REPLY_TIMEOUT_MS,
  );
  const { first, ask } = side;
  return {
    apiUrl: first.apiUrl,
    round: async (url, app, from, count) =>
      (await ask({ kind: 'round', url, app, from, count }, 'sent')).ackMs,
    progress: async (app, token) => (await ask({ kind: 'progress', app, token }, 'progress')).progress,
    record: async (app, token) => {
      const { calls, reply } = await ask({ kind: 'record', app, token }, 'recorded');
      return { calls, reply };
    },
    close: () => side.close(),
  };
}
