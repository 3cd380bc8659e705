/**
 * Messages between the open report part (main thread: calma and the bare Bolt app) and Slack's side
 * (a worker thread: the fake Web API, and the load generator that sends `/crisis open` commands).
 */

/** Both apps verify requests with it; the load generator signs with it. */
export const OPEN_SIGNING_SECRET = 'bench-open-signing-secret';

/** One Web API call as the fake received and answered it, for replaying calma's sequence. */
export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  response: Record<string, unknown> | undefined;
}

/** How far one app's work for a round has got on Slack's side, in ms after the round's first command. */
export interface Progress {
  /** Channels created (`conversations.create` answered ok), and when the last of them was. */
  channels: number;
  lastChannelMs: number;
  /** Messages pinned (`pins.add`): the summary card, the last thing of a room being set up. */
  pins: number;
  lastPinMs: number;
  /** Replies to the person who asked (posts to a response_url): the last thing an open does. */
  replies: number;
  lastReplyMs: number;
  /** Replies that say the incident is open (anything else means the bench measured something else). */
  opened: number;
  /** Web API calls made in the round (every method). */
  calls: number;
  /** The first reply that did not say the incident is open, if any (what went wrong). */
  failed?: string;
}

export type OpenSideRequest =
  | { id: number; kind: 'round'; url: string; app: string; from: number; count: number }
  | { id: number; kind: 'progress'; app: string; token: string }
  | { id: number; kind: 'record'; app: string; token: string }
  | { id: number; kind: 'close' };

export type OpenSideReply =
  | { id: number; kind: 'ready'; apiUrl: string }
  | { id: number; kind: 'sent'; ackMs: number[] }
  | { id: number; kind: 'progress'; progress: Progress }
  | { id: number; kind: 'recorded'; calls: RecordedCall[]; reply: unknown }
  | { id: number; kind: 'closed' }
  | { id: number; kind: 'error'; message: string };

/** The response_url id of the `n`-th command sent to `app`. */
export function openReplyId(app: string, n: number): string {
  return `${app}-${n}`;
}

/** The title of the `n`-th command: the bare app names its channel after it. */
export function openTitle(n: number): string {
  return `Open bench ${n}`;
}
