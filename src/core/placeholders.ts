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
