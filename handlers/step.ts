import { z } from 'zod';
import { defineCommand, incidentArg, option, type TypedOption } from '../src/app/command';
import type { Caller, Deps, Reply } from '../src/app/deps';
import { announce, callerLocale, mutateIncident, problem } from '../src/app/mutate';
import { currentStepCard, playbookOf } from '../src/app/room';
import { targetIncident } from '../src/app/target';
import { local } from '../src/cards/format';
import type { Card } from '../src/core/card';
import { digits, singleSpaced, text, user } from '../src/core/command';
import { assignStep, completeStep, currentStep, skipStep } from '../src/core/incident';
import { fail, ok, type Result } from '../src/core/result';
import type { Change, Incident, UserId } from '../src/core/types';
import { translator } from '../src/i18n';

export type StepCommand =
  | { incident?: number; verb: 'show' | 'done'; step?: number }
  | { incident?: number; verb: 'skip'; step?: number; reason: string }
  | { incident?: number; verb: 'assign'; step?: number; user: UserId };

/** `/crisis step [done|skip|assign] [N]` and the Done / Skip / Assign buttons of a step card. */
export async function step(deps: Deps, caller: Caller, command: StepCommand): Promise<Reply> {
  if (command.verb === 'show') return show(deps, caller, command.incident);
  // Without a number, the command is about the step the team is on now.
  let index = -1;
  const result = await mutateIncident(deps, caller, command.incident, (incident, now): Result<Change> => {
    const found = command.step ?? currentStep(incident);
    if (found === null) return fail('step.allDone', { seq: incident.seq });
    index = found;
    if (command.verb === 'skip') return skipStep(incident, found, command.reason, caller.user, now);
    if (command.verb === 'assign') return assignStep(incident, found, command.user, caller.user, now);
    return completeStep(incident, playbookOf(deps, incident), found, caller.user, now);
  });
  if (!result.ok) return problem(callerLocale(deps, caller), result.error);
  const incident = result.value;
  if (command.verb === 'assign' && incident.room) await deps.chat.invite(incident.room, [command.user]);
  const cards = [recordCard(deps, caller, command, incident, index)];
  if (command.verb !== 'assign') {
    const next = currentStepCard(deps, incident);
    const t = translator(incident.locale, deps.timeZone);
    cards.push(next ?? { lines: [t('step.allDoneNow')], tone: 'success' });
  }
  return announce(deps, caller, incident, cards);
}

/** What the room reads: who did what to which step. */
function recordCard(
  deps: Deps,
  caller: Caller,
  command: StepCommand,
  incident: Incident,
  index: number,
): Card {
  const t = translator(incident.locale, deps.timeZone);
  const stepTitle = playbookOf(deps, incident).steps[index]?.title;
  const params = {
    step: index + 1,
    title: stepTitle ? local(stepTitle, t) : '',
    who: deps.chat.mention(caller.user),
  };
  switch (command.verb) {
    case 'skip':
      return { lines: [t('step.skippedBy', { ...params, reason: command.reason })], tone: 'warning' };
    case 'assign':
      return { lines: [t('step.assignedTo', { ...params, user: deps.chat.mention(command.user) })] };
    default:
      return { lines: [t('step.doneBy', params)], tone: 'success' };
  }
}

async function show(deps: Deps, caller: Caller, seq?: number): Promise<Reply> {
  const target = await targetIncident(deps, caller, seq);
  if (!target.ok) return problem(callerLocale(deps, caller), target.error);
  const card = currentStepCard(deps, target.value);
  if (card) return { cards: [card] };
  return problem(target.value.locale, { key: 'step.allDone', params: { seq: target.value.seq } });
}

/** The Skip button asks why; the Assign button asks whom. Answers come back as form submissions. */
export function stepForm(
  deps: Deps,
  caller: Caller,
  verb: 'skip' | 'assign',
  seq: number,
  index: number,
): Reply {
  const t = translator(callerLocale(deps, caller), deps.timeZone);
  const number = index + 1;
  const args = [String(seq), String(index)];
  return {
    cards: [],
    form:
      verb === 'skip'
        ? {
            submit: { kind: 'step.skip', args },
            title: t('forms.skipTitle', { step: number }),
            fields: [{ id: 'reason', label: t('forms.skipReason') }],
          }
        : {
            submit: { kind: 'step.assign', args },
            title: t('forms.assignTitle', { step: number }),
            fields: [{ id: 'user', label: t('forms.assignUser'), placeholder: '@name' }],
          },
  };
}

/** `step 3` is step index 2, as the cards number steps from 1. */
const stepNumber = digits('step', (n) => n - 1);
const stepOption = (): TypedOption => option.integer('step', 'step', { read: (n) => Number(n) - 1 });
const target = { incident: incidentArg, step: z.number().optional() };

export const stepCommand = defineCommand({
  name: 'step',
  names: { es: 'paso', fr: 'étape' },
  args: z.discriminatedUnion('verb', [
    z.object({ verb: z.literal(['show', 'done']), ...target }),
    z.object({ verb: z.literal('skip'), ...target, reason: z.string() }),
    z.object({ verb: z.literal('assign'), ...target, user: z.string().min(1) }),
  ]),
  verbs: {
    show: {
      names: { es: 'ver', fr: 'voir' },
      read: [stepNumber],
      options: [stepOption(), option.incident()],
    },
    done: {
      names: { es: 'hecho', fr: 'fait' },
      read: [stepNumber],
      options: [stepOption(), option.incident()],
    },
    skip: {
      names: { es: 'omitir', fr: 'passer', also: ['saltar', 'ignorer'] },
      read: [stepNumber, text('reason', 'single', { key: 'step.skipUsage' })],
      options: [
        option.string('reason', 'skipReason', { required: true, read: (v) => singleSpaced(String(v)) }),
        stepOption(),
        option.incident(),
      ],
    },
    assign: {
      names: { es: 'asignar', fr: 'attribuer', also: ['confier', 'assigner'] },
      read: [stepNumber, user('user', { key: 'step.assignUsage' })],
      options: [option.mentionable('user', 'assignee', true), stepOption(), option.incident()],
    },
  },
  otherwise: (tokens) => (tokens.length === 0 ? ok('show') : fail('step.usage')),
  usage: (a) => `step [done|skip <${a('reason')}>|assign @${a('user')}] [N]`,
  help: 'help.step',
  access: 'step-approvers',
  run: step,
});
