/**
 * No Slack call that changes nothing: the room's topic, its pinned summary and the announcement are
 * written only when what they show changes, bursts of changes are written together, and several calma
 * processes sharing one Redis skip the same writes. calma's Slack ChatPort (SlackChat over the Web API
 * client) against the fake Slack, the real Redis store, the shipped playbooks.
 */
import { webApi } from '@slack/bolt';
import type { Redis } from 'ioredis';
import { refreshAnnouncement } from '../../../src/app/announcement';
import type { Caller, Deps } from '../../../src/app/deps';
import { dispatch } from '../../../src/app/dispatch';
import type { Incident } from '../../../src/core/types';
import { ChannelPacer } from '../../../src/pacer';
import { builtinPlaybooksDir, loadPlaybooks } from '../../../src/playbook/loader';
import { PlaybookRegistry } from '../../../src/playbook/registry';
import { SlackChat } from '../../../src/slack/slack-chat';
import { RedisIncidentStore } from '../../../src/store/redis-incident-store';
import { testDeps } from '../../support/deps';
import { type FakeSlack, startFakeSlack } from '../../support/fake-slack';
import { testRedis, uniquePrefix } from '../../support/redis';
import { slackNoOps } from '../../support/slack-no-ops';
import { readable } from './slack-world';

const TEAM = 'T1';
const ana: Caller = { workspace: TEAM, user: 'U0ANA', room: 'C0GENERAL' };

let playbooks: PlaybookRegistry;
let fake: FakeSlack;
let prefix: string;
const connections: Redis[] = [];

beforeAll(async () => {
  playbooks = new PlaybookRegistry((await loadPlaybooks([builtinPlaybooksDir])).playbooks);
});
beforeEach(async () => {
  fake = await startFakeSlack();
  prefix = uniquePrefix();
});
afterEach(async () => {
  await fake.close();
  await Promise.all(connections.splice(0).map((redis) => redis.quit()));
});

/**
 * One calma process: its own Redis connection and Web API client, the test's key prefix. Posts are not
 * paced (a burst of 100): pacing is not what these tests are about, and it would only make them slow.
 */
function calma(): Deps {
  const redis = testRedis();
  connections.push(redis);
  const client = new webApi.WebClient('xoxb-test', { slackApiUrl: fake.apiUrl });
  return {
    ...testDeps(new RedisIncidentStore(redis, prefix), playbooks, { announcements: 'C0ANNOUNCE' }),
    chat: new SlackChat(client, new ChannelPacer(1000, 100)),
  };
}

async function run(deps: Deps, text: string, caller: Caller = ana): Promise<void> {
  const reply = await dispatch(deps, caller, { type: 'command', text });
  const said = JSON.stringify(reply.cards);
  if (/went wrong|not found/i.test(said)) throw new Error(`/crisis ${text}: ${said}`);
}

async function open(deps: Deps): Promise<Incident> {
  await run(deps, 'open hacked-account sev1 Spam from our account');
  const incident = await deps.store.get(TEAM, 1);
  if (!incident?.room || !incident.summary) throw new Error('incident #1 has no room or summary');
  return incident;
}

const inRoom = (incident: Incident): Caller => ({ ...ana, room: incident.room ?? '' });
const topicCalls = () => fake.calls('conversations.setTopic');
const summaryUpdates = (incident: Incident) =>
  fake.calls('chat.update').filter((c) => c.args.ts === incident.summary?.id);

function lastOf<T>(list: readonly T[]): T {
  const last = list[list.length - 1];
  if (last === undefined) throw new Error('none at all');
  return last;
}

async function topicOf(channel: string): Promise<string> {
  const client = new webApi.WebClient('xoxb-test', { slackApiUrl: fake.apiUrl });
  const info = await client.conversations.info({ channel });
  return info.channel?.topic?.value ?? '';
}

