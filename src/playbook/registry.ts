import { LOCALES, type Locale } from '../core/types';
import type { Playbook } from './schema';

/** A keyword phrase as words, with the languages whose keyword list holds it. */
interface Keyword {
  words: string[];
  locales: Set<Locale>;
}

interface Match {
  id: string;
  /** Matched words: a two-word phrase ("cuenta comprometida") says more than one word ("spam"). */
  score: number;
  /** The same, counting only keywords of the incident's language; breaks ties. */
  inLocale: number;
}

/** The playbooks a team can open, by id. Later playbooks with the same id replace earlier ones. */
export class PlaybookRegistry {
  private readonly byId = new Map<string, Playbook>();
  private readonly sorted: Playbook[];
  private readonly keywords = new Map<string, Keyword[]>();

  constructor(playbooks: Iterable<Playbook>) {
    for (const playbook of playbooks) this.byId.set(playbook.id, playbook);
    this.sorted = [...this.byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const playbook of this.sorted) this.keywords.set(playbook.id, keywordsOf(playbook));
  }

  get(id: string): Playbook | undefined {
    return this.byId.get(id);
  }

  /** Every playbook, sorted by id. */
  list(): Playbook[] {
    return [...this.sorted];
  }

  ids(): string[] {
    return this.sorted.map((playbook) => playbook.id);
  }

  /**
   * Playbooks whose keywords appear in an incident title, best first. Keywords of every language
   * count, because a Spanish-speaking team often types its titles in English and the reverse.
   */
  suggest(title: string, locale: Locale): string[] {
    const titleWords = wordsOf(title);
    const matches: Match[] = [];
    for (const [id, keywords] of this.keywords) {
      const match: Match = { id, score: 0, inLocale: 0 };
      for (const keyword of keywords) {
        if (!containsPhrase(titleWords, keyword.words)) continue;
        match.score += keyword.words.length;
        if (keyword.locales.has(locale)) match.inLocale += keyword.words.length;
      }
      if (match.score > 0) matches.push(match);
    }
    // The map iterates in id order and sort is stable, so equal matches stay sorted by id.
    return matches.sort((a, b) => b.score - a.score || b.inLocale - a.inLocale).map((match) => match.id);
  }
}

/** The playbook's keywords, each phrase once even when several languages list it ("spam"). */
function keywordsOf(playbook: Playbook): Keyword[] {
  const byPhrase = new Map<string, Keyword>();
  for (const locale of LOCALES) {
    for (const phrase of playbook.keywords?.[locale] ?? []) {
      const words = wordsOf(phrase);
      if (words.length === 0) continue;
      const key = words.join(' ');
      const keyword = byPhrase.get(key) ?? { words, locales: new Set<Locale>() };
      keyword.locales.add(locale);
      byPhrase.set(key, keyword);
    }
  }
  return [...byPhrase.values()];
}

/** Lowercase words without accents, so "Piraté", "pirate" and "PIRATÉ" are the same word. */
function wordsOf(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/** Whole-word match: "hack" is found in "we got a hack" but not in "hackathon". */
function containsPhrase(words: string[], phrase: string[]): boolean {
  for (let start = 0; start + phrase.length <= words.length; start++) {
    if (phrase.every((word, offset) => words[start + offset] === word)) return true;
  }
  return false;
}
