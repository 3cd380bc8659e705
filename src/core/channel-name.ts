/** Slack allows 80 characters in a channel name (Discord 100): the stricter limit serves both. */
export const MAX_CHANNEL_NAME = 80;

/** Letters that NFKD does not split into a base letter + accent. */
const FOLD: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/** ASCII-folded, lowercased words joined by dashes: `"¡Precio 0 €! Crisis"` → `precio-0-crisis`. */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[ßæœøłđðþı]/g, (c) => FOLD[c] ?? '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export interface ChannelNameInput {
  prefix: string;
  seq: number;
  /** Opening time; the date is taken in UTC so every responder's channel name agrees. */
  openedAt: Date;
  title: string;
  /** Practice incidents carry `drill` in their name, so nobody mistakes one for the real thing. */
  drill?: boolean;
}

/**
 * `<prefix>-<seq>-<yyyy-mm-dd>-<slug>`, at most 80 characters, only `a-z0-9-_`. The slug is cut at a
 * word boundary when possible so the name stays readable.
 */
export function channelName(input: ChannelNameInput, suffix = ''): string {
  const prefix = input.prefix.toLowerCase().replace(/[^a-z0-9_-]/g, '') || 'crisis';
  const head = `${prefix}-${input.drill ? 'drill-' : ''}${input.seq}-${input.openedAt.toISOString().slice(0, 10)}`;
  const room = MAX_CHANNEL_NAME - head.length - suffix.length - 1;
  const slug = truncateAtWord(slugify(input.title), room);
  return `${head}${slug ? `-${slug}` : ''}${suffix}`.slice(0, MAX_CHANNEL_NAME);
}

/** The name and then its collision variants (`-2`, `-3`, …) for when the platform says it is taken. */
export function channelNameCandidates(input: ChannelNameInput, count = 5): string[] {
  return Array.from({ length: count }, (_, i) => channelName(input, i === 0 ? '' : `-${i + 1}`));
}

function truncateAtWord(slug: string, max: number): string {
  if (max <= 0) return '';
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max);
  const lastDash = cut.lastIndexOf('-');
  return (lastDash > max / 2 ? cut.slice(0, lastDash) : cut).replace(/-+$/, '');
}
