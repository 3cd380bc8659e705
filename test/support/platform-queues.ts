import type { Deps } from '../../src/app/deps';
import { defaultReminderPolicy } from '../../src/config/schema';
import type { PlaybookRegistry } from '../../src/playbook/registry';
import { type OutboxService, outboxService } from '../../src/queue/outbox';
import { type Reminders, reminders } from '../../src/queue/reminders';

/**
 * The outbox's timing in chat-platform tests: a failed delivery is retried after 50, 100, 200, 200… ms
 * (plus the per-channel pacing of posts), ten attempts in all; an approval's guard runs 300 ms after it.
 */
export const OUTBOX_TIMING = { retryBaseMs: 50, maxRetryMs: 200, attempts: 10, guardDelayMs: 300 };

/** One platform's reminder queue and statement outbox, as src/main.ts wires them, when a test wants them. */
export interface PlatformQueues {
  reminders?: Reminders;
  outbox?: OutboxService;
  /** What the handlers' dependencies take from them. */
  deps: Pick<Deps, 'scheduler' | 'outbox'>;
  /** Starts the workers, posting through the platform's chat. */
  work(deps: Deps): void;
  stop(): Promise<void>;
}

export function platformQueues(
  platform: string,
  settings: { prefix: string; playbooks: PlaybookRegistry; minuteMs: number },
  wanted: { reminders?: boolean; outbox?: boolean },
): PlatformQueues {
  const redisUrl = process.env.CALMA_TEST_REDIS_URL ?? '';
  const { prefix, playbooks, minuteMs } = settings;
  const timed = wanted.reminders
    ? reminders({ redisUrl, prefix, platform, playbooks, policy: defaultReminderPolicy, minuteMs })
    : undefined;
  const outbox = wanted.outbox
    ? outboxService({ redisUrl, prefix, platform, targets: [], timing: OUTBOX_TIMING })
    : undefined;
  return {
    ...(timed ? { reminders: timed } : {}),
    ...(outbox ? { outbox } : {}),
    deps: { scheduler: timed?.scheduler ?? null, outbox: outbox?.outbox ?? null },
    work(deps) {
      timed?.work(deps);
      outbox?.work(deps);
    },
    async stop() {
      await timed?.stop();
      await outbox?.stop();
    },
  };
}
