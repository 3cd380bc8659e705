import type { Card } from '../core/card';
import { renderMarks } from '../core/markup';

/** How the terminal shows emphasis: ANSI bold on a terminal, plain text in a pipe or a file. */
export interface TextStyle {
  bold(text: string): string;
  dim(text: string): string;
}

export const plainStyle: TextStyle = { bold: (s) => s, dim: (s) => s };
export const ansiStyle: TextStyle = { bold: (s) => `\x1b[1m${s}\x1b[22m`, dim: (s) => `\x1b[2m${s}\x1b[22m` };

const TONE_MARK: Record<NonNullable<Card['tone']>, string> = {
  info: 'ℹ',
  warning: '⚠',
  danger: '🚨',
  success: '✔',
};

/**
 * Text as the terminal shows it: calma's marks as `@name` / `#room`, and nothing that drives a terminal
 * (ESC and the other control characters are dropped), so typed or received text cannot restyle the
 * screen. Styling comes after, from `TextStyle`.
 */
export function consoleText(text: string): string {
  return renderMarks(text, { text: (s) => s, user: (id) => `@${id}`, room: (_, name) => `#${name}` });
}

/**
 * A Card as terminal text; buttons become numbered choices. `firstChoice` continues the numbering across
 * the cards of one reply, so every visible button has its own number.
 */
export function renderCard(card: Card, style: TextStyle, firstChoice: number): string {
  // A text over several lines (a statement) keeps every line indented inside its card.
  const inline = (text: string) =>
    consoleText(text)
      .replace(/\*([^*\n]+)\*/g, (_, s: string) => style.bold(s))
      .replace(/\n/g, '\n  ');
  const out: string[] = [];
  const mark = card.tone ? `${TONE_MARK[card.tone]} ` : '';
  if (card.title) out.push(`${mark}${style.bold(consoleText(card.title))}`);
  for (const [i, line] of (card.lines ?? []).entries()) {
    out.push(`${!card.title && i === 0 ? mark : '  '}${inline(line)}`);
  }
  for (const field of card.fields ?? [])
    out.push(`  ${style.bold(`${consoleText(field.label)}:`)} ${inline(field.value)}`);
  if (card.buttons?.length) {
    out.push(`  ${card.buttons.map((b, i) => `[${firstChoice + i}] ${consoleText(b.label)}`).join('   ')}`);
  }
  if (card.context) out.push(`  ${style.dim(consoleText(card.context))}`);
  return out.join('\n');
}
