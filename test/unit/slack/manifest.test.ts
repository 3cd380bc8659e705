import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ADD_TO_EVIDENCE, OPEN_FROM_MESSAGE } from '../../../src/slack/listeners';

const root = path.resolve(__dirname, '../../..');

/**
 * The bot scopes each Web API method calma calls needs (from each method's page on api.slack.com).
 * Public and private incident channels both exist, so channel methods need both families.
 */
const SCOPES: Record<string, string[]> = {
  'auth.test': [],
  'bookmarks.add': ['bookmarks:write'],
  'chat.getPermalink': [],
  'chat.postEphemeral': ['chat:write'],
  // chat:write.public: the announcements channel may be one calma was never invited to.
  'chat.postMessage': ['chat:write', 'chat:write.public'],
  'chat.update': ['chat:write'],
  'conversations.archive': ['channels:manage', 'groups:write'],
  'conversations.create': ['channels:manage', 'groups:write'],
  'conversations.history': ['channels:history', 'groups:history'],
  'conversations.invite': ['channels:manage', 'groups:write'],
  'conversations.open': ['im:write'],
  'conversations.replies': ['channels:history', 'groups:history'],
  'conversations.setTopic': ['channels:manage', 'groups:write'],
  // filesUploadV2 calls files.getUploadURLExternal and files.completeUploadExternal.
  'files.uploadV2': ['files:write'],
  'pins.add': ['pins:write'],
  'usergroups.users.list': ['usergroups:read'],
  'users.info': ['users:read'],
  'users.conversations': ['channels:read', 'groups:read'],
  // Approval links go by DM to approvers not in the incident's channel (public or private).
  'conversations.members': ['channels:read', 'groups:read'],
  'views.open': [],
};
/** Scopes that come from features rather than method calls. */
const FEATURE_SCOPES = { command: 'commands', reaction_added: 'reactions:read' };

function methodsCalled(): string[] {
  const dir = path.join(root, 'src/slack');
  const source = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => readFileSync(path.join(dir, f), 'utf8'))
    .join('\n');
  const calls = source.matchAll(/client\.([a-z]+(?:\.[a-z]+)?)\.([a-zA-Z]+)\(/g);
  // The client's helpers that wrap several methods: `client.filesUploadV2(` → `files.uploadV2`.
  const helpers = source.matchAll(/client\.([a-z]+)([A-Z][a-zA-Z0-9]*)\(/g);
  return [
    ...new Set([
      ...[...calls].map(([, family, method]) => `${family}.${method}`),
      ...[...helpers].map(
        ([, family, method = '']) => `${family}.${method[0]?.toLowerCase()}${method.slice(1)}`,
      ),
    ]),
  ].sort();
}

describe('slack-app-manifest.yml', () => {
  const manifest = parse(readFileSync(path.join(root, 'slack-app-manifest.yml'), 'utf8'));

  test('GIVEN the Web API methods calma calls WHEN the manifest is read THEN it asks for exactly the scopes they need', () => {
    const unknown = methodsCalled().filter((m) => !(m in SCOPES));
    expect(unknown).toEqual([]); // a new method: add its scopes to the table above, and to the manifest
    const needed = new Set([
      ...methodsCalled().flatMap((m) => SCOPES[m] ?? []),
      ...Object.values(FEATURE_SCOPES),
    ]);

    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
  });

  test('GIVEN the manifest WHEN read THEN it has /crisis with escaped mentions, the message shortcuts, interactivity and the capture event', () => {
    expect(manifest.features.slash_commands).toEqual([
      expect.objectContaining({ command: '/crisis', should_escape: true }),
    ]);
    // Every message shortcut calma listens for, and no other.
    expect(manifest.features.shortcuts).toEqual([
      expect.objectContaining({ type: 'message', callback_id: OPEN_FROM_MESSAGE }),
      expect.objectContaining({ type: 'message', callback_id: ADD_TO_EVIDENCE }),
    ]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['reaction_added']);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });
});
