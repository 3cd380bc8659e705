import type { APIButtonComponentWithCustomId, APIEmbed } from 'discord-api-types/v10';
import fc from 'fast-check';
import { type Action, type Button, type Card, encodeAction } from '../../../src/core/card';
import { roomMark, userMark } from '../../../src/core/markup';
import {
  actionOfCustomId,
  cardsToMessages,
  DISCORD_LIMITS,
  type DiscordMessage,
  ELLIPSIS,
  MAX_DESCRIPTIONS_PER_LINE,
  plainText,
  toDiscordMarkdown,
} from '../../../src/discord/render';

const ANA = '123456789012345678';
const BOB = '223456789012345678';
const LEGAL = '323456789012345678';
/** calma's mention of a person or a role (roles are kept as `&<id>`), as ChatPort.mention makes it. */
const ana = userMark(ANA);
const bob = userMark(BOB);
const legal = userMark(`&${LEGAL}`);

const embedText = (embed: APIEmbed): number =>
  (embed.title?.length ?? 0) +
  (embed.description?.length ?? 0) +
  (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0) +
  (embed.footer?.text.length ?? 0);

const buttonsOf = (message: DiscordMessage): APIButtonComponentWithCustomId[] =>
  message.components.flatMap((row) =>
    row.components.filter((b): b is APIButtonComponentWithCustomId => 'custom_id' in b),
  );

const allEmbeds = (messages: DiscordMessage[]): APIEmbed[] => messages.flatMap((m) => m.embeds);

