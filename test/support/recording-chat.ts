import type { Button, Card } from '../../src/core/card';
import type { UserId } from '../../src/core/types';
import {
  ChatPlatformError,
  type ChatPort,
  type MessageRef,
  type PostOnce,
  type Room,
  type SharedFile,
} from '../../src/ports/chat';

/** The one fake the handler tests allow: a chat platform that remembers everything it was asked to do. */

export interface CreatedRoom extends Room {
  workspace: string;
  private: boolean;
  /** The candidate names the caller offered, in order. */
  candidates: string[];
}

export interface Post {
  room: string;
  card: Card;
  ref: MessageRef;
}

export interface Update {
  ref: MessageRef;
  card: Card;
}

export type ChatMethod =
  | 'createRoom'
  | 'invite'
  | 'setTopic'
  | 'post'
  | 'update'
  | 'pin'
  | 'dm'
  | 'addLink'
  | 'uploadFile'
  | 'archive';

export class RecordingChat implements ChatPort {
  readonly rooms: CreatedRoom[] = [];
  readonly invites: { room: string; users: UserId[] }[] = [];
  readonly topics: { room: string; topic: string }[] = [];
  readonly posts: Post[] = [];
  readonly updates: Update[] = [];
  readonly pins: MessageRef[] = [];
  readonly dms: { user: UserId; card: Card }[] = [];
  readonly links: { room: string; title: string; url: string }[] = [];
  readonly archived: string[] = [];
  readonly files: (SharedFile & { room: string })[] = [];
  /** User groups and their members, as a test declares them. */
  readonly groups: Record<UserId, UserId[]> = {};

  private nextRoom = 1;
  private nextMessage = 1;
  /** Keyed posts by `<room>\n<key>`: the platform's memory of them (Discord's nonce, Slack's metadata). */
  private readonly keyed = new Map<string, MessageRef>();
  /** Names the platform refuses, per workspace (someone else already has a channel called that). */
  private readonly taken = new Set<string>();
  private readonly failing = new Set<ChatMethod>();
  private readonly delays = new Map<ChatMethod, number[]>();

  // ── Steering ──────────────────────────────────────────────────────────────────────────────────────

  /** Makes `name` unavailable in `workspace`, as if another channel already had it. */
  takeName(workspace: string, name: string): void {
    this.taken.add(nameKey(workspace, name));
  }

  /** From now on every call to `method` rejects, until `heal`. */
  fail(method: ChatMethod): void {
    this.failing.add(method);
  }

  heal(method: ChatMethod): void {
    this.failing.delete(method);
  }

  /**
   * The next call to `method` takes `ms` to reach the platform (real APIs answer in tens to hundreds of
   * milliseconds, not always in the order they were called). Calls queue one delay each.
   */
  slowNext(method: ChatMethod, ms: number): void {
    this.delays.set(method, [...(this.delays.get(method) ?? []), ms]);
  }

  // ── ChatPort ──────────────────────────────────────────────────────────────────────────────────────

  async createRoom(workspace: string, spec: { names: string[]; private: boolean }): Promise<Room> {
    await this.check('createRoom');
    const name = spec.names.find((candidate) => !this.taken.has(nameKey(workspace, candidate)));
    if (name === undefined) throw new Error(`every candidate name is taken: ${spec.names.join(', ')}`);
    // A platform refuses a second channel with the same name in a workspace (Slack's name_taken).
    this.taken.add(nameKey(workspace, name));
    const room: CreatedRoom = {
      id: `C${String(this.nextRoom++).padStart(3, '0')}`,
      name,
      workspace,
      private: spec.private,
      candidates: [...spec.names],
    };
    this.rooms.push(room);
    return { id: room.id, name: room.name };
  }

  async invite(room: string, users: UserId[]): Promise<void> {
    await this.check('invite');
    this.invites.push({ room, users: [...users] });
  }

  async setTopic(room: string, topic: string): Promise<void> {
    await this.check('setTopic');
    this.topics.push({ room, topic });
  }

  async post(room: string, card: Card, once?: PostOnce): Promise<MessageRef> {
    await this.check('post');
    const earlier = once && this.keyed.get(`${room}\n${once.key}`);
    if (earlier) return earlier;
    const ref = { room, id: `m${this.nextMessage++}` };
    this.posts.push({ room, card: structuredClone(card), ref });
    if (once) this.keyed.set(`${room}\n${once.key}`, ref);
    return ref;
  }

  async update(ref: MessageRef, card: Card): Promise<void> {
    await this.check('update');
    this.updates.push({ ref: { ...ref }, card: structuredClone(card) });
  }

  async pin(ref: MessageRef): Promise<void> {
    await this.check('pin');
    this.pins.push({ ...ref });
  }

