import type { PlaybookClock } from '../core/reminders';
import { type Incident, LOCALES, type Locale } from '../core/types';
import type { Scenario } from './scenario-schema';
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

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The playbooks a team can open, by id, and the drill scenarios that practise them. Later playbooks
 * (scenarios) with the same id replace earlier ones.
 */
export class PlaybookRegistry {
  private readonly byId = new Map<string, Playbook>();
  private readonly sorted: Playbook[];
  private readonly keywords = new Map<string, Keyword[]>();
  private readonly scenarioById = new Map<string, Scenario>();
  private readonly sortedScenarios: Scenario[];

  constructor(playbooks: Iterable<Playbook>, scenarios: Iterable<Scenario> = []) {
    for (const playbook of playbooks) this.byId.set(playbook.id, playbook);
    this.sorted = [...this.byId.values()].sort(byId);
    for (const playbook of this.sorted) this.keywords.set(playbook.id, keywordsOf(playbook));
    for (const scenario of scenarios) this.scenarioById.set(scenario.id, scenario);
    this.sortedScenarios = [...this.scenarioById.values()].sort(byId);
  }

  scenario(id: string): Scenario | undefined {
    return this.scenarioById.get(id);
  }

  /** The drill scenarios, sorted by id: all of them, or those of one playbook. */
  scenarios(playbook?: string): Scenario[] {
    return this.sortedScenarios.filter((s) => playbook === undefined || s.playbook === playbook);
  }

  /**
   * What the reminders of an incident are planned from: its playbook's clock plus, for a drill with a
   * scenario, the scenario's injects. Undefined when the playbook is not loaded.
   */
  clock(incident: Pick<Incident, 'playbook' | 'drill' | 'scenario'>): PlaybookClock | undefined {
    const playbook = this.byId.get(incident.playbook);
    if (!playbook) return undefined;
    const scenario =
      incident.drill && incident.scenario ? this.scenarioById.get(incident.scenario) : undefined;
    return scenario ? { ...playbook, injects: scenario.injects } : playbook;
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
