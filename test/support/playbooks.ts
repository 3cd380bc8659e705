import path from 'node:path';
import { checkStatement } from '../../src/core/checklist';
import type { Locale } from '../../src/core/types';
import { builtinPlaybooksDir, loadPlaybooks } from '../../src/playbook/loader';
import { PlaybookRegistry } from '../../src/playbook/registry';
import type { Playbook, Step, Text } from '../../src/playbook/schema';

/** Every Text in the playbook, named by where it is, so a failure says which one. */
export function textsOf(playbook: Playbook): [string, Text][] {
  const texts: [string, Text][] = [
    ['title', playbook.title],
    ['description', playbook.description],
    ['posture.why', playbook.posture.why],
    ...playbook.rules.map((rule, i): [string, Text] => [`rules.${i}`, rule]),
  ];
  for (const step of playbook.steps) {
    texts.push([`${step.id}.title`, step.title], [`${step.id}.what`, step.what]);
    if (step.template) texts.push([`${step.id}.template`, step.template]);
    for (const fact of step.platforms ?? []) texts.push([`${step.id}.platforms.${fact.platform}`, fact.how]);
  }
  return texts;
}

/** One shipped playbook for the tests of a describe block; each accessor works once its beforeAll ran. */
export interface ShippedPlaybook {
  /** The playbook as it loaded from its file. */
  playbook(): Playbook;
  /** Every shipped playbook and drill scenario, as calma builds its registry. */
  registry(): PlaybookRegistry;
  /** One of the playbook's steps; an unknown id fails the test instead of reading undefined. */
  step(id: string): Step;
}

/**
 * Loads the library calma ships in a beforeAll of the calling describe block and picks the playbook with
 * this id, after checking that its file loads without a problem (a broken file would otherwise just be
 * left out, and every test would fail on a missing playbook instead of naming what is wrong).
 */
export function useShippedPlaybook(id: string): ShippedPlaybook {
  const file = path.join(builtinPlaybooksDir, `${id}.yaml`);
  let loaded: { playbook: Playbook; registry: PlaybookRegistry } | undefined;

  beforeAll(async () => {
    const { playbooks, scenarios, problems } = await loadPlaybooks([builtinPlaybooksDir]);
    expect(problems.filter((problem) => problem.file === file)).toEqual([]);
    const playbook = playbooks.find((p) => p.id === id);
    if (!playbook) throw new Error(`${file} did not load`);
    loaded = { playbook, registry: new PlaybookRegistry(playbooks, scenarios) };
  });

  // Called at describe time (say, to build test names), the accessors would read nothing yet.
  const current = () => {
    if (!loaded) throw new Error(`useShippedPlaybook('${id}'): use the playbook inside a test`);
    return loaded;
  };
  const playbook = () => current().playbook;
  return {
    playbook,
    registry: () => current().registry,
    step: (stepId) => {
      const found = playbook().steps.find((s) => s.id === stepId);
      if (!found) throw new Error(`no step ${stepId}`);
      return found;
    },
  };
}

/** Each language's text is written for its readers: two languages sharing a text means one was copied. */
export function expectEveryTextWrittenPerLanguage(playbook: Playbook): void {
  for (const [where, text] of textsOf(playbook)) {
    expect({ where, distinct: new Set([text.en, text.es, text.fr]).size }).toEqual({ where, distinct: 3 });
  }
}

/** The step's template, its placeholders filled, covers the whole statement checklist and trips no warning; a failure names the step. */
export function expectStatementPassesChecklist(step: Step, locale: Locale): void {
  const template = step.template?.[locale] ?? '';
  expect({ id: step.id, ...checkStatement(template, locale, { template: true }) }).toMatchObject({
    id: step.id,
    missing: [],
    warnings: [],
  });
}