  /** Who is in each room, as a test sets it (`roomMembers` answers nobody otherwise). */
  readonly roomMembership = new Map<string, UserId[]>();

  async roomMembers(room: string): Promise<UserId[]> {
    return this.roomMembership.get(room) ?? [];
  }

  /** Display names, as a test sets them (`displayName` answers null otherwise: the id is shown). */
  readonly names = new Map<UserId, string>();

  async displayName(_workspace: string, user: UserId): Promise<string | null> {
    return this.names.get(user) ?? null;
  }

  async dm(user: UserId, card: Card): Promise<void> {
    await this.check('dm');
    this.dms.push({ user, card: structuredClone(card) });
  }

  async addLink(room: string, title: string, url: string): Promise<void> {
    await this.check('addLink');
    this.links.push({ room, title, url });
  }

  async archive(room: string): Promise<void> {
    await this.check('archive');
    this.archived.push(room);
  }

  async uploadFile(room: string, file: SharedFile): Promise<void> {
    await this.check('uploadFile');
    this.files.push({ room, ...file });
  }

  /** Groups are declared by the test (`groups`); anyone else is themselves. */
  async members(user: UserId): Promise<UserId[]> {
    return this.groups[user] ?? [user];
  }

  mention(user: UserId): string {
    return `<@${user}>`;
  }

  roomLink(room: Room): string {
    return `<#${room.id}>`;
  }

  // ── Queries ───────────────────────────────────────────────────────────────────────────────────────

  room(id: string): CreatedRoom | undefined {
    return this.rooms.find((r) => r.id === id);
  }

  /** Cards posted in a room, oldest first. */
  postsIn(room: string): Card[] {
    return this.posts.filter((p) => p.room === room).map((p) => p.card);
  }

  /** The text of every card posted in a room, oldest first. */
  textsIn(room: string): string[] {
    return this.postsIn(room).map(textOf);
  }

  lastPostIn(room: string): Card | undefined {
    return this.postsIn(room).at(-1);
  }

  /** Everyone invited to a room, each once, in order of first invitation. */
  invitedTo(room: string): UserId[] {
    return [...new Set(this.invites.filter((i) => i.room === room).flatMap((i) => i.users))];
  }

  /** The room's topic as it reads now (the last one set). */
  topicOf(room: string): string | undefined {
    return this.topics.filter((t) => t.room === room).at(-1)?.topic;
  }

  /** Refs of the messages pinned in a room. */
  pinnedIn(room: string): MessageRef[] {
    return this.pins.filter((p) => p.room === room);
  }

  updatesOf(ref: MessageRef): Card[] {
    return this.updates.filter((u) => sameRef(u.ref, ref)).map((u) => u.card);
  }

  /** A message as a reader sees it now: its last update, else the card as posted. */
  currentCard(ref: MessageRef): Card | undefined {
    return this.updatesOf(ref).at(-1) ?? this.posts.find((p) => sameRef(p.ref, ref))?.card;
  }

  /** Counts of every kind of call, to show that nothing happened on the platform. */
  activity(): Record<'rooms' | 'invites' | 'topics' | 'posts' | 'updates' | 'pins' | 'dms', number> {
    return {
      dms: this.dms.length,
      rooms: this.rooms.length,
      invites: this.invites.length,
      topics: this.topics.length,
      posts: this.posts.length,
      updates: this.updates.length,
      pins: this.pins.length,
    };
  }

  private async check(method: ChatMethod): Promise<void> {
    const delay = this.delays.get(method)?.shift();
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    if (this.failing.has(method)) throw new ChatPlatformError('The chat platform', 'internal_error', method);
  }
}

/** A card's readable text: title, lines, fields (`label: value`) and context, one per line. */
export function textOf(card: Card): string {
  return [
    card.title,
    ...(card.lines ?? []),
    ...(card.fields ?? []).map((f) => `${f.label}: ${f.value}`),
    card.context,
  ]
    .filter((part): part is string => typeof part === 'string' && part.length > 0)
    .join('\n');
}

export function buttonsOf(card: Card | undefined): Button[] {
  return card?.buttons ?? [];
}

/** The button with this label on the card; throws (failing the test) when there is none. */
export function button(card: Card | undefined, label: string): Button {
  const found = buttonsOf(card).find((b) => b.label === label);
  if (!found) {
    const labels = buttonsOf(card).map((b) => b.label);
    throw new Error(`no button "${label}" on the card (buttons: ${labels.join(', ') || 'none'})`);
  }
  return found;
}

const nameKey = (workspace: string, name: string) => `${workspace}\u0000${name}`;
const sameRef = (a: MessageRef, b: MessageRef) => a.room === b.room && a.id === b.id;
