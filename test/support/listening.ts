import { readFile } from 'node:fs/promises';

/**
 * The addresses sockets listen on for TCP `port`, as the kernel reports them (/proc/net/tcp and tcp6):
 * `127.0.0.1`, `0.0.0.0`, `::`... What a process was asked to bind is beside the point; this is what it did.
 */
export async function listeningAddresses(port: number): Promise<string[]> {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const found: string[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const lines = (await readFile(table, 'utf8').catch(() => '')).split('\n').slice(1);
    for (const line of lines) {
      const [, local, , state] = line.trim().split(/\s+/);
      const [address, localPort] = (local ?? '').split(':');
      // 0A: LISTEN.
      if (state === '0A' && localPort === hexPort && address) found.push(addressOf(address));
    }
  }
  return found;
}

/** The kernel writes addresses as hex words in host byte order (little-endian here). */
function addressOf(hex: string): string {
  const bytes = (word: string) => (word.match(/../g) ?? []).reverse().map((b) => Number.parseInt(b, 16));
  if (hex.length === 8) return bytes(hex).join('.');
  const words = (hex.match(/.{8}/g) ?? []).flatMap(bytes);
  const groups = [];
  for (let i = 0; i < 16; i += 2) groups.push((((words[i] ?? 0) << 8) | (words[i + 1] ?? 0)).toString(16));
  return groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
}
