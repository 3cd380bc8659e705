/**
 * Template placeholders: `{account}`, `{next_update}`. A playbook's statement template is filled, not
 * pasted: what calma knows fills itself, the author is asked the rest, and a statement that still holds
 * one can never be approved (src/core/statement.ts).
 */

/** A placeholder as templates write it: a word in braces (`{not_affected}`, `{spokesperson_role}`). */
const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_-]{0,40})\}/g;

/** The placeholders left in a text, each once, in the order they first appear (without braces). */
export function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ''))];
}

/**
 * The text with each placeholder that has a value replaced by it. A value left empty (or never given)
 * keeps its placeholder, so nothing unanswered slips through as a blank.
 */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string | undefined>>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = Object.hasOwn(values, name) ? values[name]?.trim() : undefined;
    return value ? value : whole;
  });
}

/** How a refusal names the placeholders still to fill: `{account}, {affected}`. */
export const braced = (names: readonly string[]): string => names.map((name) => `{${name}}`).join(', ');

/**
 * The answer that leaves out a template's optional field (a reassurance the team cannot stand behind
 * yet): its whole line goes, so the published text has no hole. An empty answer still keeps the
 * placeholder, as everywhere: leaving something out is a decision, never a field forgotten.
 */
export const LEAVE_OUT = '-';

/**
 * The text without the lines holding one of these placeholders. A line that was a paragraph of its own
 * takes one of the blank lines around it along, so no gap is left where it stood.
 */
export function withoutLines(text: string, names: readonly string[]): string {
  const lines = text.split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] as string;
    if (!names.some((name) => line.includes(`{${name}}`))) {
      kept.push(line);
      continue;
    }
    const blankBefore = kept.length === 0 || (kept.at(-1) as string).trim() === '';
    if (blankBefore && (lines[i + 1] ?? '').trim() === '') i += 1;
  }
  return kept.join('\n').trim();
}
