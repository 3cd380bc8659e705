import { z } from 'zod';
import { defineCommand, incidentArg, option } from '../src/app/command';
import type { Caller, Deps, Reply } from '../src/app/deps';
import { announce, callerLocale, forCaller, mutateIncident, problem } from '../src/app/mutate';
import { targetIncident } from '../src/app/target';
import { followupsCard } from '../src/cards/followup';
import { numbered, parseNumbered, parseUser } from '../src/core/command';
import { addFollowup, completeFollowup, MAX_FOLLOWUP_CHARS } from '../src/core/followup';
import type { Reader } from '../src/core/grammar';
import { fail, ok } from '../src/core/result';
import type { UserId } from '../src/core/types';
import { translator } from '../src/i18n';

export type FollowupCommand =
  | { incident?: number; verb: 'add'; text: string; owner?: UserId }
  | { incident?: number; verb: 'done'; followup: number }
  | { incident?: number; verb: 'list' };

/**
 * `/crisis followup <text> [@owner]` adds a follow-up action (F1, F2…), before or after closing; its
 * owner is reminded until it is done. `/crisis followup done F1` marks it done (anyone may: the timeline
 * says who), `/crisis followup` alone lists them.
 */
export async function followup(deps: Deps, caller: Caller, command: FollowupCommand): Promise<Reply> {
  if (command.verb === 'list') return listFollowups(deps, caller, command.incident);
  const result =
    command.verb === 'add'
      ? await mutateIncident(deps, caller, command.incident, (incident, now) =>
          addFollowup(
            incident,
            { text: command.text, ...(command.owner === undefined ? {} : { owner: command.owner }) },
            caller.user,
            now,
          ),
        )
      : await mutateIncident(deps, caller, command.incident, (incident, now) =>
          completeFollowup(incident, command.followup, caller.user, now),
        );
  if (!result.ok) return problem(callerLocale(deps, caller), result.error);
  const incident = result.value;
  const t = translator(incident.locale, deps.timeZone);
  const who = deps.chat.mention(caller.user);
  if (command.verb === 'done') {
    const done = incident.followups?.find((f) => f.n === command.followup);
    return announce(deps, caller, incident, [
      { lines: [t('followup.done', { n: command.followup, who, text: done?.text ?? '' })], tone: 'success' },
    ]);
  }
  const added = incident.followups?.at(-1);
  if (!added) throw new Error(`incident #${incident.seq} lost the follow-up just added`);
  // The owner hears the reminders where they are posted: in the incident room.
  if (added.owner && incident.room) await deps.chat.invite(incident.room, [added.owner]);
  const line = added.owner
    ? t('followup.added', { n: added.n, who, text: added.text, owner: deps.chat.mention(added.owner) })
    : t('followup.addedNoOwner', { n: added.n, who, text: added.text });
  return announce(deps, caller, incident, [{ lines: [line], tone: 'info' }]);
}

async function listFollowups(deps: Deps, caller: Caller, seq: number | undefined): Promise<Reply> {
  const target = await targetIncident(deps, caller, seq);
  if (!target.ok) return problem(callerLocale(deps, caller), target.error);
  const incident = target.value;
  return {
    cards: [
      followupsCard(incident, translator(incident.locale, forCaller(deps, caller).timeZone), (u) =>
        deps.chat.mention(u),
      ),
    ],
  };
}

/** A new follow-up's text, its owner an @mention at the very end (`followup Rotate the API keys @ana`). */
const followupBody: Reader = {
  key: 'text',
  tail: true,
  read(input, at) {
    const rest = input.textFrom(at);
    const last = input.tokens.at(-1) ?? '';
    const owner = parseUser(last);
    const body = owner ? rest.slice(0, rest.lastIndexOf(last)).trim() : rest;
    if (!body) return fail('followup.empty');
    input.values.text = body;
    if (owner) input.values.owner = owner;
    return ok(input.tokens.length);
  },
};

const doneUsage = { key: 'followup.doneUsage' };

export const followupCommand = defineCommand({
  name: 'followup',
  names: { es: 'seguimiento', fr: 'suivi' },
  args: z.discriminatedUnion('verb', [
    z.object({
      verb: z.literal('add'),
      incident: incidentArg,
      text: z.string(),
      owner: z.string().optional(),
    }),
    z.object({ verb: z.literal('done'), incident: incidentArg, followup: z.number() }),
    z.object({ verb: z.literal('list'), incident: incidentArg }),
  ]),
  verbs: {
    add: {
      names: { es: 'añadir', fr: 'ajouter' },
      typed: false,
      read: [followupBody],
      options: [
        option.string('text', 'followupText', { required: true, max: MAX_FOLLOWUP_CHARS }),
        option.mentionable('owner', 'owner', false),
        option.incident(),
      ],
    },
    // `done F1`; `done` followed by other words is a follow-up's text (`followup done deal review`).
    done: {
      names: { es: 'hecho', fr: 'fait' },
      when: (next) => next === undefined || parseNumbered('F', next) !== null,
      read: [numbered('followup', 'F', doneUsage)],
      extra: doneUsage,
      options: [option.integer('followup', 'followup', { required: true }), option.incident()],
    },
    list: { names: { es: 'lista', fr: 'liste' }, typed: false, options: [option.incident()] },
  },
  // Alone, the follow-ups are listed; anything else is a new one.
  otherwise: (tokens) => ok(tokens.length === 0 ? 'list' : 'add'),
  usage: (a) => `followup [<${a('text')}> [@${a('owner')}] | done F<n>]`,
  help: 'help.followup',
  access: 'anyone',
  run: followup,
});
