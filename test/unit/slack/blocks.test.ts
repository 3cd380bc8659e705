import type { types } from '@slack/bolt';
import fc from 'fast-check';
import { type Action, type Card, decodeAction } from '../../../src/core/card';
import { roomMark, userMark } from '../../../src/core/markup';
import {
  cardsToMessages,
  cardToMessages,
  ELLIPSIS,
  escapeMrkdwn,
  MAX_SECTIONS_PER_LINE,
  SLACK_LIMITS,
  type SlackMessage,
} from '../../../src/slack/blocks';

type KnownBlock = types.KnownBlock;

const blocksOf = (messages: SlackMessage[]): KnownBlock[] => messages.flatMap((m) => m.blocks);

const ofType = <T extends KnownBlock['type']>(messages: SlackMessage[], type: T) =>
  blocksOf(messages).filter((b): b is Extract<KnownBlock, { type: T }> => b.type === type);

const textOf = (object: types.TextObject | types.ContextBlockElement | undefined): string =>
  object && 'text' in object && typeof object.text === 'string' ? object.text : '';

const sectionTexts = (messages: SlackMessage[]): string[] =>
  ofType(messages, 'section').flatMap((s) => (s.text ? [textOf(s.text)] : []));

const buttonsOf = (block: types.ActionsBlock): types.Button[] =>
  block.elements.filter((e): e is types.Button => e.type === 'button');

/** A text object Slack accepts: non-blank and within `max`. */
function expectText(text: string, max: number): void {
  expect(text.length).toBeLessThanOrEqual(max);
  expect(text.trim()).not.toBe('');
}

/** Every Block Kit limit a rendered card can hit, checked on each message. */
function expectWithinSlackLimits(messages: SlackMessage[]): void {
  for (const message of messages) {
    expect(message.blocks.length).toBeGreaterThan(0);
    expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
    expect(message.text.length).toBeLessThanOrEqual(SLACK_LIMITS.messageText);
    const actionIds: string[] = [];
    for (const block of message.blocks) {
      switch (block.type) {
        case 'header':
          expectText(block.text.text, SLACK_LIMITS.headerText);
          break;
        case 'section':
          if (block.text) expectText(textOf(block.text), SLACK_LIMITS.sectionText);
          expect(block.fields?.length ?? 0).toBeLessThanOrEqual(SLACK_LIMITS.fieldsPerSection);
          for (const field of block.fields ?? []) expectText(field.text, SLACK_LIMITS.fieldText);
          break;
        case 'actions':
          expect(block.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.actionsElements);
          for (const button of buttonsOf(block)) {
            expect(button.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonText);
            expect(button.value?.length ?? 0).toBeLessThanOrEqual(SLACK_LIMITS.buttonValue);
            actionIds.push(button.action_id ?? '');
          }
          break;
        case 'context':
          expect(block.elements).toHaveLength(1);
          expectText(textOf(block.elements[0]), SLACK_LIMITS.sectionText);
          break;
        case 'divider':
          break;
        default:
          throw new Error(`unexpected block ${block.type}`);
      }
    }
    expect(new Set(actionIds).size).toBe(actionIds.length);
  }
}

const stepCard: Card = {
  title: 'Step 2 of 11 · Lock the account',
  lines: [
    'Change the password and revoke sessions.',
    `Who: Comms lead ${userMark('U123')}`,
    'Due: in 15 min (10:45)',
  ],
  fields: [
    { label: 'Severity', value: 'SEV2' },
    { label: 'Lead', value: userMark('U123') },
  ],
  buttons: [
    { label: 'Done', action: { kind: 'step.done', args: ['42', '1'] }, style: 'primary' },
    { label: 'Skip', action: { kind: 'step.skip', args: ['42', '1'] } },
    { label: 'Assign', action: { kind: 'step.assign', args: ['42', '1'] } },
  ],
  context: '#42 · Hacked account',
  tone: 'warning',
};

const pad3 = (n: number) => String(n).padStart(3, '0');

