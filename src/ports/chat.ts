import type { Card } from '../core/card';
import type { UserId } from '../core/types';

/** A posted message, so it can be updated or pinned later. */
export interface MessageRef {
  room: string;
  id: string;
}

/**
 * A post that must show once even when the work making it runs again because the process that began it
 * died between posting and recording the post (a taken-over request, a retried alert job). Slack and
 * Discord take no idempotency key on every call: Discord keeps a message's nonce a few minutes
 * (`enforce_nonce`), Slack keeps message metadata, which calma reads back (docs/decisions.md).
 */
export interface PostOnce {
  /** The same on every run of that work, unique in the room; at most 25 characters (Discord's nonce). */
  key: string;
  /** Set when an earlier run may have posted it, from then on: the adapter looks for it before posting. */
  since?: Date;
}

export interface Room {
  id: string;
  name: string;
}

export interface RoomSpec {
  names: string[];
  private: boolean;
  adoptSince?: Date;
}

/** A form the adapter shows (a Slack modal, a Discord modal, prompts in the console). */
export interface Form {
  /** What the submission does; the answers arrive as a `form` interaction with this id and args. */
  submit: { kind: FormKind; args: string[] };
  title: string;
  fields: FormField[];
}

export interface FormField {
  id: string;
  label: string;
  /** `text` by default. Answers arrive as strings: a user id, an option's value, `true` / `false`. */
  type?: 'text' | 'longtext' | 'user' | 'select' | 'checkbox';
  options?: { value: string; label: string }[];
  placeholder?: string;
  /** Pre-filled answer. */
  initial?: string;
  /** Longest answer accepted (platforms enforce it in the form itself). */
  maxLength?: number;
  optional?: boolean;
}

/**
 * A Discord modal holds 5 fields, and every platform asks the same ones: a form that has more to ask
 * leaves the rest to commands (a placeholder stays in the text; a variant: `/crisis variant`).
 */
export const FORM_FIELDS = 5;

export const FORM_KINDS = [
  'step.skip',
  'step.assign',
  'open',
  'statement.draft',
  'statement.edit',
  'statement.reject',
  'close',
  'reopen',
] as const;
export type FormKind = (typeof FORM_KINDS)[number];

/**
 * What an incident needs from a chat platform (shaped by the crisis, not by one platform's API, as
 * incidentbot's PlatformAdapter). Implemented by the console, Slack and Discord adapters.
 */
export interface ChatPort {
  /**
   * Creates the incident room. `names` are candidates in order of preference: the adapter takes the
   * first one the platform accepts (a taken name moves on to the next, which carries a suffix).
   * `adoptSince`: the incident was begun then by a run that died (a take-over runs it again), which may
   * have created the room before it could save it: a channel of one of these names that the bot provably
   * created since then is adopted rather than doubled (docs/decisions.md).
   */
  createRoom(workspace: string, spec: RoomSpec): Promise<Room>;
  invite(room: string, users: UserId[]): Promise<void>;
  setTopic(room: string, topic: string): Promise<void>;
  /** Posts a card; with `once`, a run of the same work again does not post it twice (PostOnce). */
  post(room: string, card: Card, once?: PostOnce): Promise<MessageRef>;
  /**
   * The room's posting pace, where the platform limits posts per channel and the adapter keeps to it:
   * how long a post would wait for its turn now (0: it goes at once) and the spacing of turns once the
   * burst is spent. A queue worker delays a job that would wait, rather than holding its slot.
   */
  pace?(room: string): { waitMs: number; intervalMs: number };
  update(ref: MessageRef, card: Card): Promise<void>;
  pin(ref: MessageRef): Promise<void>;
  /** A direct message to one person (e.g. the brief of a role they were just given). */
  dm(user: UserId, card: Card): Promise<void>;
  /** Adds a link to the room's header (Slack bookmark; elsewhere a pinned link). */
  addLink(room: string, title: string, url: string): Promise<void>;
  /** Archives the room (its history stays readable); nothing is posted there afterwards. */
  archive(room: string): Promise<void>;
  /**
   * Shares a text file in the room (the postmortem), with a title and an optional comment, and the
   * files that go with it (its timeline chart) in the same message, so a relative link between them holds.
   */
  uploadFile(room: string, file: SharedFile): Promise<void>;
  /** The people a user id stands for: a user group's members (Slack `S…`), else the user alone. */
  members(user: UserId): Promise<UserId[]>;
  /**
   * Pauses invites and DMs on the whole server until `until` (Discord's raid "incident actions"). Only
   * platforms that have it implement it: a step offering it shows its button only there.
   */
  lockdown?(workspace: string, until: Date): Promise<void>;
  /**
   * Who is in a room (Slack: its members; Discord: who can view the channel), for sending approval
   * links to the approvers who are not. A platform without it counts everyone as in (the console):
   * nobody gets a link unasked. `among`: only these people need an answer (Discord then looks up
   * them, not the whole server); a platform may answer for more.
   */
  roomMembers?(room: string, among?: readonly UserId[]): Promise<UserId[]>;
  /**
   * The name people know a user by in `workspace` (Slack's profile display name, Discord's server
   * nickname), for pages outside the chat; null when the platform does not say. Absent: ids are shown.
   */
  displayName?(workspace: string, user: UserId): Promise<string | null>;
  /**
   * A user id as a mention for card text (a mark, see src/core/markup.ts): this platform's renderer makes
   * it a mention that notifies the person. Only marks ping: a mention typed in text never does.
   */
  mention(user: UserId): string;
  /** A room as a link people can click, for card text (a mark too). */
  roomLink(room: Room): string;
}

/**
 * A chat platform refused or failed a call (after its own retries). Carries the platform's error code so
 * the user is told in plain words what went wrong, and the operator can look it up.
 */
export class ChatPlatformError extends Error {
  constructor(
    readonly platform: string,
    readonly code: string,
    readonly method: string,
  ) {
    super(`${platform} ${method} failed: ${code}`);
    this.name = 'ChatPlatformError';
  }
}

/** A chat platform did not answer within the time a call may take (src/timeouts.ts). */
export class ChatTimeoutError extends ChatPlatformError {
  constructor(platform: string, method: string) {
    super(platform, 'timeout', method);
    this.message = `${platform} ${method} did not answer in time`;
    this.name = 'ChatTimeoutError';
  }
}

/** A text file shared in a room; `attachments`: files shared with it, in the same message. */
export interface SharedFile {
  filename: string;
  title: string;
  content: string;
  comment?: string;
  attachments?: { filename: string; title: string; content: string }[];
}
