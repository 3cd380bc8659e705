import type { Card } from '../core/card';
import type { Names } from '../core/grammar';
import type { Catalogue, MessageKey, Translator } from '../i18n';

/** A placeholder of a usage line, in the reader's language: `help.arg.<name>`. */
export type HelpArg = keyof Catalogue['help']['arg'];

/** What the help shows of a command's definition (handlers/<command>.ts). */
export interface HelpEntry {
  name: string;
  names: Names;
  verbs?: Readonly<Record<string, { names: Names; typed?: boolean }>>;
  usage(arg: (name: HelpArg) => string): string;
  help: MessageKey;
}

/**
 * `/crisis help`: every command with its grammar, in the reader's language. The words a reader
 * replaces are in their language; the command is shown as replies quote it, with the words a Spanish or
 * French reader may type instead.
 */
export function helpCard(t: Translator, playbooks: string[], commands: readonly HelpEntry[]): Card {
  const a = (name: HelpArg) => t(`help.arg.${name}`);
  return {
    title: t('help.title'),
    lines: [
      t('help.intro'),
      ...commands.map((c) => `\`/crisis ${c.usage(a)}\`${ownWords(t, c)} — ${t(c.help)}`),
      t('help.roles'),
      t('help.playbooks', { playbooks: playbooks.join(', ') }),
    ],
    context: t('help.incidentRef'),
  };
}

/** ` (`paso`: `ver`, `hecho`…)`: the command's words in the reader's language, where they differ. */
function ownWords(t: Translator, command: HelpEntry): string {
  if (t.locale === 'en') return '';
  const locale = t.locale;
  const verbs = Object.entries(command.verbs ?? {})
    .filter(([, verb]) => verb.typed !== false)
    .map(([name, verb]) => [name, verb.names[locale]] as const);
  const own = command.names[locale];
  if (own === command.name && verbs.every(([name, word]) => name === word)) return '';
  if (verbs.length === 0) return ` ${t('help.ownWords', { command: own })}`;
  const words = verbs.map(([, word]) => `\`${word}\``).join(', ');
  return ` ${t('help.ownWordsAndVerbs', { command: own, verbs: words })}`;
}
