import type { Locale } from './types';

/**
 * Innocuous codenames for incidents that must not leak through a channel list or an announcement (a
 * data breach): a colour and a tree, in the incident's language, ASCII so every platform takes it as a
 * channel name. Picked from a seed (workspace, number, time), so the core stays free of randomness.
 */
const WORDS: Record<
  Locale,
  { colours: string[]; trees: string[]; join: (colour: string, tree: string) => string }
> = {
  en: {
    colours: ['amber', 'blue', 'copper', 'green', 'grey', 'indigo', 'ivory', 'olive', 'silver', 'violet'],
    trees: ['alder', 'aspen', 'birch', 'cedar', 'elm', 'hazel', 'larch', 'maple', 'rowan', 'willow'],
    join: (colour, tree) => `${colour}-${tree}`,
  },
  es: {
    colours: ['ambar', 'azul', 'cobre', 'verde', 'gris', 'indigo', 'marfil', 'oliva', 'plata', 'violeta'],
    trees: ['aliso', 'alamo', 'abedul', 'cedro', 'olmo', 'avellano', 'alerce', 'arce', 'serbal', 'sauce'],
    join: (colour, tree) => `${tree}-${colour}`,
  },
  fr: {
    colours: ['ambre', 'bleu', 'cuivre', 'vert', 'gris', 'indigo', 'ivoire', 'olive', 'argent', 'violet'],
    trees: [
      'aulne',
      'tremble',
      'bouleau',
      'cedre',
      'orme',
      'noisetier',
      'meleze',
      'erable',
      'sorbier',
      'saule',
    ],
    join: (colour, tree) => `${tree}-${colour}`,
  },
};

export function codename(seed: string, locale: Locale): string {
  const hash = fnv1a(seed);
  const words = WORDS[locale];
  const colour = words.colours[hash % words.colours.length] ?? 'blue';
  const tree = words.trees[Math.floor(hash / words.colours.length) % words.trees.length] ?? 'cedar';
  return words.join(colour, tree);
}

/** FNV-1a, 32 bits: a stable, well-spread number from a string. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
