/**
 * Report part `noop`: Slack calls that change nothing. A realistic stretch of several incidents worked
 * at once (open; then, side by side in each room, a lead taking steps and the severity, a scribe taking
 * notes, comms taking its role and drafting a statement that gets approved), through calma's Slack
 * ChatPort against the fake Slack, on a throwaway Redis. calma runs as two processes sharing that
 * Redis (each its own connection and Web API client): the lead and the scribe reach one, comms and the
 * approver the other, so both refresh the same rooms at the same time. Slack's calls are then replayed
 * in the order Slack took them: a `conversations.setTopic` that sets the topic the channel has, or a
 * `chat.update` that gives a message the text and blocks it shows, changed nothing. Goal: none (0%).
 *
 * The anchor, in the same run and at the same time (its own workspace, token and channels): the same
 * work with calma's record of what each target shows turned off, so every refresh writes, as calma did
 * before it kept one.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { webApi } from '@slack/bolt';
import { Redis } from 'ioredis';
import type { Caller, Deps } from '../../src/app/deps';
import { dispatch } from '../../src/app/dispatch';
import { ChannelPacer } from '../../src/pacer';
import { builtinPlaybooksDir, loadPlaybooks } from '../../src/playbook/loader';
import { PlaybookRegistry } from '../../src/playbook/registry';
import type { IncidentStore, WriteTicket } from '../../src/ports/incident-store';
import { startPrivateRedis } from '../../src/redis/private-server';
import { SlackChat } from '../../src/slack/slack-chat';
import { RedisIncidentStore } from '../../src/store/redis-incident-store';
import { ONE_APPROVER } from '../../test/support/approval-policy';
import { testDeps } from '../../test/support/deps';
import { startFakeSlack } from '../../test/support/fake-slack';
import { slackNoOps } from '../../test/support/slack-no-ops';
import type { Figure, ReportPart } from './figure';

/** Incidents worked at the same time. */
const INCIDENTS = 6;
const GENERAL = 'C0GENERAL';

export const noopPart: ReportPart = {
  id: 'noop',
  async run(): Promise<Figure[]> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'calma-bench-noop-'));
    const server = await startPrivateRedis({ dataDir: dir, persist: false });
    const redis = new Redis(server.url);
    const second = new Redis(server.url);
    const fake = await startFakeSlack();
    try {
      const playbooks = new PlaybookRegistry((await loadPlaybooks([builtinPlaybooksDir])).playbooks);
      const calma = (token: string, store: IncidentStore): Deps => ({
        ...testDeps(store, playbooks, {
          announcements: 'C0ANNOUNCE',
          approvers: { approver: ['U0BOB'] },
          approvalPolicy: ONE_APPROVER,
        }),
        // As src/slack/app.ts makes it: the Web API client and the per-channel pace of posts.
        chat: new SlackChat(new webApi.WebClient(token, { slackApiUrl: fake.apiUrl }), new ChannelPacer()),
      });
      const stores = [
        new RedisIncidentStore(redis, 'bench-noop'),
        new RedisIncidentStore(second, 'bench-noop'),
      ];
      const runs = await Promise.all([
        workIncidents(
          stores.map((store) => calma('xoxb-calma', store)),
          'T1',
        ),
        workIncidents(
          stores.map((store) => calma('xoxb-anchor', everyWrite(store))),
          'T2',
        ),
      ]);
      const calls = fake.calls();
      const mine = slackNoOps(calls.filter((c) => c.token === 'xoxb-calma'));
      const anchor = slackNoOps(calls.filter((c) => c.token === 'xoxb-anchor'));
      const note = `${INCIDENTS} incidents worked at once by 2 processes, ${runs[0]} commands; anchor: the same with skipping off`;
      return [
        figure(
          '`conversations.setTopic` calls that set the topic it already had',
          mine.setTopic,
          anchor.setTopic,
          note,
        ),
        figure('`chat.update` with the content the message already had', mine.update, anchor.update, note),
      ];
    } finally {
      await fake.close();
      await Promise.all([redis.quit(), second.quit()]);
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    }
  },
};

type Counted = { calls: number; same: number };

const share = (counted: Counted): string =>
  `${((counted.calls === 0 ? 0 : counted.same / counted.calls) * 100).toFixed(0)}% (${counted.same} of ${counted.calls})`;

function figure(measure: string, counted: Counted, anchor: Counted, note: string): Figure {
  return {
    measure,
    calma: share(counted),
    anchor: share(anchor),
    goal: '0%',
    pass: counted.same === 0,
    note,
  };
}

/** calma's store with its record of what platform targets show ignored: every write goes through. */
function everyWrite(store: RedisIncidentStore): IncidentStore {
  return Object.assign(Object.create(store) as RedisIncidentStore, {
    beginWrites: async (_workspace: string, _seq: number, writes: { target: string; digest: string }[]) =>
      writes.map((w): WriteTicket => ({ ...w, ticket: 0 })),
    endWrites: async () => {},
  });
}

/** INCIDENTS incidents in `workspace`, worked at the same time by two processes; returns how many commands ran. */
async function workIncidents(processes: Deps[], workspace: string): Promise<number> {
  const counts = await Promise.all(
    Array.from({ length: INCIDENTS }, (_, i) => workIncident(processes, workspace, i + 1)),
  );
  return counts.reduce((a, b) => a + b, 0);
}

/**
 * One incident: opened from #general, then three people at once in its room. Every command must do what
 * it says (a refusal would make the figures meaningless): returns how many were run.
 */
async function workIncident(processes: Deps[], workspace: string, n: number): Promise<number> {
  const [deps, other] = processes;
  if (!deps || !other) throw new Error('two calma processes are needed');
  const person = (user: string, room = GENERAL): Caller => ({ workspace, user, room });
  let count = 0;
  const run = async (caller: Caller, text: string) => {
    const via = caller.user === 'U0DANA' || caller.user === 'U0BOB' ? other : deps;
    const reply = await dispatch(via, caller, { type: 'command', text });
    count++;
    const said = JSON.stringify(reply.cards);
    if (/went wrong|not found|already|cannot|can't/i.test(said)) throw new Error(`/crisis ${text}: ${said}`);
  };
  const title = `Spam from account ${workspace}-${n}`;
  await run(person('U0ANA'), `open hacked-account sev2 ${title}`);
  const opened = (await deps.store.list(workspace)).find((i) => i.title === title);
  if (!opened?.room) throw new Error(`incident "${n}" has no room`);
  const room = opened.room;
  const seq = opened.seq;
  const lead = async () => {
    await run(person('U0ANA', room), `role lead <@U0ANA> #${seq}`);
    for (let step = 0; step < 3; step++) await run(person('U0ANA', room), `step done #${seq}`);
    await run(person('U0ANA', room), `sev 1 #${seq}`);
  };
  const scribe = async () => {
    for (const text of [
      'Spam posts archived',
      'Password reset',
      'Legal informed',
      'Press asked',
      'Posts down',
    ])
      await run(person('U0CARL', room), `note #${seq} ${text}`);
  };
  const comms = async () => {
    await run(person('U0DANA', room), `role comms <@U0DANA> #${seq}`);
    await run(
      person('U0DANA', room),
      `update #${seq} We are sorry: our account was hacked and posted spam. Do not click its links.`,
    );
    await run(person('U0BOB', room), `approve S1 #${seq}`);
  };
  await Promise.all([lead(), scribe(), comms()]);
  return count;
}
