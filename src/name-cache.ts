/** A name is asked again after this long (people rename themselves, rarely mid-crisis). */
const KEEP_MS = 10 * 60_000;
/** Names remembered at most; the oldest is forgotten first. */
const MAX_NAMES = 1000;

/**
 * The display names a chat adapter looked up, kept briefly so a page that names the same people again
 * (the approval page, reloaded) costs no platform call. Misses are kept too (null: the id is shown), and
 * two lookups of one person at once make one call.
 */
export class NameCache {
  private readonly known = new Map<string, { name: string | null; until: number }>();
  private readonly asking = new Map<string, Promise<string | null>>();

  constructor(private readonly now: () => number = Date.now) {}

  async get(key: string, ask: () => Promise<string | null>): Promise<string | null> {
    const kept = this.known.get(key);
    if (kept && kept.until > this.now()) return kept.name;
    let pending = this.asking.get(key);
    if (!pending) {
      pending = ask()
        .catch(() => null)
        .then((name) => {
          this.known.delete(key);
          this.known.set(key, { name, until: this.now() + KEEP_MS });
          if (this.known.size > MAX_NAMES) this.known.delete(this.known.keys().next().value ?? key);
          return name;
        })
        .finally(() => this.asking.delete(key));
      this.asking.set(key, pending);
    }
    return pending;
  }
}
