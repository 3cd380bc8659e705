import { variantFields } from '../../../src/app/variant-form';
import { publishedCard } from '../../../src/cards/statement';
import type { Statement } from '../../../src/core/types';
import { formToModal as discordModal } from '../../../src/discord/modal';
import { cardsToMessages as discordMessages } from '../../../src/discord/render';
import { translator } from '../../../src/i18n';
import { cardToMessages as slackMessages } from '../../../src/slack/blocks';
import { formToModal as slackModal } from '../../../src/slack/modal';
import { anIncident } from '../../support/fixtures';

const HOSTILE =
  'Hacked. <!channel> @everyone <@U0BOSS> [reset here](https://evil.example) <https://evil.example|our site>';

const statement: Statement = {
  n: 1,
  text: 'We are sorry: our account was hacked.',
  variants: { x: HOSTILE, bluesky: 'Hacked 🙏 do not click.' },
  authors: ['U0ANA'],
  createdAt: '2026-12-07T09:00:00.000Z',
  targets: [],
  requires: ['approver'],
  approvals: [{ by: 'U0BOB', as: 'approver', at: '2026-12-07T09:10:00.000Z', sha256: 'x' }],
  status: 'published',
  publishedAt: '2026-12-07T09:10:00.000Z',
  version: 1,
  checklist: { covered: [], missing: [], warnings: [] },
};

const card = publishedCard(anIncident(), statement, translator('en'), (user) => user);

describe('a published statement’s variants, ready to copy', () => {
  it('GIVEN a variant with pings and disguised links WHEN posted on Slack THEN it shows as typed: no ping, no hidden link', () => {
    const text = JSON.stringify(slackMessages(card).map((m) => m.blocks));

    expect(text).toContain('*X · ');
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('|our site>');
    expect(text).toContain('Hacked 🙏 do not click.');
  });

  it('GIVEN the same WHEN posted on Discord THEN nobody is pinged and the masked link reads with its URL', () => {
    const [message] = discordMessages([card]);
    const description = message?.embeds.map((e) => e.description).join('\n') ?? '';

    expect(message?.allowed_mentions).toMatchObject({ parse: [] });
    expect(description).not.toContain('@everyone');
    expect(description).not.toContain('[reset here](https://evil.example)');
    expect(description).toContain('Hacked 🙏 do not click.');
  });
});

describe('variant fields in a form', () => {
  const fields = variantFields(['x', 'email_subject'], translator('fr'), 4, { x: 'Piraté.' });
  const form = { submit: { kind: 'statement.edit' as const, args: ['1', '1'] }, title: 'Modifier', fields };

  it('GIVEN networks x and the email subject WHEN shown on Slack and Discord THEN each box stops at its network’s limit, so the platform counts as you type', () => {
    const slack = slackModal(form, {
      callbackId: 'c',
      privateMetadata: '{}',
      submitLabel: 'OK',
      closeLabel: 'Non',
    });
    const discord = discordModal(form, 'calma:form');

    expect(JSON.stringify(slack)).toMatch(/"max_length":280/);
    expect(JSON.stringify(slack)).toMatch(/"max_length":60/);
    expect(JSON.stringify(discord)).toMatch(/"max_length":280/);
    expect(fields.map((f) => [f.label, f.initial])).toEqual([
      ['X (280 max.)', 'Piraté.'],
      ['Objet de l’e-mail (60 max.)', undefined],
    ]);
  });

  it('GIVEN more networks than the form has room for THEN the first fit and the rest are left to the command', () => {
    expect(
      variantFields(['x', 'threads', 'bluesky', 'linkedin', 'instagram'], translator('en'), 4),
    ).toHaveLength(4);
  });
});
