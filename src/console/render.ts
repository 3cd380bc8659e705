import type { Card } from '../core/card';

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
 * A Card as terminal text; buttons become numbered choices. `firstChoice` continues the numbering across
 * the cards of one reply, so every visible button has its own number.
 */
export function renderCard(card: Card, style: TextStyle, firstChoice: number): string {
  // A text over several lines (a statement) keeps every line indented inside its card.
  const inline = (text: string) =>
    text.replace(/\*([^*\n]+)\*/g, (_, s: string) => style.bold(s)).replace(/\n/g, '\n  ');
  const out: string[] = [];
  const mark = card.tone ? `${TONE_MARK[card.tone]} ` : '';
  if (card.title) out.push(`${mark}${style.bold(card.title)}`);
  for (const [i, line] of (card.lines ?? []).entries()) {
    out.push(`${!card.title && i === 0 ? mark : '  '}${inline(line)}`);
  }
  for (const field of card.fields ?? [])
    out.push(`  ${style.bold(`${field.label}:`)} ${inline(field.value)}`);
  if (card.buttons?.length) {
    out.push(`  ${card.buttons.map((b, i) => `[${firstChoice + i}] ${b.label}`).join('   ')}`);
  }
  if (card.context) out.push(`  ${style.dim(card.context)}`);
  return out.join('\n');
}
