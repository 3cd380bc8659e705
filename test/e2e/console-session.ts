import { spawn } from 'node:child_process';
import { calmaEntry } from '../support/calma-build';

export interface Session {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `npm start`'s entry point as a user would from a pipe: a fresh process, a clean environment
 * (nothing from the developer's shell or .env leaks in: cwd is a temp dir), the lines on stdin. The
 * entry point is the run's build of it (calma-build.ts), compiled once rather than by tsx each time.
 */
export function runCalma(cwd: string, lines: string[], env: Record<string, string> = {}): Promise<Session> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [calmaEntry('src/main.ts')], {
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
