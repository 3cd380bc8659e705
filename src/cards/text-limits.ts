/**
 * Cutting rendered text to a platform's limits, shared by the adapters. Each platform says where a cut
 * is safe in its own markup (Slack's `&amp;` entities, Discord's `<@id>` mentions); the rest is the
 * same: prefer a line break, then a space, in the second half of the room left; never split a
 * character; say '…' where text was dropped.
 */

export const ELLIPSIS = '…';

/** Where a platform's markup may be cut. */
export interface CutRules {
  /** The largest index ≤ max where the text can be cut hard (through a word) without breaking markup. */
  cut(text: string, max: number): number;
  /** Whether cutting at a line break or space at `i` keeps the markup whole. */
  safe(text: string, i: number): boolean;
}

/** True when cutting at `i` would separate the two halves of one astral character (an emoji, say). */
export function splitsSurrogatePair(text: string, i: number): boolean {
  const before = text.charCodeAt(i - 1);
  const after = text.charCodeAt(i);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

/** Text at most `max` long, ending with a visible '…' when something was cut at `cut`'s safe index. */
export function truncateWith(text: string, max: number, cut: CutRules['cut']): string {
  if (text.length <= max) return text;
  return text.slice(0, cut(text, max - ELLIPSIS.length)) + ELLIPSIS;
}

/**
 * Where to end a piece of at most `max`: the last line break, else the last space, in the second half of
 * the allowed length (a boundary earlier than that would waste a block); else a hard but safe cut.
 * Returns the end of the piece and where the rest starts (after the break, which the block edge replaces).
 */
function breakPoint(text: string, max: number, rules: CutRules): { end: number; next: number } {
  const hard = rules.cut(text, max);
  for (const boundary of [/\n/, /\s/]) {
    for (let i = hard - 1; i >= hard / 2; i--) {
      if (boundary.test(text.charAt(i)) && rules.safe(text, i)) return { end: i, next: i + 1 };
    }
  }
  return { end: hard, next: hard };
}

/** Text as pieces of at most `max`, at most `maxPieces` of them (the last one truncated). */
export function splitText(text: string, max: number, maxPieces: number, rules: CutRules): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max && pieces.length < maxPieces - 1) {
    const { end, next } = breakPoint(rest, max, rules);
    pieces.push(rest.slice(0, end));
    rest = rest.slice(next);
  }
  pieces.push(truncateWith(rest, max, rules.cut));
  return pieces;
}

/** Joins consecutive texts with '\n' as long as the result stays within `max`. */
export function joinWhileFits(texts: string[], max: number): string[] {
  const joined: string[] = [];
  for (const text of texts) {
    const last = joined.at(-1);
    if (last !== undefined && last.length + 1 + text.length <= max)
      joined[joined.length - 1] = `${last}\n${text}`;
    else joined.push(text);
  }
  return joined;
}

/** Platforms reject empty text objects, and whitespace-only ones render as nothing anyway. */
export const isBlank = (text: string): boolean => text.trim() === '';

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
