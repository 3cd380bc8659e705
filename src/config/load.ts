import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { redactUrl } from '../log';
import { formatProblem, type Problem, validateYaml } from '../yaml/validate-yaml';
import { type Config, Env, isSecretName, type OutboundTarget, Settings } from './schema';

const DEFAULT_CONFIG_FILE = './calma.yaml';

/** Everything wrong with the configuration, reported at once so one restart fixes them all. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(readonly problems: Problem[]) {
    const count = `${problems.length} problem${problems.length === 1 ? '' : 's'}`;
    super(
      [
        `calma could not start: ${count} in its configuration`,
        ...problems.map((p) => `  ${formatProblem(p)}`),
      ].join('\n'),
    );
  }
}

/**
 * Loads `.env` into `env` (process.env) if the file exists; returns whether it did. Variables already
 * set win, even when empty (so `SLACK_BOT_TOKEN= npm start` switches Slack off for one run).
 *
 * Node's own dotenv parser (`util.parseEnv`, the one behind `process.loadEnvFile` and `--env-file`), but
 * not `process.loadEnvFile` itself: that writes to the real process environment, behind the back of a
 * replaced `process.env` (Jest swaps in a copy), and its don't-override rule is Node's, not ours.
 */
export function loadDotEnv(file = '.env', env: NodeJS.ProcessEnv = process.env): boolean {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT') return false;
    throw new ConfigError([{ file, key: '', message: `cannot be read (${code ?? String(error)})` }]);
  }
  for (const [name, value] of Object.entries(parseEnv(text))) {
    if (value !== undefined && env[name] === undefined) env[name] = value;
  }
  return true;
}

/** Validates the environment and calma.yaml, collecting every problem before throwing a ConfigError. */
export async function loadConfig(env: NodeJS.ProcessEnv = process.env): Promise<Config> {
  const raw = calmaVariables(env);
  const fromEnv = checkEnv(raw);
  const fromFile = await readSettings(raw.CALMA_CONFIG);
  const outbound = outboundSecrets(fromFile.value, env);
  const problems = [...fromEnv.problems, ...fromFile.problems, ...outbound.problems];
  if (!fromEnv.value || !fromFile.value || !outbound.value || problems.length > 0) {
    throw new ConfigError(problems);
  }
  return {
    env: fromEnv.value,
    settings: fromFile.value,
    outbound: outbound.value,
    locale: fromEnv.value.CALMA_LOCALE ?? fromFile.value.locale,
  };
}

/**
 * calma's variables, trimmed, with empty ones left out: compose's `env_file` passes `FOO=` as an empty
 * string, and a token pasted with a trailing newline fails in ways nobody debugs quickly.
 */
function calmaVariables(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(Env.shape)) {
    const value = env[name]?.trim();
    if (value) out[name] = value;
  }
  return out;
}

interface Checked<T> {
  value?: T;
  problems: Problem[];
}

/** Each outbound target's signing secret, from the variable it names: a target that cannot sign is refused. */
function outboundSecrets(settings: Settings | undefined, env: NodeJS.ProcessEnv): Checked<OutboundTarget[]> {
  const targets = settings?.outbound ?? [];
  const problems: Problem[] = [];
  const value = targets.flatMap((target) => {
    const secret = env[target.secret_env]?.trim();
    if (secret) return [{ name: target.name, url: target.url, secret }];
    problems.push({
      file: 'environment',
      key: target.secret_env,
      message: `missing: the signing secret of outbound target "${target.name}"`,
    });
    return [];
  });
  return { value, problems };
}

function checkEnv(raw: Record<string, string>): Checked<Env> {
  const parsed = Env.safeParse(raw);
  if (parsed.success) return { value: parsed.data, problems: [] };
  const problems = new Map<string, Problem>();
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? '');
    if (problems.has(key)) continue; // one line per variable: the first thing wrong is enough to fix it
    const combination = issue.code === 'custom' && issue.params?.combination === true;
    const message = combination ? issue.message : `${issue.message}${got(key, raw[key])}`;
    problems.set(key, { file: 'environment', key, message });
  }
  return { problems: [...problems.values()] };
}

/** `, got "abc"`, except for secrets (never shown) and URLs (shown without their password). */
function got(name: string, value: string | undefined): string {
  if (value === undefined || isSecretName(name)) return '';
  const shown = name.endsWith('_URL') ? redactUrl(value) : value;
  return `, got ${JSON.stringify(shown.length > 80 ? `${shown.slice(0, 77)}...` : shown)}`;
}

async function readSettings(named: string | undefined): Promise<Checked<Settings>> {
  const file = named ?? DEFAULT_CONFIG_FILE;
  const shown = path.normalize(file);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = errorCode(error);
    // No calma.yaml is the normal first run; a file someone named and that is not there is a mistake.
    if (code === 'ENOENT' && named === undefined) return { value: Settings.parse({}), problems: [] };
    const why =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EISDIR'
          ? 'is a directory'
          : `cannot be read (${code})`;
    const where = path.isAbsolute(file) ? shown : `${shown} (${path.resolve(file)})`;
    return {
      problems: [
        named === undefined
          ? { file: shown, key: '', message: `${why}` }
          : { file: 'environment', key: 'CALMA_CONFIG', message: `names ${where}, which ${why}` },
      ],
    };
  }
  const result = validateYaml(Settings, text, shown);
  // zod reports in schema order; people read a file top to bottom.
  if (!result.ok) return { problems: result.problems.sort(byPosition) };
  const settings = result.value;
  // Relative to the file, so the same calma.yaml works from any working directory (and in Docker).
  if (settings.playbooks_dir !== null) {
    settings.playbooks_dir = path.resolve(path.dirname(file), settings.playbooks_dir);
  }
  return { value: settings, problems: [] };
}

function byPosition(a: Problem, b: Problem): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}