/** Every limit Discord checks on a message, on each one. */
function expectWithinDiscordLimits(messages: DiscordMessage[]): void {
  for (const message of messages) {
    expect(message.embeds.length + message.components.length).toBeGreaterThan(0);
    expect((message.content ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
    expect(message.embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedsPerMessage);
    expect(message.embeds.reduce((sum, e) => sum + embedText(e), 0)).toBeLessThanOrEqual(
      DISCORD_LIMITS.embedTextPerMessage,
    );
    for (const embed of message.embeds) {
      expect(embedText(embed)).toBeGreaterThan(0);
      expect(embed.title?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.title);
      expect(embed.description?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.description);
      expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.fieldsPerEmbed);
      for (const field of embed.fields ?? []) {
        expect(field.name.length).toBeGreaterThan(0);
        expect(field.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldName);
        expect(field.value.length).toBeGreaterThan(0);
        expect(field.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
      }
      expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.footer);
    }
    expect(message.components.length).toBeLessThanOrEqual(DISCORD_LIMITS.rowsPerMessage);
    for (const row of message.components) {
      expect(row.components.length).toBeGreaterThan(0);
      expect(row.components.length).toBeLessThanOrEqual(DISCORD_LIMITS.buttonsPerRow);
    }
    const ids = buttonsOf(message).map((b) => b.custom_id);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(DISCORD_LIMITS.customId);
    for (const button of buttonsOf(message)) {
      expect(button.label?.length ?? 0).toBeGreaterThan(0);
      expect(button.label?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.buttonLabel);
    }
    expect(new Set(ids).size).toBe(ids.length);
  }
}

const button = (label: string, action: Action, style?: Button['style']): Button => ({
  label,
  action,
  ...(style ? { style } : {}),
});

const stepCard: Card = {
  title: 'Step 2 of 11: Lock the account',
  lines: [
    'Change the password and revoke every session.',
    `*Who:* comms lead (${ana})`,
    '*Due:* 15 min after opening (10:45)',
  ],
  fields: [
    { label: 'Severity', value: 'SEV2' },
    { label: 'Lead', value: bob },
  ],
  buttons: [
    button('Done', { kind: 'step.done', args: ['7', '1'] }, 'primary'),
    button('Skip', { kind: 'step.skip', args: ['7', '1'] }),
    button('Assign', { kind: 'step.assign', args: ['7', '1'] }),
  ],
  context: 'Playbook hacked-account · step 2 of 11',
  tone: 'warning',
};

describe('cardsToMessages', () => {
  it('GIVEN a step card WHEN rendered THEN it is one message with one embed: title, lines, fields, footer and colour', () => {
    const [message, ...rest] = cardsToMessages([stepCard]);

    expect(rest).toEqual([]);
    expect(message?.embeds).toHaveLength(1);
    const embed = message?.embeds[0];
    expect(embed?.title).toBe('⚠️ Step 2 of 11: Lock the account');
    expect(embed?.description).toBe(
      `Change the password and revoke every session.\n**Who:** comms lead (<@${ANA}>)\n**Due:** 15 min after opening (10:45)`,
    );
    expect(embed?.fields?.map((f) => [f.name, f.value])).toEqual([
      ['Severity', 'SEV2'],
      ['Lead', `<@${BOB}>`],
    ]);
    expect(embed?.footer?.text).toBe('Playbook hacked-account · step 2 of 11');
    expect(embed?.color).toBe(0xfee75c);
  });

  it('GIVEN each tone WHEN rendered THEN each has its own colour, and no tone means no colour', () => {
    const colours = (['danger', 'warning', 'success', 'info'] as const).map(
      (tone) => cardsToMessages([{ lines: ['x'], tone }])[0]?.embeds[0]?.color,
    );

    expect(new Set(colours).size).toBe(4);
    expect(cardsToMessages([{ lines: ['x'] }])[0]?.embeds[0]?.color).toBeUndefined();
  });

  it('GIVEN a card without title whose first line is blank WHEN rendered THEN the tone mark starts the first real line', () => {
    const card: Card = { lines: ['  ', 'Account locked'], tone: 'danger' };

    expect(cardsToMessages([card])[0]?.embeds[0]?.description).toBe('🚨 Account locked');
    expect(plainText(card)).toBe('🚨 Account locked');
  });

  it('GIVEN a card with buttons WHEN rendered THEN each button carries calma: + its encoded action, in the card style', () => {
    const [message] = cardsToMessages([stepCard]);
    const buttons = message ? buttonsOf(message) : [];

    expect(buttons.map((b) => [b.label, b.custom_id, b.style])).toEqual([
      ['Done', 'calma:step.done|7|1', 1],
      ['Skip', 'calma:step.skip|7|1', 2],
      ['Assign', 'calma:step.assign|7|1', 2],
    ]);
    expect(buttons.map((b) => actionOfCustomId(b.custom_id))).toEqual(stepCard.buttons?.map((b) => b.action));
  });

  it('GIVEN a danger button WHEN rendered THEN it is red (danger style)', () => {
    const card: Card = {
      lines: ['x'],
      buttons: [button('Reject', { kind: 'statement.reject', args: ['1', '2'] }, 'danger')],
    };

    expect(buttonsOf(cardsToMessages([card])[0] as DiscordMessage)[0]?.style).toBe(4);
  });

  it('GIVEN 12 buttons WHEN rendered THEN they sit 5 per row: 5, 5 and 2', () => {
    const buttons = Array.from({ length: 12 }, (_, i) =>
      button(`P${i}`, { kind: 'open.pick', args: ['d1', `p${i}`] }),
    );

    const [message] = cardsToMessages([{ title: 'Which playbook?', buttons }]);

    expect(message?.components.map((row) => row.components.length)).toEqual([5, 5, 2]);
    expect(message?.components.every((row) => row.type === 1)).toBe(true);
  });

  it('GIVEN 30 buttons WHEN rendered THEN no message has more than 5 rows and every button is there once', () => {
    const buttons = Array.from({ length: 30 }, (_, i) =>
      button(`P${i}`, { kind: 'open.pick', args: ['d1', `p${i}`] }),
    );

    const messages = cardsToMessages([{ title: 'Which playbook?', buttons }]);

    expect(messages).toHaveLength(2);
    expectWithinDiscordLimits(messages);
    expect(messages.flatMap(buttonsOf).map((b) => b.label)).toEqual(buttons.map((b) => b.label));
    expect(messages[0]?.embeds[0]?.title).toBe('Which playbook?');
  });

  it('GIVEN a button whose action makes a custom id over 100 WHEN rendered THEN it throws, since cutting it would press another button', () => {
    const action: Action = { kind: 'statement.approve', args: ['1', 'x'.repeat(80)] };

    expect(() => cardsToMessages([{ lines: ['x'], buttons: [button('Approve', action)] }])).toThrow(
      /custom id/,
    );
  });

  it('GIVEN the longest action that fits WHEN rendered THEN its custom id is exactly 100 and decodes back', () => {
    const prefix = `calma:${encodeAction({ kind: 'help', args: [''] })}`;
    const action: Action = { kind: 'help', args: ['x'.repeat(100 - prefix.length)] };

    const [id] = buttonsOf(cardsToMessages([{ buttons: [button('Help', action)] }])[0] as DiscordMessage).map(
      (b) => b.custom_id,
    );

    expect(id).toHaveLength(100);
    expect(actionOfCustomId(id ?? '')).toEqual(action);
  });

  it('GIVEN two cards offering the same action in one message WHEN rendered THEN the custom ids differ and both decode to that action', () => {
    const same: Card = {
      lines: ['Step 2'],
      buttons: [button('Done', { kind: 'step.done', args: ['7', '1'] })],
    };

    const messages = cardsToMessages([same, same]);

    expect(messages).toHaveLength(1);
    const ids = buttonsOf(messages[0] as DiscordMessage).map((b) => b.custom_id);
    expect(new Set(ids).size).toBe(2);
    expect(ids.map(actionOfCustomId)).toEqual([same.buttons?.[0]?.action, same.buttons?.[0]?.action]);
  });

  it('GIVEN a long button label WHEN rendered THEN it is cut to 80 with an ellipsis', () => {
    const [b] = buttonsOf(
      cardsToMessages([
        { buttons: [button('L'.repeat(200), { kind: 'help', args: [] })] },
      ])[0] as DiscordMessage,
    );

    expect(b?.label).toHaveLength(80);
    expect(b?.label?.endsWith(ELLIPSIS)).toBe(true);
  });

  it('GIVEN no cards, or only empty ones WHEN rendered THEN there is no message', () => {
    expect(cardsToMessages([])).toEqual([]);
    expect(
      cardsToMessages([{}, { title: '  ', lines: ['', ' '], fields: [{ label: '', value: ' ' }] }]),
    ).toEqual([]);
  });

  it('GIVEN several small cards WHEN rendered THEN they share one message, one embed each', () => {
    const messages = cardsToMessages([{ title: 'A' }, { title: 'B' }, { title: 'C' }]);

    expect(messages).toHaveLength(1);
    expect(messages[0]?.embeds.map((e) => e.title)).toEqual(['A', 'B', 'C']);
  });

  it('GIVEN 25 cards WHEN rendered THEN no message has more than 10 embeds, and they stay in order', () => {
    const cards = Array.from({ length: 25 }, (_, i): Card => ({ title: `Card ${i}`, lines: ['x'] }));

    const messages = cardsToMessages(cards);

    expect(messages.map((m) => m.embeds.length)).toEqual([10, 10, 5]);
    expect(allEmbeds(messages).map((e) => e.title)).toEqual(cards.map((c) => c.title));
  });

  it('GIVEN cards that together pass 6000 characters WHEN rendered THEN each card starts a new message rather than be split', () => {
    const card = (n: number): Card => ({ title: `Statement S${n}`, lines: ['w '.repeat(1400)] });

    const messages = cardsToMessages([card(1), card(2), card(3)]);

    expectWithinDiscordLimits(messages);
    expect(messages.map((m) => m.embeds.map((e) => e.title))).toEqual([
      ['Statement S1', 'Statement S2'],
      ['Statement S3'],
    ]);
  });

  it('GIVEN a line of 10000 characters WHEN rendered THEN it continues over embeds of at most 4096, nothing lost, title on the first only', () => {
    const words = Array.from({ length: 2000 }, (_, i) => `w${i}`).join(' ');

    const messages = cardsToMessages([{ title: 'Pasted', lines: [words], tone: 'info' }]);

    expectWithinDiscordLimits(messages);
    const embeds = allEmbeds(messages);
    expect(embeds.length).toBeGreaterThan(1);
    expect(embeds.filter((e) => e.title)).toHaveLength(1);
    expect(embeds.every((e) => e.color === 0x5865f2)).toBe(true);
    expect(embeds.map((e) => e.description).join(' ')).toBe(words);
  });

  it(`GIVEN a line longer than ${MAX_DESCRIPTIONS_PER_LINE} descriptions WHEN rendered THEN the rest is truncated with an ellipsis`, () => {
    const huge = 'x'.repeat(DISCORD_LIMITS.description * (MAX_DESCRIPTIONS_PER_LINE + 2));

    const embeds = allEmbeds(cardsToMessages([{ lines: [huge] }]));

    expect(embeds).toHaveLength(MAX_DESCRIPTIONS_PER_LINE);
    expect(embeds.at(-1)?.description?.endsWith(ELLIPSIS)).toBe(true);
  });

  it('GIVEN 40 fields WHEN rendered THEN no embed has more than 25 and all 40 are shown in order', () => {
    const fields = Array.from({ length: 40 }, (_, i) => ({ label: `F${i}`, value: `v${i}` }));

    const messages = cardsToMessages([{ title: 'Stats', fields }]);

    expectWithinDiscordLimits(messages);
    expect(
      allEmbeds(messages)
        .flatMap((e) => e.fields ?? [])
        .map((f) => f.name),
    ).toEqual(fields.map((f) => f.label));
  });

  it('GIVEN a field value over 1024 and a title over 256 WHEN rendered THEN only those are cut, with an ellipsis', () => {
    const [embed] =
      cardsToMessages([
        {
          title: 'T'.repeat(300),
          lines: ['kept whole'],
          fields: [{ label: 'Text', value: 'v'.repeat(2000) }],
        },
      ])[0]?.embeds ?? [];

    expect(embed?.title).toHaveLength(256);
    expect(embed?.title?.endsWith(ELLIPSIS)).toBe(true);
    expect(embed?.fields?.[0]?.value).toHaveLength(1024);
    expect(embed?.fields?.[0]?.value.endsWith(ELLIPSIS)).toBe(true);
    expect(embed?.description).toBe('kept whole');
  });

  it('GIVEN a field value cut next to a mention WHEN rendered THEN the mention is dropped whole, never cut in half', () => {
    const value = `${'a'.repeat(1015)} <@${ANA}>`;

    const field = cardsToMessages([{ fields: [{ label: 'Who', value }] }])[0]?.embeds[0]?.fields?.[0];

    expect(field?.value).toBe(`${'a'.repeat(1015)} ${ELLIPSIS}`);
  });

  it('GIVEN an emoji at the cut WHEN a title is truncated THEN its surrogate pair is not split', () => {
    const title = `${'t'.repeat(254)}🚨🚨`;

    const embed = cardsToMessages([{ title }])[0]?.embeds[0];

    expect(embed?.title).toBe(`${'t'.repeat(254)}${ELLIPSIS}`);
  });

  it('GIVEN a blank field label WHEN rendered THEN Discord still gets a non-empty name', () => {
    const field = cardsToMessages([{ fields: [{ label: ' ', value: 'SEV1' }] }])[0]?.embeds[0]?.fields?.[0];

    expect(field?.name).toBe('\u200b');
    expect(field?.value).toBe('SEV1');
  });

  describe('mentions', () => {
    it('GIVEN mentions in the lines WHEN rendered THEN they are in the content, once each, and only they may notify', () => {
      const card: Card = { lines: [`${ana} and ${legal}, please review`, `Thanks ${ana}`] };

      const [message] = cardsToMessages([card]);

      expect(message?.content).toBe(`<@${ANA}> <@&${LEGAL}>`);
      expect(message?.allowed_mentions).toEqual({ parse: [], users: [ANA], roles: [LEGAL] });
      expect(message?.embeds[0]?.description).toContain(`<@${ANA}> and <@&${LEGAL}>`);
    });

    it('GIVEN mentions only in fields WHEN rendered THEN nobody is pinged: the content is empty', () => {
      const card: Card = { title: 'Summary', fields: [{ label: 'Lead', value: ana }] };

      const [message] = cardsToMessages([card]);

      expect(message?.content).toBe('');
      expect(message?.allowed_mentions).toEqual({ parse: [], users: [], roles: [] });
    });

    it('GIVEN mentions typed in a line WHEN rendered THEN they show as typed and notify nobody', () => {
      const [message] = cardsToMessages([{ lines: [`ping <@${BOB}>, <@!${BOB}> and <@&${LEGAL}>`] }]);

      expect(message?.embeds[0]?.description).toBe(`ping \\<@${BOB}>, \\<@!${BOB}> and \\<@&${LEGAL}>`);
      expect(message?.content).toBe('');
      expect(message?.allowed_mentions).toEqual({ parse: [], users: [], roles: [] });
    });

    it('GIVEN a forged mark typed in a line WHEN rendered THEN it is text, and notifies nobody', () => {
      const forged = `\uE000${'0'.repeat(16)}@${BOB}\uE001 and \uE000@${BOB}\uE001`;

      const [message] = cardsToMessages([{ lines: [forged] }]);

      expect(message?.embeds[0]?.description).not.toContain('<@');
      expect(message?.embeds[0]?.description).not.toMatch(/[\uE000\uE001]/);
      expect(message?.allowed_mentions).toEqual({ parse: [], users: [], roles: [] });
    });

    it('GIVEN @everyone typed in a line WHEN rendered THEN it cannot notify the whole server', () => {
      const [message] = cardsToMessages([{ lines: ['@everyone look'] }]);

      expect(message?.embeds[0]?.description).toBe('@\u200beveryone look');
      expect(message?.content).toBe('');
      expect(message?.allowed_mentions?.parse).toEqual([]);
    });

    it('GIVEN two cards with mentions in one message WHEN rendered THEN the content has both cards’ mentions', () => {
      const messages = cardsToMessages([{ lines: [ana] }, { lines: [bob] }]);

      expect(messages).toHaveLength(1);
      expect(messages[0]?.content).toBe(`<@${ANA}> <@${BOB}>`);
    });

    it('GIVEN a card split over two messages WHEN rendered THEN its mentions are in the first one', () => {
      const buttons = Array.from({ length: 30 }, (_, i) =>
        button(`P${i}`, { kind: 'open.pick', args: ['d', `${i}`] }),
      );

      const messages = cardsToMessages([{ lines: [`For ${ana}`], buttons }]);

      expect(messages.map((m) => m.content)).toEqual([`<@${ANA}>`, '']);
    });

    it('GIVEN 150 people mentioned WHEN rendered THEN the content stays within 2000 and 100 ids', () => {
      const ids = Array.from({ length: 150 }, (_, i) => String(100000000000000000n + BigInt(i)));

      const [message] = cardsToMessages([{ lines: [ids.map(userMark).join(' ')] }]);

      expect(message?.content?.length).toBeLessThanOrEqual(2000);
      expect(message?.allowed_mentions?.users?.length).toBeLessThanOrEqual(100);
      expect(message?.content?.split(' ')).toEqual(message?.allowed_mentions?.users?.map((id) => `<@${id}>`));
    });
  });

  it('GIVEN any card WHEN rendered THEN every message respects Discord’s limits', () => {
    const text = fc.string({ maxLength: 3000, unit: 'grapheme' });
    const card: fc.Arbitrary<Card> = fc.record(
      {
        title: fc.string({ maxLength: 400 }),
        lines: fc.array(text, { maxLength: 6 }),
        fields: fc.array(fc.record({ label: fc.string({ maxLength: 300 }), value: text }), { maxLength: 30 }),
        buttons: fc.array(
          fc.record({
            label: fc.string({ maxLength: 100 }),
            action: fc.record({
              kind: fc.constant('help' as const),
              args: fc.array(fc.stringMatching(/^[a-z0-9]{0,8}$/), { maxLength: 3 }),
            }),
          }),
          { maxLength: 30 },
        ),
        context: fc.string({ maxLength: 2500 }),
        tone: fc.constantFrom('info' as const, 'warning' as const, 'danger' as const, 'success' as const),
      },
      { requiredKeys: [] },
    );

    fc.assert(
      fc.property(fc.array(card, { maxLength: 8 }), (cards) => {
        expectWithinDiscordLimits(cardsToMessages(cards));
      }),
      { numRuns: 150 },
    );
  });
});

describe('toDiscordMarkdown', () => {
  it.each([
    ['*Who:* comms lead', '**Who:** comms lead'],
    ['step *2* of *11*', 'step **2** of **11**'],
    ['**already bold**', '**already bold**'],
    ['5*3 = 15 and 2 * 3 = 6', '5*3 = 15 and 2 * 3 = 6'],
    ['a lone * star', 'a lone * star'],
  ])('GIVEN %j WHEN converted THEN it reads %j', (text, expected) => {
    expect(toDiscordMarkdown(text)).toBe(expected);
  });

  it.each([
    ['<t:1700000000:R>', '<t:1700000000:R>'],
    ['<https://x.com/acme/status/1>', '<https://x.com/acme/status/1>'],
  ])('GIVEN the harmless Discord token %j WHEN converted THEN it is kept', (text, expected) => {
    expect(toDiscordMarkdown(text)).toBe(expected);
  });

  it.each([
    [`<@${ANA}>`, `\\<@${ANA}>`],
    [`<@&${LEGAL}>`, `\\<@&${LEGAL}>`],
    ['<#123456789012345678>', '\\<#123456789012345678>'],
    ['@everyone and @here', '@\u200beveryone and @\u200bhere'],
    ['[official refund form](http://evil.example)', 'official refund form (http://evil.example)'],
    ['[form](<http://evil.example/a_(b)>)', 'form (http://evil.example/a_(b))'],
    ['[form](http://evil.example "Official")', 'form (http://evil.example)'],
    ['[a [nested]](http://evil.example)', '[a [nested]\\](http://evil.example)'],
    ['NUL\u0000 ESC\u001b[31m red', 'NUL ESC[31m red'],
  ])(
    'GIVEN the untrusted %j WHEN converted THEN it reads %j: no ping, no disguised link',
    (text, expected) => {
      expect(toDiscordMarkdown(text)).toBe(expected);
    },
  );

  it('GIVEN calma’s marks WHEN converted THEN they are Discord mentions and a channel link', () => {
    const room = roomMark({ id: '423456789012345678', name: 'crisis-7' });

    expect(toDiscordMarkdown(`${ana}, ${legal}: see ${room}`)).toBe(
      `<@${ANA}>, <@&${LEGAL}>: see <#423456789012345678>`,
    );
  });

  it.each([
    ['<@U0ANA|ana> is lead', '@ana is lead'],
    ['<@U0ANA> is lead', '@U0ANA is lead'],
    ['ask <!subteam^S0LEGAL|@legal>', 'ask @legal'],
    ['ask <!subteam^S0LEGAL>', 'ask @S0LEGAL'],
    ['see <#C0ROOM|crisis-7>', 'see #crisis-7'],
    ['<!here> now', '@\u200bhere now'],
    ['<https://x.com/acme/status/1|the post>', 'the post (https://x.com/acme/status/1)'],
    ['write <mailto:press@acme.test|press>', 'write press (press@acme.test)'],
  ])('GIVEN the Slack token in %j WHEN converted THEN it reads %j', (text, expected) => {
    expect(toDiscordMarkdown(text)).toBe(expected);
  });

  it('GIVEN text typed with a leading # WHEN converted THEN it does not turn into a heading', () => {
    expect(toDiscordMarkdown('# 1 priority\n-# small')).toBe('\\# 1 priority\n\\-# small');
  });

  it('GIVEN angle brackets that are not tokens WHEN converted THEN they stay as typed', () => {
    expect(toDiscordMarkdown('a < b > c and <b>')).toBe('a < b > c and <b>');
  });
});

describe('plainText', () => {
  it('GIVEN a card WHEN written as plain text THEN it has the title in bold, lines, fields and the context as subtext', () => {
    expect(plainText(stepCard)).toBe(
      [
        '**⚠️ Step 2 of 11: Lock the account**',
        'Change the password and revoke every session.',
        `**Who:** comms lead (<@${ANA}>)`,
        '**Due:** 15 min after opening (10:45)',
        '**Severity:** SEV2',
        `**Lead:** <@${BOB}>`,
        '-# Playbook hacked-account · step 2 of 11',
      ].join('\n'),
    );
  });

  it('GIVEN a huge card WHEN written as plain text THEN it fits one message of 2000', () => {
    const text = plainText({ lines: ['x'.repeat(5000)] });

    expect(text).toHaveLength(2000);
    expect(text.endsWith(ELLIPSIS)).toBe(true);
  });
});
