/**
 * A Spanish- or French-speaking community manager runs a whole incident in the console, from opening to
 * postmortem and stats, and never reads English: no sentence of the English catalogue, and no English
 * text of the playbook, shows in anything calma prints.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Locale } from '../../src/core/types';
import { catalogues } from '../../src/i18n';
import { builtinPlaybooksDir, loadPlaybooks } from '../../src/playbook/loader';
import type { Text } from '../../src/playbook/schema';
import { runCalma } from './console-session';

/** Every string leaf of a catalogue, by its dotted key. */
function leaves(value: unknown, key = ''): [string, string][] {
  if (typeof value === 'string') return [[key, value]];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, key ? `${key}.${k}` : k));
}

/**
 * The English fragments a reader would recognise: the pieces of each English message between its
 * placeholders and markup, of three words or more, that the other language does not share.
 */
function englishFragments(other: Locale): string[] {
  const theirs = new Map(leaves(catalogues[other]));
  return leaves(catalogues.en).flatMap(([key, text]) => {
    if (theirs.get(key) === text) return [];
    return text
      .split(/\{\{[^}]+\}\}|[*`“”«»"():;,.!?\n]|\s[-–·→]\s/)
      .map((piece) => piece.trim())
      .filter((piece) => piece.split(/\s+/).length >= 3 && wordsBeyondSyntax(piece) >= 2);
  });
}

/** Command syntax (`/crisis delete #N`) is what calma parses in every language: only the words beyond it count. */
const COMMAND_WORDS =
  /\/crisis|\b(open|status|list|all|step|done|skip|assign|role|sev|note|update|approve|reject|link|variant|edit|question|answer|evidence|close|reopen|followup|stats|drill|delete|lang|help)\b/g;
const wordsBeyondSyntax = (piece: string) =>
  piece
    .replace(COMMAND_WORDS, ' ')
    .replace(/[#<>[\]|@\d-]|\b[NSQF]\b/g, ' ')
    .split(/\s+/)
    .filter(Boolean).length;

const SCRIPTS: Record<'es' | 'fr', string[]> = {
  es: [
    '/crisis open Bulo sobre nuestro producto en TikTok',
    '1',
    '/crisis sev 2',
    '/crisis role lead @ana',
    '/crisis role approver @bea',
    '/crisis note Capturas guardadas en la carpeta de pruebas',
    '/crisis question ¿Es verdad que el producto es peligroso?',
    '/crisis evidence https://tiktok.example/v/123 El vídeo original',
    '/crisis update Lo que circula es falso: el producto cumple todas las normas. Próxima actualización a las 12:00.',
    '/as bea',
    '/crisis approve 1',
    '/as sam',
    '/crisis step done',
    '/crisis followup Revisar el protocolo de bulos @ana',
    '/crisis status',
    '/crisis list',
    '/crisis close El bulo ya no circula y TikTok retiró el vídeo.',
    '/crisis postmortem',
    '/crisis stats',
    '/crisis help',
  ],
  fr: [
    '/crisis open Rumeur sur notre marque dans la presse',
    '1',
    '/crisis sev 2',
    '/crisis role lead @ana',
    '/crisis role approver @bea',
    '/crisis note Captures rangées dans le dossier de preuves',
    '/crisis question Est-ce vrai que le produit est dangereux ?',
    '/crisis evidence https://presse.example/article/123 L’article d’origine',
    '/crisis update Ce qui circule est faux : le produit respecte toutes les normes. Prochain point à 12 h.',
    '/as bea',
    '/crisis approve 1',
    '/as sam',
    '/crisis step done',
    '/crisis followup Revoir la procédure rumeurs @ana',
    '/crisis status',
    '/crisis list',
    '/crisis close La rumeur ne circule plus et le journal a publié un rectificatif.',
    '/crisis postmortem',
    '/crisis stats',
    '/crisis help',
  ],
};

describe('a whole incident in Spanish or French', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'calma-locale-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each(['es', 'fr'] as const)(
    'GIVEN CALMA_LOCALE=%s WHEN a community manager runs an incident from opening to stats THEN no English shows',
    async (locale) => {
      await writeFile(path.join(dir, 'calma.yaml'), `locale: ${locale}\n`);
      const session = await runCalma(dir, SCRIPTS[locale], {
        CALMA_DATA_DIR: path.join(dir, 'data'),
        CALMA_CONFIG: path.join(dir, 'calma.yaml'),
      });
      expect(session.code).toBe(0);
      const printed = session.stdout;
      // It did run the incident: opened, published, closed with a postmortem.
      expect(printed).toMatch(locale === 'es' ? /La crisis #1 está abierta/ : /La crise n°1 est ouverte/);
      expect(printed).toMatch(locale === 'es' ? /Comunicado público S1/ : /Communiqué S1/);

      const { playbooks } = await loadPlaybooks([builtinPlaybooksDir]);
      const playbookEnglish = playbooks.flatMap((p) => {
        const texts: Text[] = [
          p.title,
          p.description,
          ...p.rules,
          ...p.steps.flatMap((s) => [s.title, s.what, ...(s.platforms ?? []).map((fact) => fact.how)]),
        ];
        return texts.filter((t) => t.en !== t[locale]).map((t) => t.en.split('\n')[0]?.trim() ?? '');
      });
      const leaked = [...englishFragments(locale), ...playbookEnglish].filter(
        (fragment) => fragment.length >= 12 && printed.includes(fragment),
      );
      expect([...new Set(leaked)]).toEqual([]);
    },
    60_000,
  );
});
