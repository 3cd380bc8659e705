import type { Translator } from '../i18n';
import type { Form, FormField } from '../ports/chat';

/** A form being answered in the terminal, one field per line (a long text over several lines). */
export interface PendingForm {
  form: Form;
  values: Record<string, string>;
  /** The lines of the long text being typed or pasted, until the line that ends it. */
  lines?: string[];
}

/**
 * A line holding only this ends a long text (a statement, a reason): a pasted text keeps its lines and
 * blank lines, as in a mail client of old. `.` alone keeps the offered text, or leaves the field empty.
 */
export const END_OF_TEXT = '.';

export function nextField(pending: PendingForm): FormField | undefined {
  return pending.form.fields.find((f) => !(f.id in pending.values));
}

/** The question for a field: its label, then how to answer (numbered options, y/n, what Enter keeps). */
export function question(field: FormField, t: Translator): string {
  const lines = [field.label];
  if (field.type === 'select') {
    (field.options ?? []).forEach((option, i) => {
      lines.push(`  ${i + 1}) ${option.label}`);
    });
  }
  const hints: string[] = [];
  if (field.type === 'checkbox') hints.push(t('console.yesNo'));
  const initial =
    field.type === 'select' ? field.options?.find((o) => o.value === field.initial)?.label : field.initial;
  if (field.type === 'longtext') {
    hints.push(t('console.endWithDot'));
    if (initial) hints.push(t('console.dotKeeps', { value: initial }));
  } else if (initial) hints.push(t('console.enterKeeps', { value: initial }));
  else if (field.optional) hints.push(t('console.enterSkips'));
  return hints.length > 0 ? `${lines.join('\n')}\n  (${hints.join('; ')})` : lines.join('\n');
}

const YES = new Set(['y', 'yes', 's', 'si', 'sí', 'o', 'oui', 'true', '1']);
const NO = new Set(['n', 'no', 'non', 'false', '0']);

/**
 * Takes one typed line for the form's next field: its answer; null when the line is not one (the field
 * is asked again); undefined while a long text goes on (its lines wait in `pending` for the `.` line).
 */
export function take(pending: PendingForm, field: FormField, raw: string): string | null | undefined {
  if (field.type !== 'longtext') return answer(field, raw);
  if (raw.trim() !== END_OF_TEXT) {
    pending.lines = [...(pending.lines ?? []), raw.trimEnd()];
    return undefined;
  }
  const lines = pending.lines ?? [];
  pending.lines = undefined;
  // Blank lines around the text are dropped; those inside it separate its paragraphs.
  const first = lines.findIndex((line) => line.trim() !== '');
  const last = lines.findLastIndex((line) => line.trim() !== '');
  return first < 0 ? (field.initial ?? '') : lines.slice(first, last + 1).join('\n');
}

/** The answer a typed line gives to a field, or null when it is not one (the field is asked again). */
export function answer(field: FormField, line: string): string | null {
  const typed = line.trim();
  if (!typed) return field.initial ?? (field.type === 'checkbox' ? 'false' : '');
  switch (field.type) {
    case 'select': {
      const options = field.options ?? [];
      const byNumber = /^\d+$/.test(typed) ? options[Number(typed) - 1] : undefined;
      return (byNumber ?? options.find((o) => o.value === typed))?.value ?? null;
    }
    case 'checkbox': {
      const word = typed.toLowerCase();
      return YES.has(word) ? 'true' : NO.has(word) ? 'false' : null;
    }
    case 'user':
      return typed.replace(/^@/, '');
    default:
      return typed;
  }
}
