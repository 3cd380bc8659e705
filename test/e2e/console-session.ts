import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const main = path.join(root, 'src/main.ts');

export interface Session {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `npm start`'s entry point as a user would from a pipe: a fresh process, a clean environment
 * (nothing from the developer's shell or .env leaks in: cwd is a temp dir), the lines on stdin.
 */
export function runCalma(cwd: string, lines: string[], env: Record<string, string> = {}): Promise<Session> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [main], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: cwd, USER: 'sam', LOG_LEVEL: 'info', PORT: '0', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(lines.map((l) => `${l}\n`).join(''));
  });
}

/** The private Redis URL calma logged at start-up (JSON log lines on stderr). */
export function privateRedisUrl(stderr: string): string | undefined {
  return /"url":"(redis:\/\/127\.0\.0\.1:\d+)"/.exec(stderr)?.[1];
}
