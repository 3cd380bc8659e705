import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RedisConnection } from '../redis/connect';

/** The Lua scripts calma runs in Redis, one file each in `lua/` (`<name>.lua`). */
export const SCRIPT_NAMES = [
  'commit-incident',
  'delete-incident',
  'next-seq',
  'claim-links',
  'relink',
  'compare-and-set',
  'message-window',
  'storm-group',
  'triage-repeat',
  'platform-writes',
] as const;
export type ScriptName = (typeof SCRIPT_NAMES)[number];

/**
 * Beside this module: `src/store/lua` under tsx and jest, `dist/src/store/lua` in the build (which
 * `npm run build` copies there, as tsc copies no `.lua`).
 */
export const LUA_DIR = path.join(__dirname, 'lua');

/** Runs a script atomically: its keys (all in one hash slot, for Redis Cluster), then its arguments. */
export type Script = (keys: readonly string[], args: readonly string[]) => Promise<unknown>;

const sources = new Map<ScriptName, string>();

/** A script's text, read once per process. */
export function scriptSource(name: ScriptName): string {
  let lua = sources.get(name);
  if (lua === undefined) {
    lua = readFileSync(path.join(LUA_DIR, `${name}.lua`), 'utf8');
    sources.set(name, lua);
  }
  return lua;
}

type ScriptCommand = (numberOfKeys: number, ...keysAndArgs: string[]) => Promise<unknown>;

/**
 * Defines each script on the connection as an ioredis command (`defineCommand`): sent by its SHA1
 * (EVALSHA), with its text only the first time on a connection or when the server has lost it
 * (NOSCRIPT, after a restart or SCRIPT FLUSH).
 */
export function defineScripts<N extends ScriptName>(
  redis: RedisConnection,
  names: readonly N[],
): Record<N, Script> {
  const scripts = {} as Record<N, Script>;
  for (const name of names) {
    const command = `calma_${name.replaceAll('-', '_')}`;
    redis.defineCommand(command, { lua: scriptSource(name) });
    // defineCommand adds the method at run time: TypeScript cannot know it.
    const run = (redis as unknown as Record<string, ScriptCommand>)[command] as ScriptCommand;
    scripts[name] = (keys, args) => run.call(redis, keys.length, ...keys, ...args);
  }
  return scripts;
}
