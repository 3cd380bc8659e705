/**
 * On a Redis Cluster, calma's connection as a whole stays up while the primary holding calma's slot is
 * dead: the hand-off must still know that its writes cannot land, and refuse a Slack command in the
 * acknowledgement itself (as with Sentinel or a single Redis) instead of acknowledging it and telling
 * the person 1.5 s later that nothing was changed.
 */
import { Redis } from 'ioredis';
import pino from 'pino';
import { builtinPlaybooksDir, loadPlaybooks } from '../../../src/playbook/loader';
import { PlaybookRegistry } from '../../../src/playbook/registry';
import { type RedisConnection, redisClient, redisKeyPrefix } from '../../../src/redis/connect';
import { type RunningSlack, startSlack } from '../../../src/slack/app';
import { RedisIncidentStore } from '../../../src/store/redis-incident-store';
import { testDeps } from '../../support/deps';
import { type FakeSlack, startFakeSlack } from '../../support/fake-slack';
import { uniquePrefix } from '../../support/redis';
import { ClusterTopology } from '../../support/redis-topology';
import { commandBody, postSigned } from '../../support/slack-request';
import { waitFor } from '../../support/wait-for';

jest.setTimeout(150_000);

const SECRET = 'cluster-handoff-secret';
const REFUSAL = 'Rien n’a été modifié';
let topology: ClusterTopology | undefined;
let fake: FakeSlack | undefined;
let redis: RedisConnection | undefined;
let app: RunningSlack | undefined;

afterAll(async () => {
  await app?.stop();
  redis?.disconnect();
  await fake?.close();
  await topology?.stop();
});

/** Runs one command on one node directly (not through calma). */
async function onNode(port: number, ...args: string[]): Promise<unknown> {
  const node = new Redis({ host: '127.0.0.1', port, maxRetriesPerRequest: 1 });
  node.on('error', () => {});
  try {
    return await node.call(args[0] ?? '', ...args.slice(1));
  } finally {
    node.disconnect();
  }
}

test("GIVEN calma on a Cluster WHEN the primary of calma's slot is down and not yet replaced THEN a French /crisis command is refused in Slack's acknowledgement itself, and once a replica is promoted it is taken again", async () => {
  topology = await ClusterTopology.start({ replicas: 1 });
  const slack = await startFakeSlack();
  fake = slack;
  const prefix = redisKeyPrefix(uniquePrefix(), topology.url);
  const playbooks = new PlaybookRegistry((await loadPlaybooks([builtinPlaybooksDir])).playbooks);
  redis = redisClient(topology.url, { maxRetriesPerRequest: 1 });
  app = await startSlack(
    testDeps(new RedisIncidentStore(redis, prefix), playbooks, { locale: 'fr' }),
    {
      botToken: 'xoxb-test',
      signingSecret: SECRET,
      apiUrl: fake.apiUrl,
      port: 0,
      captureReaction: 'pushpin',
      handOff: { redisUrl: topology.url, prefix },
    },
    pino({ level: 'silent' }),
  );
  const events = `http://127.0.0.1:${app.port}/slack/events`;
  const send = async (text: string, id: string) => {
    const answer = await postSigned(events, commandBody({ text, response_url: slack.responseUrl(id) }), {
      secret: SECRET,
    });
    return answer.body ? (JSON.parse(answer.body) as { text?: string }) : {};
  };
  const topic = prefix.slice(1, -1);
  const primary = await topology.primaryOf(topic);
  // The replica is kept from taking over on its own, so "before promotion" lasts as long as the test needs.
  for (const port of topology.ports)
    await onNode(port, 'CONFIG', 'SET', 'cluster-replica-no-failover', 'yes');
  const roles = await Promise.all(topology.ports.map((port) => onNode(port, 'ROLE')));
  const replica = topology.ports.find((_, i) => {
    const role = roles[i] as [string, string, number];
    return role[0] === 'slave' && Number(role[2]) === primary;
  });
  if (!replica) throw new Error(`no replica of ${primary}`);

  await topology.kill(primary);

  // Once calma has seen the node go (at once, its connection is reset), the acknowledgement says so.
  let attempt = 0;
  await waitFor(
    async () => (await send('note appel avec le fournisseur', `down-${attempt++}`)).text?.includes(REFUSAL),
    30_000,
    "a command refused in the acknowledgement while the slot's primary is down",
  );
  const refused = await send('note appel avec le fournisseur', 'down-last');
  expect(refused.text).toContain(REFUSAL);

  await onNode(replica, 'CLUSTER', 'FAILOVER', 'TAKEOVER');
  expect(await topology.waitForPromotion(topic, primary)).toBe(replica);
  await waitFor(
    async () => (await send('open hacked-account sev1 Spam', `up-${attempt++}`)).text === undefined,
    30_000,
    'a command acknowledged after the promotion',
  );
  await slack.waitForCall('chat.postMessage', (call) => String(call.args.text).startsWith('Étape 1'), 30_000);
});
