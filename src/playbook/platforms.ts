/**
 * The platforms a playbook step can give dated facts for (`platforms:` in a step), with the name a step
 * card shows. Names are the products' own and the same in every language; `meta` is the business side
 * (Business settings, Meta Business Suite), Facebook and Instagram the accounts themselves. A step done
 * elsewhere than on a social network has its service here too: the shop a wrong price is fixed in, the
 * supervisory authority whose form a breach is notified on.
 */
export const PLATFORM_NAMES = {
  meta: 'Meta Business',
  facebook: 'Facebook',
  instagram: 'Instagram',
  threads: 'Threads',
  whatsapp: 'WhatsApp',
  x: 'X',
  tiktok: 'TikTok',
  linkedin: 'LinkedIn',
  youtube: 'YouTube',
  google: 'Google',
  apple: 'Apple',
  bluesky: 'Bluesky',
  mastodon: 'Mastodon',
  discord: 'Discord',
  slack: 'Slack',
  reddit: 'Reddit',
  twitch: 'Twitch',
  snapchat: 'Snapchat',
  pinterest: 'Pinterest',
  telegram: 'Telegram',
  shopify: 'Shopify',
  woocommerce: 'WooCommerce',
  cnil: 'CNIL',
  aepd: 'AEPD',
  ico: 'ICO',
} as const;

export type PlatformId = keyof typeof PLATFORM_NAMES;

export const PLATFORM_IDS = Object.keys(PLATFORM_NAMES) as [PlatformId, ...PlatformId[]];

/** How long a platform fact is trusted: menus and recovery flows change, so a year-old fact is rechecked. */
export const RECHECK_MONTHS = 12;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whether a fact checked on `day` (YYYY-MM-DD) is older than RECHECK_MONTHS at `now`, counted in whole
 * days: on the anniversary itself it is still fine, the day after it is due.
 */
export function recheckDue(day: string, now: Date): boolean {
  const anniversary = new Date(`${day}T00:00:00Z`);
  anniversary.setUTCMonth(anniversary.getUTCMonth() + RECHECK_MONTHS);
  return now.getTime() >= anniversary.getTime() + DAY_MS;
}

/** Whether `day` is later than today anywhere on Earth: a check date nobody can have written yet. */
export function inTheFuture(day: string, now: Date): boolean {
  return Date.parse(`${day}T00:00:00Z`) > now.getTime() + DAY_MS;
}
