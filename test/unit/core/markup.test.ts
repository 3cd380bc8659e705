import type { APIEmbed } from 'discord-api-types/v10';
import fc from 'fast-check';
import { cleanText, roomMark, segments, userMark } from '../../../src/core/markup';
import { cardsToMessages as discordMessages } from '../../../src/discord/render';
import { cardToMessages as slackMessages } from '../../../src/slack/blocks';

/** What people type or tools send to ping a room, impersonate someone or disguise a link. */
const HOSTILE = [
  '<!here>',
  '<!channel>',
  '<!everyone>',
  '<!subteam^S1|@team>',
  '<@U1>',
  '<#C1>',
  '<http://evil.example|official refund form>',
  '@everyone',
  '@here',
  '@channel',
  '<https://x.example/a>',
  '<@123456789012345678>',
  '<@&323456789012345678>',
  '[official refund form](http://evil.example)',
  '\u0000',
  '\u001b[2J',
  '\u202e',
  // Marks typed by hand: with no nonce, and with a made-up one.
  '\uE000@U1\uE001',
  `\uE000${'0'.repeat(16)}@U1\uE001`,
  '\uE000',
  '\uE001',
];

/** Characters that must never reach a platform: controls (but tab and LF), bidi overrides, mark delimiters. */
const unsafeIn = (text: string): string[] =>
  [...text].filter((c) => {
    const code = c.charCodeAt(0);
    const control = (code < 0x20 && c !== '\n' && c !== '\t') || (code >= 0x7f && code <= 0x9f);
    return control || (code >= 0x202a && code <= 0x202e) || c === '\uE000' || c === '\uE001';
  });

describe('marks', () => {
  it('GIVEN text between calma’s marks WHEN split THEN the marks are people and rooms, the rest cleaned text', () => {
    const text = `ask ${userMark('U1')} in ${roomMark({ id: 'C1', name: 'crisis-7' })}\u0000!`;

    expect(segments(text)).toEqual([
      { kind: 'text', text: 'ask ' },
      { kind: 'user', id: 'U1' },
      { kind: 'text', text: ' in ' },
      { kind: 'room', id: 'C1', name: 'crisis-7' },
      { kind: 'text', text: '!' },
    ]);
  });

  it('GIVEN ids with the delimiters’ neighbours (| and roles’ &) WHEN marked THEN they come back as they were', () => {
    expect(segments(userMark('&123|x'))).toEqual([{ kind: 'user', id: '&123|x' }]);
    expect(segments(roomMark({ id: 'a|b', name: 'c|d' }))).toEqual([
      { kind: 'room', id: 'a|b', name: 'c|d' },
    ]);
  });

  it.each(HOSTILE.filter((h) => h.includes('\uE000')))(
    'GIVEN the forged mark %j WHEN split THEN it is text, without its delimiters',
    (forged) => {
      expect(segments(forged).every((s) => s.kind === 'text')).toBe(true);
      expect(
        segments(forged)
          .map((s) => (s.kind === 'text' ? s.text : ''))
          .join(''),
      ).not.toMatch(/[\uE000\uE001]/);
    },
  );

  it('GIVEN control and bidi characters WHEN cleaned THEN only tab and line breaks remain, CR LF as LF', () => {
    expect(cleanText('a\u0000b\u001bc\u007fd\u009be\u202ef\u2066g\th\r\ni\rj')).toBe('abcdefg\th\ni\nj');
  });
});

describe('untrusted text, for any string', () => {
  const hostile = fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom(...HOSTILE));
  const untrusted = fc.array(hostile, { maxLength: 6 }).map((parts) => parts.join(''));

  it('GIVEN a card line with untrusted text around calma’s mention WHEN rendered for Slack THEN the only live token is calma’s', () => {
    fc.assert(
      fc.property(untrusted, untrusted, (before, after) => {
        const card = { title: before, lines: [`${before}${userMark('U0ANA')}${after}`], context: after };

        for (const message of slackMessages(card)) {
          const mrkdwn = [message.text, ...message.blocks.flatMap(mrkdwnOf)].join('\n');
          for (const token of mrkdwn.match(/<[^>]*>?/g) ?? []) expect(token).toBe('<@U0ANA>');
          expect(mrkdwn).not.toMatch(/@(here|channel|everyone)/i);
          expect(unsafeIn(mrkdwn)).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('GIVEN a card line with untrusted text around calma’s mention WHEN rendered for Discord THEN only calma’s mention may ping, and nothing parses everyone', () => {
    fc.assert(
      fc.property(untrusted, untrusted, (before, after) => {
        const card = {
          title: before,
          lines: [`${before}${userMark('123')}${after}`],
          fields: [{ label: before, value: after }],
        };

        for (const message of discordMessages([card])) {
          expect(message.allowed_mentions).toEqual({ parse: [], users: ['123'], roles: [] });
          expect(message.content).toBe('<@123>');
          for (const shown of message.embeds.flatMap(embedTexts)) {
            // A mention or a link Discord would render is calma's; typed ones are escaped (shown as typed).
            for (const m of shown.matchAll(/(\\*)<@[!&]?(\d+)>/g)) {
              expect((m[1]?.length ?? 0) % 2 === 1 || m[2] === '123').toBe(true);
            }
            for (const m of shown.matchAll(/(\\*)\]\(/g)) expect((m[1]?.length ?? 0) % 2).toBe(1);
            expect(shown).not.toMatch(/@(everyone|here)/i);
            expect(unsafeIn(shown)).toEqual([]);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

function embedTexts(embed: APIEmbed): string[] {
  const fields = (embed.fields ?? []).flatMap((f) => [f.name, f.value]);
  return [embed.title ?? '', embed.description ?? '', ...fields, embed.footer?.text ?? ''];
}

function mrkdwnOf(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(mrkdwnOf);
  if (typeof node !== 'object' || node === null) return [];
  const { type, text } = node as { type?: unknown; text?: unknown };
  const own = type === 'mrkdwn' && typeof text === 'string' ? [text] : [];
  return [...own, ...Object.values(node).flatMap(mrkdwnOf)];
}
