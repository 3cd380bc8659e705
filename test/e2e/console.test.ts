import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { privateRedisUrl, runCalma } from './console-session';

/** True when something still answers on the URL's port. */
function answers(url: string): Promise<boolean> {
  const { port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('npm start in console mode, driven through a pipe', () => {
  let dir: string;
  const env = () => ({ CALMA_DATA_DIR: path.join(dir, 'data'), CALMA_CONFIG: path.join(dir, 'calma.yaml') });

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'calma-e2e-'));
    await writeFile(path.join(dir, 'calma.yaml'), 'locale: en\n');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('GIVEN no REDIS_URL WHEN a crisis is run, quit and calma started again THEN the incident is intact and the private Redis was stopped', async () => {
    const first = await runCalma(
      dir,
      [
        '/crisis open hacked-account sev1 Our account is posting spam',
        '1',
        '/crisis note Attacker posts archived',
        '/crisis role lead @ana',
        '/crisis sev 2',
        '/crisis status',
        '/crisis list',
        '/quit',
      ],
      env(),
    );
    expect(first.code).toBe(0);
    const out = first.stdout;
    expect(out).toContain('Incident #1 is open in #crisis-1-');
    expect(out).toMatch(/#crisis-1-\d{4}-\d{2}-\d{2}-our-account-is-posting-spam/);
    expect(out).toContain('SEV1 · #1 Our account is posting spam');
    expect(out).toContain('Step 1 of 11: ');
    expect(out).toMatch(/\[1\] Done {3}\[2\] Skip {3}\[3\] Assign/);
    expect(out).toContain('Step 1 done by @sam');
    expect(out).toContain('Step 2 of 11: ');
    expect(out).toContain('Note added to the timeline of incident #1.');
    expect(out).toContain('@ana is now incident lead');
    expect(out).toContain('Severity changed from SEV1 to SEV2 by @sam.');
    expect(out).toMatch(/#1 SEV2 · Our account is posting spam · open · step 2\/11/);
    expect(out.trimEnd().endsWith('Bye. Your incidents are kept for next time.')).toBe(true);

    const url = privateRedisUrl(first.stderr);
    expect(url).toBeDefined();
    expect(await answers(url ?? '')).toBe(false);

    const second = await runCalma(dir, ['/crisis status #1'], env());
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('SEV2 · #1 Our account is posting spam');
    expect(second.stdout).toContain('Incident lead: @ana');
    expect(second.stdout).toContain('step 2 of 11 (done: 1, skipped: 0)');
    expect(second.stdout).toContain('note: Attacker posts archived');
  });

  it('GIVEN the Spanish locale WHEN a crisis is opened without a playbook THEN calma asks in Spanish and opens it from the choice', async () => {
    const session = await runCalma(
      dir,
      ['/crisis open Nos han hackeado la cuenta', '1', '/crisis sev9', '/crisis bogus'],
      { ...env(), CALMA_LOCALE: 'es' },
    );
    expect(session.code).toBe(0);
    expect(session.stdout).toContain('¿Qué protocolo encaja con «Nos han hackeado la cuenta»?');
    expect(session.stdout).toContain('[1] Cuenta hackeada o comprometida');
    expect(session.stdout).toContain('La crisis #1 está abierta en #crisis-1-');
    expect(session.stdout).toContain('La gravedad no está definida.');
    expect(session.stdout).toContain('«9» no es una gravedad.');
    expect(session.stdout).toContain('«bogus» no es un comando de calma.');
    expect(session.stdout).toContain('[1] Hecho');
  });

  it('GIVEN the French locale WHEN a step is skipped from its button THEN calma asks why and records the reason', async () => {
    const session = await runCalma(
      dir,
      ['/crisis open hacked-account sev1 Compte piraté', '2', 'déjà fait par téléphone', '/crisis status'],
      { ...env(), CALMA_LOCALE: 'fr' },
    );
    expect(session.code).toBe(0);
    expect(session.stdout).toContain('La crise n°1 est ouverte dans #crisis-1-');
    expect(session.stdout).toContain('Passer l’étape 1');
    expect(session.stdout).toContain('Motif : déjà fait par téléphone');
    expect(session.stdout).toContain('étape 1 passée (déjà fait par téléphone)');
  });

  it('GIVEN a calma.yaml with wrong values WHEN calma starts THEN it stops with file, line and key of each', async () => {
    await writeFile(path.join(dir, 'calma.yaml'), 'locale: de\nchannels:\n  prefix: "Crisis Room"\n');
    const session = await runCalma(dir, [], env());
    expect(session.code).toBe(1);
    expect(session.stderr).toMatch(/calma\.yaml:1:\d+ locale: /);
    expect(session.stderr).toMatch(/calma\.yaml:3:\d+ channels\.prefix: /);
  });

  it('GIVEN a broken playbook in the team folder WHEN calma starts THEN it stops naming the file, line and key', async () => {
    await writeFile(path.join(dir, 'calma.yaml'), 'playbooks_dir: ./team-playbooks\n');
    const folder = path.join(dir, 'team-playbooks');
    await mkdir(folder);
    await writeFile(
      path.join(folder, 'rumour.yaml'),
      'id: rumour\ntitle: { en: Rumour, es: Rumor, fr: Rumeur }\ndescription: { en: a, es: b, fr: c }\nseverity: ten\nroles: [lead]\nsteps: []\n',
    );
    const session = await runCalma(dir, [], env());
    expect(session.code).toBe(1);
    expect(session.stderr).toMatch(/rumour\.yaml:4:\d+ severity: /);
    expect(session.stderr).toMatch(/rumour\.yaml:6:\d+ steps: /);
  });

  it('GIVEN no redis-server on PATH and no REDIS_URL WHEN calma starts THEN it says how to install one and exits non-zero', async () => {
    const bin = path.join(dir, 'bin');
    await mkdir(bin);
    await symlink(process.execPath, path.join(bin, 'node'));
    const session = await runCalma(dir, ['/crisis list'], { ...env(), PATH: bin });
    expect(session.code).not.toBe(0);
    expect(session.stderr).toContain('sudo apt-get install -y redis-server');
    expect(session.stderr).toContain('brew install redis');
  });
});
