import { type Card, encodeAction as encode } from '../core/card';
import { roomMark, userMark } from '../core/markup';
import type { Translator } from '../i18n';
import type { ChatPort, MessageRef, Room, SharedFile } from '../ports/chat';
import { consoleText, renderCard, type TextStyle } from './render';

/**
 * The chat platform of the console: rooms are names, messages are printed. Buttons shown in any message
 * get numbers the user can type; the numbering restarts with every new batch of output.
 */
export class ConsoleChat implements ChatPort {
  private nextId = 1;
  private choices: string[] = [];
  private fresh = false;
  private readonly topics = new Map<string, string>();

  constructor(
    private readonly write: (text: string) => void,
    private readonly style: TextStyle,
    private readonly t: Translator,
  ) {}

  /**
   * Called before handling each input line: the first buttons printed from now on start again at 1, and
   * until then the numbers on screen keep working.
   */
  startBatch(): void {
    this.fresh = true;
  }

  /** The encoded action behind a typed number, if that button is on screen. */
  choice(number: number): string | undefined {
    return this.choices[number - 1];
  }

  async createRoom(_workspace: string, spec: { names: string[]; private: boolean }): Promise<Room> {
    const name = spec.names[0] ?? 'crisis';
    return { id: name, name };
  }

  async invite(room: string, users: string[]): Promise<void> {
    this.note(this.t('console.invited', { users: users.map((u) => this.mention(u)).join(', '), room }));
  }

  async setTopic(room: string, topic: string): Promise<void> {
    if (this.topics.get(room) === topic) return;
    this.topics.set(room, topic);
    this.note(this.t('console.topic', { room, topic }));
  }

  async post(room: string, card: Card): Promise<MessageRef> {
    this.write(`${this.style.dim(consoleText(`#${room} ›`))}\n${this.show(card)}`);
    return { room, id: String(this.nextId++) };
  }

  /** Updates in place have no terminal equivalent; `/crisis status` shows the current summary. */
  async update(_ref: MessageRef, _card: Card): Promise<void> {}

  async pin(_ref: MessageRef): Promise<void> {
    this.note(this.t('console.pinned'));
  }

  async dm(user: string, card: Card): Promise<void> {
    this.write(
      `${this.style.dim(consoleText(this.t('console.dm', { user: this.mention(user) })))}\n${this.show(card)}`,
    );
  }

  async addLink(room: string, title: string, url: string): Promise<void> {
    this.note(this.t('console.link', { room, title, url }));
  }

  async archive(room: string): Promise<void> {
    this.note(this.t('console.archived', { room }));
  }

  /**
   * The file is shown in full: in a terminal there is nowhere else to open it. What goes with it (an SVG
   * chart) is named, not printed: its markup says nothing in a terminal.
   */
  async uploadFile(room: string, file: SharedFile): Promise<void> {
    const header = this.t('console.file', { room, title: file.title, filename: file.filename });
    const body = [...(file.comment ? [file.comment] : []), file.content].map(consoleText);
    const attached = (file.attachments ?? []).map((f) =>
      this.style.dim(consoleText(this.t('console.attached', { title: f.title, filename: f.filename }))),
    );
    this.write([this.style.dim(consoleText(header)), ...body, ...attached].join('\n'));
  }

  /** No user groups here: everyone is themselves. */
  async members(user: string): Promise<string[]> {
    return [user];
  }

  /** Shown as `@user` (see consoleText). */
  mention(user: string): string {
    return userMark(user);
  }

  roomLink(room: Room): string {
    return roomMark(room);
  }

  /** Prints a card meant for the caller only (a reply). */
  reply(card: Card): void {
    this.write(this.show(card));
  }

  /** A line about what the platform did (a topic, a pin), dimmed. */
  private note(text: string): void {
    this.write(this.style.dim(consoleText(text)));
  }

  private show(card: Card): string {
    if (this.fresh && card.buttons?.length) {
      this.choices = [];
      this.fresh = false;
    }
    const text = renderCard(card, this.style, this.choices.length + 1);
    for (const button of card.buttons ?? []) this.choices.push(encode(button.action));
    return text;
  }
}
