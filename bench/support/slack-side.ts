/**
 * The main thread's handle on Slack's side (slack-side.worker.ts): where the fake Web API listens, and
 * requests for bursts of commands and for how far calma's work has got.
 */
import type { Connections, SideReply, SideRequest } from './slack-side-protocol';
import { startWorkerSide } from './worker-side';

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

export async function startSlackSide(): Promise<SlackSide> {
  const side = await startWorkerSide<SideRequest, SideReply>(
    'slack-side.worker.ts',
    "Slack's side",
    REPLY_TIMEOUT_MS,
  );
  const { first, ask } = side;
  return {
    apiUrl: first.apiUrl,
    burst: async (url, app, from, count, connections) =>
      (await ask({ kind: 'burst', url, app, from, count, connections }, 'latencies')).ms,
    progress: async (app) => {
      const { replies, opened } = await ask({ kind: 'progress', app }, 'progress');
      return { replies, opened };
    },
    close: () => side.close(),
  };
}