describe('no Slack call that changes nothing', () => {
  test('GIVEN an open incident WHEN notes are added THEN neither the topic nor the pinned summary is written again, AND a severity change then writes each once', async () => {
    const deps = calma();
    const incident = await open(deps);
    fake.clearCalls();

    for (const note of ['Spam posts archived', 'Password reset requested', 'Legal informed'])
      await run(deps, `note ${note}`, inRoom(incident));

    expect((await deps.store.timeline(TEAM, 1)).filter((e) => e.kind === 'note')).toHaveLength(3);
    expect(topicCalls()).toHaveLength(0);
    expect(summaryUpdates(incident)).toHaveLength(0);

    await run(deps, 'sev 2', inRoom(incident));

    expect(topicCalls().map((c) => c.args.topic)).toEqual([expect.stringMatching(/^SEV2 · /)]);
    expect(summaryUpdates(incident)).toHaveLength(1);
    expect(slackNoOps(fake.calls())).toEqual({
      setTopic: { calls: 1, same: 0 },
      update: { calls: 1, same: 0 },
    });
  });

  test('GIVEN an open incident WHEN eight changes land at once THEN the summary is updated at most twice and the last update shows the final state', async () => {
    const deps = calma();
    const incident = await open(deps);
    fake.clearCalls();
    const here = inRoom(incident);

    await Promise.all([
      run(deps, 'sev 2', here),
      run(deps, 'role lead <@U0BOB>', here),
      ...['one', 'two', 'three', 'four', 'five', 'six'].map((n) => run(deps, `note ${n}`, here)),
    ]);

    const updates = summaryUpdates(incident);
    expect(updates.length).toBeGreaterThanOrEqual(1);
    expect(updates.length).toBeLessThanOrEqual(2);
    const last = readable(lastOf(updates));
    expect(last).toContain('SEV2 · #1 Spam from our account');
    expect(last).toContain('incident lead: <@U0BOB>');
    expect(topicCalls().length).toBeLessThanOrEqual(2);
    expect(await topicOf(incident.room ?? '')).toBe('SEV2 · open · Incident lead: <@U0BOB>');
    expect(slackNoOps(fake.calls())).toMatchObject({ setTopic: { same: 0 }, update: { same: 0 } });
  });

  test('GIVEN two calma processes on one Redis WHEN one changes the severity and the other then adds a note THEN the other writes neither topic nor summary again, AND concurrent changes from both end with both shown', async () => {
    const a = calma();
    const b = calma();
    const incident = await open(a);
    await run(a, 'sev 2', inRoom(incident));
    fake.clearCalls();

    await run(b, 'note Seen from the second process', inRoom(incident));

    expect(topicCalls()).toHaveLength(0);
    expect(summaryUpdates(incident)).toHaveLength(0);

    await Promise.all([run(a, 'sev 3', inRoom(incident)), run(b, 'role lead <@U0BOB>', inRoom(incident))]);

    const updates = summaryUpdates(incident);
    const last = readable(lastOf(updates));
    expect(last).toContain('SEV3 · #1 Spam from our account');
    expect(last).toContain('incident lead: <@U0BOB>');
    expect(await topicOf(incident.room ?? '')).toBe('SEV3 · open · Incident lead: <@U0BOB>');
    fake.clearCalls();

    await run(a, 'note From the first', inRoom(incident));
    await run(b, 'note From the second', inRoom(incident));

    expect(topicCalls()).toHaveLength(0);
    expect(summaryUpdates(incident)).toHaveLength(0);
  });

  test('GIVEN an announced incident WHEN its announcement is refreshed twice with nothing changed THEN Slack gets one update', async () => {
    const deps = calma();
    const incident = await open(deps);
    fake.clearCalls();

    await refreshAnnouncement(deps, incident);
    await refreshAnnouncement(deps, incident);

    expect(fake.calls('chat.update').filter((c) => c.args.channel === 'C0ANNOUNCE')).toHaveLength(1);
  });
});
