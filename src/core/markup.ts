import { randomBytes } from 'node:crypto';
import type { UserId } from './types';

/**
 * calma's deliberate markup inside card text: mentions and room links, as opaque marks that no outside
 * text can forge. A mark is delimited by two private-use characters and carries a nonce drawn when the
 * process starts; cards are built and rendered in the same process (never stored rendered), so a mark
 * whose nonce is not this process's is data, whatever it looks like. Each adapter's renderer turns
 * marks into its platform's mentions and everything else into text its platform shows literally.
 */

const OPEN = '\uE000';
const CLOSE = '\uE001';
const NONCE = randomBytes(8).toString('hex');

/** A piece of card text: untrusted text, a person (or group / role) to mention, or a room to link. */
export type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'user'; id: UserId }
  | { kind: 'room'; id: string; name: string };

/** A mention of `user` (a Slack user group `S…` or a Discord role `&…` included), for card text. */
export function userMark(user: UserId): string {
  return `${OPEN}${NONCE}@${encodeURIComponent(user)}${CLOSE}`;
}

/** A link to a room, for card text; `name` is what platforms without links show. */
export function roomMark(room: { id: string; name: string }): string {
  return `${OPEN}${NONCE}#${encodeURIComponent(room.id)}|${encodeURIComponent(room.name)}${CLOSE}`;
}

/**
 * Card text with this process's nonce taken out of its marks: the same in every process, to compare what
 * two processes drew (never to render: what it returns holds no marks).
 */
export function comparableText(text: string): string {
  return text.replaceAll(NONCE, '');
}

const MARK = new RegExp(
  `${OPEN}${NONCE}(?:@([^${CLOSE}|]*)|#([^${CLOSE}|]*)\\|([^${CLOSE}|]*))${CLOSE}`,
  'g',
);

/**
 * What can never reach a platform: C0 and C1 control characters but tab and line feed (NUL, ESC, which
 * would drive a terminal), the bidirectional overrides and isolates (which make a URL read backwards),
 * and the mark delimiters themselves.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uE000\uE001]/g;

/** Text without the characters above; a CR LF or lone CR line break becomes LF. */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(UNSAFE, '');
}

function decode(part: string): string {
  try {
    return cleanText(decodeURIComponent(part));
  } catch {
    return '';
  }
}

/** Card text as segments: this process's marks, and cleaned text between them (empty texts dropped). */
export function segments(text: string): Segment[] {
  const out: Segment[] = [];
  const push = (piece: string) => {
    const clean = cleanText(piece);
    if (clean) out.push({ kind: 'text', text: clean });
  };
  let last = 0;
  for (const match of text.matchAll(MARK)) {
    push(text.slice(last, match.index));
    const [, user, room, name] = match;
    if (user !== undefined) out.push({ kind: 'user', id: decode(user) });
    else out.push({ kind: 'room', id: decode(room ?? ''), name: decode(name ?? '') });
    last = match.index + match[0].length;
  }
  push(text.slice(last));
  return out;
}

/** Card text with each mark replaced by what `render` makes of it, and the text between by `text`. */
export function renderMarks(
  text: string,
  render: { text(text: string): string; user(id: UserId): string; room(id: string, name: string): string },
): string {
  // Most card text holds no mark: one piece of text (what `segments` would make of it, without its work).
  if (!text.includes(OPEN)) {
    const clean = cleanText(text);
    return clean ? render.text(clean) : '';
  }
  return segments(text)
    .map((s) =>
      s.kind === 'text'
        ? render.text(s.text)
        : s.kind === 'user'
          ? render.user(s.id)
          : render.room(s.id, s.name),
    )
    .join('');
}
