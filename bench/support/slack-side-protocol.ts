/**
 * Messages between the bench (main thread: the apps under test) and "Slack's side" (a worker thread:
 * the fake Web API and the load generator that plays Slack sending slash commands).
 */

/** Both apps verify requests with it; the load generator signs with it. */
export const SIGNING_SECRET = 'bench-signing-secret';

/** How a burst reaches the app: over connections kept from earlier bursts, or one new connection per request. */
export type Connections = 'keep-alive' | 'new';

export type SideRequest =
  | {
      id: number;
      kind: 'burst';
      url: string;
      app: string;
      from: number;
      count: number;
      connections: Connections;
    }
  | { id: number; kind: 'progress'; app: string }
  | { id: number; kind: 'close' };

export type SideReply =
  | { id: number; kind: 'ready'; apiUrl: string }
  | { id: number; kind: 'latencies'; ms: number[] }
  | { id: number; kind: 'progress'; replies: number; opened: number }
  | { id: number; kind: 'closed' }
  | { id: number; kind: 'error'; message: string };

/** Every response_url id of `app`'s commands starts with this: replies are counted per app. */
export function replyPrefix(app: string): string {
  return `${app}-`;
}

/** The response_url id of the `n`-th command sent to `app`. */
export function replyId(app: string, n: number): string {
  return `${replyPrefix(app)}${n}`;
}
