import { inTheFuture, PLATFORM_NAMES, RECHECK_MONTHS, recheckDue } from './platforms';
import type { Playbook } from './schema';

/** Something `npm run playbooks:check` says about a playbook that loads fine, at a zod-style path. */
export interface PlaybookWarning {
  path: (string | number)[];
  message: string;
}

/**
 * The platform facts due a recheck at `now` (checked over RECHECK_MONTHS ago) or dated in the future (a
 * typo, or a date made up). Warnings, not problems: a date passing must not stop calma or break a build
 * that changed nothing, but someone has to look at the platform again.
 */
export function platformFactWarnings(playbook: Playbook, now: Date): PlaybookWarning[] {
  return playbook.steps.flatMap((step, index) =>
    (step.platforms ?? []).flatMap((fact, factIndex): PlaybookWarning[] => {
      const path = ['steps', index, 'platforms', factIndex, 'checked'];
      const name = PLATFORM_NAMES[fact.platform];
      if (inTheFuture(fact.checked, now)) {
        return [
          { path, message: `checked ${fact.checked} is in the future: write the day ${name} was checked` },
        ];
      }
      if (recheckDue(fact.checked, now)) {
        return [
          {
            path,
            message: `recheck: ${name} was checked ${fact.checked}, over ${RECHECK_MONTHS} months ago; check the step on ${name} again, fix the text if it changed, and update \`checked\``,
          },
        ];
      }
      return [];
    }),
  );
}

/**
 * The platform facts with no `source`: a date alone says someone looked, not where, so whoever rechecks
 * the fact has nothing to compare it with. A warning like the dates, so such facts stand out without
 * failing a build.
 */
export function unsourcedFactWarnings(playbook: Playbook): PlaybookWarning[] {
  return playbook.steps.flatMap((step, index) =>
    (step.platforms ?? []).flatMap((fact, factIndex): PlaybookWarning[] =>
      fact.source
        ? []
        : [
            {
              path: ['steps', index, 'platforms', factIndex, 'platform'],
              message: `no source: add \`source:\`, the https address of the ${PLATFORM_NAMES[fact.platform]} help page the fact was checked against`,
            },
          ],
    ),
  );
}
