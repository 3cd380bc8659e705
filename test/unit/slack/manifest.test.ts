import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '../../..');

/**
 * The bot scopes each Web API method calma calls needs (from each method's page on api.slack.com).
 * Public and private incident channels both exist, so channel methods need both families.
 */
const SCOPES: Record<string, string[]> = {
  'bookmarks.add': ['bookmarks:write'],
  'chat.getPermalink': [],
  'chat.postEphemeral': ['chat:write'],
  // chat:write.public: the announcements channel may be one calma was never invited to.
  'chat.postMessage': ['chat:write', 'chat:write.public'],
  'chat.update': ['chat:write'],
  'conversations.create': ['channels:manage', 'groups:write'],
  'conversations.history': ['channels:history', 'groups:history'],
  'conversations.invite': ['channels:manage', 'groups:write'],
  'conversations.open': ['im:write'],
  'conversations.replies': ['channels:history', 'groups:history'],
  'conversations.setTopic': ['channels:manage', 'groups:write'],
  'pins.add': ['pins:write'],
  'usergroups.users.list': ['usergroups:read'],
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
  return [...new Set([...calls].map(([, family, method]) => `${family}.${method}`))].sort();
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

  test('GIVEN the manifest WHEN read THEN it has /crisis with escaped mentions, the message shortcut, interactivity and the capture event', () => {
    expect(manifest.features.slash_commands).toEqual([
      expect.objectContaining({ command: '/crisis', should_escape: true }),
    ]);
    expect(manifest.features.shortcuts).toEqual([
      expect.objectContaining({ type: 'message', callback_id: 'open_crisis_from_message' }),
    ]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['reaction_added']);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });
});
