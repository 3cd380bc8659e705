import { MessageFlags, type REST, Routes } from 'discord.js';
import type { Caller, Deps } from '../app/deps';
import { dispatch, type Interaction } from '../app/dispatch';
import { callerLocale } from '../app/mutate';
import { translator } from '../i18n';
import { cardsToMessages } from './render';

/**
 * A deferred Discord interaction as it is guarded in Redis (src/queue/commands.ts `guard`): enough for
 * any calma process to run it again and answer through the interaction's token (valid 15 minutes),
 * should the process that deferred it die before answering.
 */
export interface DiscordJob {
  caller: Caller;
  interaction: Interaction;
  applicationId: string;
  token: string;
}

/**
 * Runs a guarded interaction whose process died, and answers in the deferred reply over REST. The dead
 * process may have done part of it: the handlers' rules make a repeat harmless for most commands.
 */
export async function recoverInteraction(deps: Deps, rest: REST, job: DiscordJob): Promise<void> {
  const reply = await dispatch(deps, job.caller, job.interaction);
  // Too late for a modal (it must be the first answer): say so, as a slow answer does.
  const cards = reply.form
    ? [
        ...reply.cards,
        {
          lines: [translator(callerLocale(deps, job.caller), deps.timeZone)('discord.formTooSlow')],
          tone: 'warning' as const,
        },
      ]
    : reply.cards;
  const [first, ...more] = cardsToMessages(cards);
  const original = Routes.webhookMessage(job.applicationId, job.token, '@original');
  if (!first) {
    await rest.delete(original, { auth: false });
    return;
  }
  await rest.patch(original, { body: first, auth: false });
  for (const message of more) {
    await rest.post(Routes.webhook(job.applicationId, job.token), {
      body: { ...message, flags: MessageFlags.Ephemeral },
      auth: false,
    });
  }
}
