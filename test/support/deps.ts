import pino from 'pino';
import type { Deps } from '../../src/app/deps';
import { defaultReminderPolicy } from '../../src/config/schema';
import { systemClock } from '../../src/core/types';
import type { PlaybookRegistry } from '../../src/playbook/registry';
import type { IncidentStore } from '../../src/ports/incident-store';

/**
 * The handlers' dependencies as a quiet test (or bench) needs them, minus the chat platform: silent
 * logs, the system clock, English, real playbook minutes, no announcements, no reminders.
 */
export function testDeps(
  store: IncidentStore,
  playbooks: PlaybookRegistry,
  overrides: Partial<Omit<Deps, 'chat'>> = {},
): Omit<Deps, 'chat'> {
  return {
    store,
    playbooks,
    clock: systemClock,
    log: pino({ level: 'silent' }),
    locale: 'en',
    timeZone: 'UTC',
    minuteMs: 60_000,
    channelPrefix: 'crisis',
    responders: [],
    announcements: null,
    playbooksUrl: 'https://git.example/playbooks/{id}.yaml',
    scheduler: null,
    policy: defaultReminderPolicy,
    approvers: {},
    outboundTargets: [],
    outbox: null,
    ...overrides,
  };
}