describe('cardToMessages', () => {
  it('GIVEN a typical step card WHEN rendered THEN it is one message: header, lines, fields, buttons, context', () => {
    const messages = cardToMessages(stepCard);

    expect(messages).toHaveLength(1);
    expect(messages[0]?.text).toBe('Step 2 of 11 · Lock the account');
    expect(messages[0]?.blocks.map((b) => b.type)).toEqual([
      'header',
      'section',
      'section',
      'actions',
      'context',
    ]);
    expect(ofType(messages, 'header')[0]?.text).toEqual({
      type: 'plain_text',
      text: '⚠️ Step 2 of 11 · Lock the account',
      emoji: true,
    });
    expect(sectionTexts(messages)).toEqual([
      'Change the password and revoke sessions.\nWho: Comms lead <@U123>\nDue: in 15 min (10:45)',
    ]);
    expect(ofType(messages, 'section')[1]?.fields).toEqual([
      { type: 'mrkdwn', text: '*Severity*\nSEV2' },
      { type: 'mrkdwn', text: '*Lead*\n<@U123>' },
    ]);
    expect(ofType(messages, 'context')[0]?.elements).toEqual([
      { type: 'mrkdwn', text: '#42 · Hacked account' },
    ]);
    expectWithinSlackLimits(messages);
  });

  it('GIVEN a step card WHEN rendered THEN each button carries its style and a value that decodes to its action', () => {
    const actions = ofType(cardToMessages(stepCard), 'actions');
    const buttons = actions.flatMap(buttonsOf);

    expect(buttons.map((b) => [b.text.text, b.style, b.action_id])).toEqual([
      ['Done', 'primary', 'calma:0'],
      ['Skip', undefined, 'calma:1'],
      ['Assign', undefined, 'calma:2'],
    ]);
    expect(buttons.map((b) => decodeAction(b.value ?? ''))).toEqual(stepCard.buttons?.map((b) => b.action));
  });

  it('GIVEN a card with 120 lines of 100 chars WHEN rendered THEN sections fit 3000 chars and every line is shown', () => {
    const lines = Array.from({ length: 120 }, (_, i) => `line ${pad3(i)} `.padEnd(100, 'x'));

    const messages = cardToMessages({ title: 'Timeline', lines });

    expectWithinSlackLimits(messages);
    const shown = sectionTexts(messages).join('\n');
    for (const line of lines) expect(shown).toContain(line);
    // Joined while they fit: 29 lines of 100 chars + separators per section, not 120 sections.
    expect(ofType(messages, 'section').length).toBe(5);
  });

  it('GIVEN one line far longer than a section WHEN rendered THEN it is split at spaces and its end truncated with …', () => {
    const words = Array.from({ length: 20_000 }, (_, i) => `word${i}`);

    const messages = cardToMessages({ lines: [words.join(' ')] });

    expectWithinSlackLimits(messages);
    const texts = sectionTexts(messages);
    expect(texts).toHaveLength(MAX_SECTIONS_PER_LINE);
    expect(texts.at(-1)?.endsWith(ELLIPSIS)).toBe(true);
    // Split at word boundaries: every piece but the truncated end holds whole words, in order.
    const shownWords = texts.slice(0, -1).flatMap((t) => t.split(' '));
    expect(shownWords).toEqual(words.slice(0, shownWords.length));
  });

  it.each(Array.from({ length: 21 }, (_, k) => k))(
    'GIVEN a long line of entities, mentions and emoji shifted by %i WHEN split THEN none of them is cut',
    (shift) => {
      // No spaces, so every cut is a hard one; the shift moves the cuts across every position of the pattern.
      const line = 'x'.repeat(shift) + `&<😀${userMark('U12345')}x`.repeat(1500);

      const texts = sectionTexts(cardToMessages({ lines: [line] }));

      expect(texts.length).toBeGreaterThan(1);
      for (const text of texts) {
        const body = text.endsWith(ELLIPSIS) ? text.slice(0, -ELLIPSIS.length) : text;
        expect(body).toMatch(/^(&amp;|&lt;|😀|<@U12345>|x)+$/);
      }
    },
  );

  it('GIVEN a long line of mentions between spaces WHEN split at spaces THEN every mention is whole', () => {
    const line = `ask ${userMark('U1')} and ${roomMark({ id: 'C1', name: 'x' })} `.repeat(400);

    const texts = sectionTexts(cardToMessages({ lines: [line] }));

    expect(texts.length).toBeGreaterThan(1);
    for (const text of texts) expect(text.replace(/<@U1>|<#C1>/g, '')).not.toMatch(/[<>]/);
  });

  it('GIVEN lines that together fill exactly 3000 chars WHEN rendered THEN they share a section, one more char does not', () => {
    const section = (a: number, b: number) =>
      ofType(cardToMessages({ lines: ['a'.repeat(a), 'b'.repeat(b)] }), 'section').length;

    expect(section(1500, 1499)).toBe(1);
    expect(section(1500, 1500)).toBe(2);
  });

  it('GIVEN a card needing more than 50 blocks WHEN rendered THEN it continues in another message with the same text', () => {
    // 2000-char lines cannot share a 3000-char section, so each one is a block.
    const lines = Array.from({ length: 80 }, (_, i) => `${pad3(i)} `.padEnd(2000, 'y'));
    const buttons = Array.from({ length: 30 }, (_, i) => ({
      label: `B${i}`,
      action: { kind: 'help' as const, args: [String(i)] },
    }));

    const messages = cardToMessages({ title: 'Long', lines, buttons, context: 'end' });

    expect(messages).toHaveLength(2);
    expectWithinSlackLimits(messages);
    expect(messages.map((m) => m.text)).toEqual(['Long', 'Long']);
    expect(messages[1]?.blocks.map((b) => b.type).slice(-3)).toEqual(['actions', 'actions', 'context']);
    expect(sectionTexts(messages)).toEqual(lines);
    const ids = ofType(messages, 'actions')
      .flatMap(buttonsOf)
      .map((b) => b.action_id);
    expect(new Set(ids).size).toBe(30);
  });

  it('GIVEN 40 buttons WHEN rendered THEN they fill actions blocks of at most 25, with unique action ids', () => {
    const buttons = Array.from({ length: 40 }, (_, i) => ({
      label: `Option ${i}`,
      action: { kind: 'open.pick' as const, args: ['9f86d081', `playbook-${i}`] },
    }));

    const messages = cardToMessages({ title: 'Pick a playbook', buttons });

    const actions = ofType(messages, 'actions');
    expect(actions.map((a) => a.elements.length)).toEqual([25, 15]);
    expect(actions.flatMap(buttonsOf).map((b) => decodeAction(b.value ?? ''))).toEqual(
      buttons.map((b) => b.action),
    );
    expectWithinSlackLimits(messages);
  });

  it('GIVEN a 300-char title WHEN rendered THEN the header is at most 150 chars and ends with …', () => {
    const header = ofType(cardToMessages({ title: 't'.repeat(300), tone: 'danger' }), 'header')[0];

    expect(header?.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
    expect(header?.text.text.startsWith('🚨 ttt')).toBe(true);
    expect(header?.text.text.endsWith(ELLIPSIS)).toBe(true);
  });

  it('GIVEN a 100-char button label WHEN rendered THEN the button text is at most 75 chars and ends with …', () => {
    const card: Card = { buttons: [{ label: 'b'.repeat(100), action: { kind: 'help', args: [] } }] };

    const button = ofType(cardToMessages(card), 'actions').flatMap(buttonsOf)[0];

    expect(button?.text.text).toHaveLength(SLACK_LIMITS.buttonText);
    expect(button?.text.text.endsWith(ELLIPSIS)).toBe(true);
  });

  it('GIVEN 12 fields WHEN rendered THEN they take two sections of 10 and 2', () => {
    const fields = Array.from({ length: 12 }, (_, i) => ({ label: `L${i}`, value: `v${i}` }));

    const sections = ofType(cardToMessages({ title: 'Summary', fields }), 'section');

    expect(sections.map((s) => s.fields?.length)).toEqual([10, 2]);
  });

  it('GIVEN a 2500-char field value WHEN rendered THEN the field is at most 2000 chars and ends with …', () => {
    const section = ofType(
      cardToMessages({ fields: [{ label: 'Note', value: 'v'.repeat(2500) }] }),
      'section',
    )[0];
    const text = section?.fields?.[0]?.text ?? '';

    expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.fieldText);
    expect(text.startsWith('*Note*\nvvv')).toBe(true);
    expect(text.endsWith(ELLIPSIS)).toBe(true);
  });

  it('GIVEN a user-typed title with < & WHEN rendered THEN the header shows it literally and the text is escaped', () => {
    const messages = cardToMessages({ title: 'Price < 0 & "free"' });

    expect(ofType(messages, 'header')[0]?.text.text).toBe('Price < 0 & "free"');
    expect(messages[0]?.text).toBe('Price &lt; 0 &amp; "free"');
  });

  it('GIVEN a card without a title WHEN rendered THEN the tone marks the first line and the text is that line', () => {
    const messages = cardToMessages({ lines: [`Opened by ${userMark('U1')}`, 'second'], tone: 'success' });

    expect(messages[0]?.text).toBe('Opened by <@U1>');
    expect(sectionTexts(messages)).toEqual(['✅ Opened by <@U1>\nsecond']);
  });

  it('GIVEN a card with nothing to show WHEN rendered THEN there is no message', () => {
    expect(cardToMessages({})).toEqual([]);
    expect(cardToMessages({ title: '  ', lines: ['', ' '] })).toEqual([]);
  });

  it('GIVEN an action longer than a button value allows WHEN rendered THEN it throws rather than press another button', () => {
    const card: Card = { buttons: [{ label: 'x', action: { kind: 'help', args: ['a'.repeat(2000)] } }] };

    expect(() => cardToMessages(card)).toThrow(/2000/);
  });
});

describe('escapeMrkdwn', () => {
  it('GIVEN calma’s mention of a user and link to a channel WHEN rendered THEN they are Slack tokens', () => {
    const text = `ping ${userMark('U1')} in ${roomMark({ id: 'C1', name: 'x' })}`;

    expect(escapeMrkdwn(text)).toBe('ping <@U1> in <#C1>');
  });

  it('GIVEN calma’s mention of a user group WHEN rendered THEN it mentions the group, so its members are notified', () => {
    expect(escapeMrkdwn(`for ${userMark('S123')}`)).toBe('for <!subteam^S123>');
  });

  it('GIVEN "a < b & c" WHEN escaped THEN <, & and > are entities', () => {
    expect(escapeMrkdwn('a < b & c > d')).toBe('a &lt; b &amp; c &gt; d');
  });

  it.each([
    ['<!here>'],
    ['<!channel>'],
    ['<!everyone>'],
    ['<!subteam^S1|@team>'],
    ['<@U1>'],
    ['<#C123>'],
    ['<http://evil.example|official refund form>'],
    ['<mailto:press@example.com|press>'],
    ['<javascript:alert(1)|x>'],
    ['<b>bold</b>'],
  ])('GIVEN %s in text WHEN escaped THEN it shows literally, neither a ping nor a disguised link', (text) => {
    expect(escapeMrkdwn(`see ${text}.`)).toBe(
      `see ${text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')}.`,
    );
  });

  it('GIVEN @here, @channel and @everyone typed as plain text WHEN escaped THEN a zero-width space keeps Slack from parsing them', () => {
    expect(escapeMrkdwn('@here @channel @Everyone')).toBe('@\u200bhere @\u200bchannel @\u200bEveryone');
  });

  it('GIVEN a URL as Slack hands over a typed one WHEN escaped THEN it is the bare URL, which Slack links as itself', () => {
    expect(escapeMrkdwn('see <https://x.example/a?b=1&c=2>')).toBe('see https://x.example/a?b=1&amp;c=2');
  });

  it('GIVEN *bold* and `code` WHEN escaped THEN the markup is kept', () => {
    expect(escapeMrkdwn('*bold* and `code`')).toBe('*bold* and `code`');
  });
});

describe('cardsToMessages', () => {
  it('GIVEN three small cards WHEN rendered THEN one message with dividers between and action ids unique across cards', () => {
    const messages = cardsToMessages([stepCard, { title: 'Help', lines: ['hi'] }, stepCard]);

    expect(messages).toHaveLength(1);
    expect(messages[0]?.blocks.filter((b) => b.type === 'divider')).toHaveLength(2);
    expect(messages[0]?.text).toBe(stepCard.title);
    const ids = ofType(messages, 'actions')
      .flatMap(buttonsOf)
      .map((b) => b.action_id);
    expect(ids).toEqual(['calma:0', 'calma:1', 'calma:2', 'calma:3', 'calma:4', 'calma:5']);
    expectWithinSlackLimits(messages);
  });

  it('GIVEN 30 cards of 3 blocks WHEN rendered THEN as few messages as 50 blocks allow, none edged by a divider', () => {
    const cards = Array.from({ length: 30 }, (_, i) => ({ title: `Card ${i}`, lines: ['a'], context: 'c' }));

    const messages = cardsToMessages(cards);

    // 30 × 3 blocks + 29 dividers = 119 blocks → 3 messages (two dividers fall on an edge and are dropped).
    expect(messages).toHaveLength(3);
    expectWithinSlackLimits(messages);
    for (const message of messages) {
      expect(message.blocks[0]?.type).not.toBe('divider');
      expect(message.blocks.at(-1)?.type).not.toBe('divider');
    }
    expect(ofType(messages, 'header').map((h) => h.text.text)).toEqual(cards.map((c) => c.title));
  });

  it('GIVEN no cards WHEN rendered THEN there is no message', () => {
    expect(cardsToMessages([])).toEqual([]);
  });
});

describe('limits, for any input', () => {
  /** Strings that stress escaping and cutting, repeated up to lengths past every limit. */
  const nasty = fc.oneof(
    fc.string({ unit: 'binary' }),
    fc.string({ unit: 'grapheme' }),
    fc.constantFrom(
      '&',
      '<',
      '>',
      userMark('U1'),
      roomMark({ id: 'C1', name: 'x' }),
      '<!here>',
      '<https://e.x|l & m>',
      '😀',
      '\uD800',
      '\uDC00',
      ' ',
      '\n',
    ),
  );
  const longish = fc
    .tuple(fc.array(nasty, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 1500 }))
    .map(([parts, times]) => parts.join('').repeat(times));
  const text = fc.oneof(nasty, longish);

  it('GIVEN any list of lines WHEN rendered THEN every block respects Slack limits, and nothing is lost unless … shows it', () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 60 }), fc.option(text, { nil: undefined }), (lines, title) => {
        const messages = cardToMessages({ title, lines });

        expectWithinSlackLimits(messages);
        const squash = (s: string) => s.replace(/\s/g, '');
        const shown = squash(sectionTexts(messages).join(''));
        if (!shown.includes(ELLIPSIS) && !lines.some((l) => l.includes(ELLIPSIS))) {
          expect(shown).toBe(squash(lines.map(escapeMrkdwn).join('')));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('GIVEN any card WHEN rendered THEN every block respects Slack limits', () => {
    const card = fc.record(
      {
        title: text,
        lines: fc.array(text, { maxLength: 10 }),
        fields: fc.array(fc.record({ label: text, value: text }), { maxLength: 25 }),
        buttons: fc.array(
          fc.record({ label: nasty, action: fc.constant<Action>({ kind: 'help', args: [] }) }),
          { maxLength: 60 },
        ),
        context: text,
        tone: fc.constantFrom('info' as const, 'warning' as const, 'danger' as const, 'success' as const),
      },
      { requiredKeys: [] },
    );

    fc.assert(
      fc.property(fc.array(card, { maxLength: 4 }), (cards) => {
        // Slack rejects an empty button label; that is the card builders' job, not the renderer's.
        const labelled = cards.map((c) => ({
          ...c,
          buttons: c.buttons?.filter((b) => b.label.trim() !== ''),
        }));
        expectWithinSlackLimits(cardsToMessages(labelled));
      }),
      { numRuns: 100 },
    );
  });
});
