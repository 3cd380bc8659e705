/**
 * What the Discord gateway fail-over tests and the replicas bench look at on the Discord fake: the
 * live gateway sessions (one per holder), a `/crisis open` sent as an interaction, and every callback
 * calma sent for an interaction (a second one, answered twice, is refused with 400).
 */
import type { APIInteraction } from 'discord.js';
import { slashCommand, stringOption } from './discord-payloads';
import type { FakeDiscord, FakeInteraction } from './fake-discord';

export const liveSessions = (fake: FakeDiscord) => fake.gateway.sessions.filter((session) => session.socket);

/** A `/crisis open hacked-account sev1 <title>` interaction, sent to every live gateway session. */
export function openCrisis(fake: FakeDiscord, title: string): FakeInteraction {
  return fake.sendInteraction(
    slashCommand('open', [
      stringOption('playbook', 'hacked-account'),
      stringOption('severity', 'sev1'),
      stringOption('title', title),
    ]) as APIInteraction,
  );
}

export const callbacksFor = (fake: FakeDiscord, id: string) =>
  fake.calls.filter((call) => call.method === 'POST' && call.path.startsWith(`/interactions/${id}/`));
