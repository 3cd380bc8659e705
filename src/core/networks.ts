/**
 * The networks a statement can carry a variant for, their limits, and how each one counts. Checked
 * 2026-12-07 against each network's own documentation (docs/statements.md has the table and sources).
 * Counting is never in UTF-16 units: a family emoji is one grapheme (and two on X), not eleven units.
 */

export const NETWORK_IDS = [
  'x',
  'threads',
  'bluesky',
  'linkedin',
  'instagram',
  'facebook',
  'email_subject',
  'email_body',
  'support_macro',
] as const;
export type NetworkId = (typeof NETWORK_IDS)[number];

/** calma.yaml `networks`: `email` asks for both the subject and the body. */
export const CONFIG_NETWORKS = [
  'x',
  'threads',
  'bluesky',
  'linkedin',
  'instagram',
  'facebook',
  'email',
  'support_macro',
] as const;
export type ConfigNetwork = (typeof CONFIG_NETWORKS)[number];

/** The variants calma.yaml's `networks` asks for, in the order above. */
export function variantNetworks(configured: readonly ConfigNetwork[]): NetworkId[] {
  const wanted = new Set(configured.flatMap((n) => (n === 'email' ? ['email_subject', 'email_body'] : [n])));
  return NETWORK_IDS.filter((id) => wanted.has(id));
}

/**
 * The most calma holds in one variant, whatever the network allows: it fits a Slack modal field (3,000)
 * and a Slack section, like the statement itself. Facebook allows 63,206; nobody reads that in a crisis.
 */
export const MAX_VARIANT_CHARS = 3000;

export interface NetworkLimit {
  /** What the network allows, in its own count. */
  max: number;
  /** How it counts: X's weighted characters, or user-perceived characters (graphemes). */
  counts: 'weighted' | 'graphemes';
}

export const NETWORK_LIMITS: Record<NetworkId, NetworkLimit> = {
  x: { max: 280, counts: 'weighted' },
  bluesky: { max: 300, counts: 'graphemes' },
  threads: { max: 500, counts: 'graphemes' },
  instagram: { max: 2200, counts: 'graphemes' },
  linkedin: { max: 3000, counts: 'graphemes' },
  facebook: { max: 63206, counts: 'graphemes' },
  // A phone's mail list shows about 35 to 45 characters of a subject; 60 keeps the whole subject
  // readable once opened and leaves the first words to carry it (the usual deliverability advice).
  email_subject: { max: 60, counts: 'graphemes' },
  // No limit of their own: calma's bound, the size of a statement.
  email_body: { max: MAX_VARIANT_CHARS, counts: 'graphemes' },
  support_macro: { max: MAX_VARIANT_CHARS, counts: 'graphemes' },
};

/** The limit calma checks: the network's, or calma's own bound when the network allows more. */
export const variantLimit = (network: NetworkId): number =>
  Math.min(NETWORK_LIMITS[network].max, MAX_VARIANT_CHARS);

/**
 * How networks count, as one self-contained function: it closes over nothing outside its own body, so
 * the draft page (src/http/draft-page.ts) serializes it into its inline script and the count a person
 * sees as they type is the very one calma checks. Keep it so: no imports, no module-level names.
 */
export function makeCounter() {
  const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
  /** User-perceived characters (Unicode extended grapheme clusters): 'é' typed as e + accent is one. */
  const graphemes = (text: string): string[] => Array.from(segmenter.segment(text), (s) => s.segment);

  /*
   * X's weighting, from twitter-text's configuration v3 (the one X uses since 2018): every code point
   * weighs 200 (two characters) except those in these ranges, which weigh 100; every emoji, however
   * many code points it has, weighs 200; every URL counts as 23 characters (X wraps it in t.co).
   */
  const scale = 100;
  const heavy = 200;
  const urlLength = 23;
  const light: [number, number][] = [
    [0x0000, 0x10ff], // Latin, Greek, Cyrillic, Hebrew, Arabic… up to Georgian
    [0x2000, 0x200d], // spaces and joiners
    [0x2010, 0x201f], // dashes and quotation marks
    [0x2032, 0x2037], // primes
  ];
  /*
   * URLs as X finds them: with a scheme, starting with `www.`, or a bare domain under a common top-level
   * domain (X knows every one; a bare domain we miss counts its own length, which for a host shorter
   * than 23 characters under-counts: write the scheme to be sure). Trailing punctuation is not the URL's.
   */
  const urlPattern =
    /(?:https?:\/\/|www\.)[^\s<>"]+|\b(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:com|org|net|edu|gov|io|co|app|dev|info|eu|es|fr|uk|de|it|pt|mx|ar|cl|ca|us|be|ch|nl|ly|me)\b(?:\/[^\s<>"]*)?/giu;
  const trailing = /[.,;:!?'")\]]+$/u;
  /** A grapheme X counts as one emoji: pictographs shown as emoji, flags, keycaps, ZWJ sequences. */
  const emoji = /\p{Emoji_Presentation}|\p{Extended_Pictographic}\uFE0F|\p{Regional_Indicator}|\u20E3/u;

  const codePointWeight = (codePoint: number): number =>
    light.some(([from, to]) => codePoint >= from && codePoint <= to) ? scale : heavy;

  function plainWeight(text: string): number {
    let weight = 0;
    for (const grapheme of graphemes(text)) {
      if (emoji.test(grapheme)) {
        weight += heavy;
        continue;
      }
      for (const char of grapheme) weight += codePointWeight(char.codePointAt(0) ?? 0);
    }
    return weight;
  }

  /** A text's length as X counts it against its 280 (NFC first, as X does). */
  function xLength(input: string): number {
    const text = input.normalize('NFC');
    let weight = 0;
    let at = 0;
    for (const match of text.matchAll(urlPattern)) {
      const url = match[0].replace(trailing, '');
      weight += plainWeight(text.slice(at, match.index)) + urlLength * scale;
      at = match.index + url.length;
    }
    weight += plainWeight(text.slice(at));
    return Math.ceil(weight / scale);
  }

  return {
    graphemes,
    xLength,
    /** A text's length as a network counting this way counts it. */
    count: (counts: NetworkLimit['counts'], text: string): number =>
      counts === 'weighted' ? xLength(text) : graphemes(text).length,
  };
}

const counter = makeCounter();
export const { graphemes, xLength } = counter;
export const graphemeCount = (text: string): number => graphemes(text).length;

/** A variant's length as its network counts it. */
export function variantLength(network: NetworkId, text: string): number {
  return counter.count(NETWORK_LIMITS[network].counts, text);
}
