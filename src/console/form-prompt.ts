import type { Translator } from '../i18n';
import type { Form, FormField } from '../ports/chat';

/** A form being answered in the terminal, one field per line. */
export interface PendingForm {
  form: Form;
  values: Record<string, string>;
}

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
  if (initial) hints.push(t('console.enterKeeps', { value: initial }));
  else if (field.optional) hints.push(t('console.enterSkips'));
  return hints.length > 0 ? `${lines.join('\n')}\n  (${hints.join('; ')})` : lines.join('\n');
}

const YES = new Set(['y', 'yes', 's', 'si', 'sí', 'o', 'oui', 'true', '1']);
const NO = new Set(['n', 'no', 'non', 'false', '0']);

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
