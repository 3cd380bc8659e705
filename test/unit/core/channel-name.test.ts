import fc from 'fast-check';
import {
  type ChannelNameInput,
  channelName,
  channelNameCandidates,
  MAX_CHANNEL_NAME,
  slugify,
} from '../../../src/core/channel-name';

const OPENED_AT = new Date('2026-11-22T09:30:00.000Z');

const input = (overrides: Partial<ChannelNameInput> = {}): ChannelNameInput => ({
  prefix: 'crisis',
  seq: 42,
  openedAt: OPENED_AT,
  title: 'Hacked account posting spam',
  ...overrides,
});

describe('slugify', () => {
  it('GIVEN "¡Precio 0 €! Crisis en redes" WHEN slugified THEN it is precio-0-crisis-en-redes', () => {
    expect(slugify('¡Precio 0 €! Crisis en redes')).toBe('precio-0-crisis-en-redes');
  });

  it.each([
    ['Straße', 'strasse'],
    ['Œuvre', 'oeuvre'],
    ['cœur', 'coeur'],
    ['Æsir', 'aesir'],
    ['Ærø', 'aero'],
    ['Łódź', 'lodz'],
    ['Þór', 'thor'],
    ['Ça déraille à l’hôtel', 'ca-deraille-a-l-hotel'],
    ['Niño ÑANDÚ', 'nino-nandu'],
  ])('GIVEN %j WHEN slugified THEN letters are folded to ASCII: %j', (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });
});

describe('channelName', () => {
  it('GIVEN incident 42 opened on 2026-11-22 WHEN named THEN it is prefix-seq-date-slug', () => {
    expect(channelName(input())).toBe('crisis-42-2026-11-22-hacked-account-posting-spam');
  });

  it('GIVEN the Spanish example title WHEN named THEN the slug is ASCII and readable', () => {
    expect(channelName(input({ seq: 7, title: '¡Precio 0 €! Crisis en redes' }))).toBe(
      'crisis-7-2026-11-22-precio-0-crisis-en-redes',
    );
  });

  it('GIVEN an emoji-only title WHEN named THEN the name is just the head, without a dangling dash', () => {
    expect(channelName(input({ seq: 1, title: '🔥🔥🚨' }))).toBe('crisis-1-2026-11-22');
  });

  it('GIVEN a custom prefix WHEN named THEN the name starts with it', () => {
    expect(channelName(input({ prefix: 'inc' }))).toBe('inc-42-2026-11-22-hacked-account-posting-spam');
  });

  it('GIVEN a configured prefix with an underscore (allowed by the config) WHEN named THEN the name starts with it as configured', () => {
    // calma.yaml accepts channels.prefix matching /^[a-z0-9][a-z0-9_-]{0,19}$/, and the name allows `_`.
    expect(channelName(input({ prefix: 'war_room' }))).toBe(
      'war_room-42-2026-11-22-hacked-account-posting-spam',
    );
  });

  it('GIVEN an opening just before midnight UTC elsewhere WHEN named THEN the date is the UTC date', () => {
    expect(channelName(input({ openedAt: new Date('2026-11-22T23:59:59-05:00') }))).toMatch(
      /^crisis-42-2026-11-23-/,
    );
  });

  it('GIVEN a very long title WHEN named THEN it is cut to 80 characters at a word boundary', () => {
    const title = 'Our main account was hacked and is posting spam links to thousands of followers right now';

    const name = channelName(input({ title }));

    expect(name.length).toBeLessThanOrEqual(MAX_CHANNEL_NAME);
    expect(name).toBe('crisis-42-2026-11-22-our-main-account-was-hacked-and-is-posting-spam-links-to');
  });
});

describe('channelNameCandidates', () => {
  it('GIVEN a name that may be taken WHEN candidates are listed THEN they are the name, then -2, -3, …', () => {
    expect(channelNameCandidates(input(), 3)).toEqual([
      'crisis-42-2026-11-22-hacked-account-posting-spam',
      'crisis-42-2026-11-22-hacked-account-posting-spam-2',
      'crisis-42-2026-11-22-hacked-account-posting-spam-3',
    ]);
  });

  it('GIVEN a title that fills the 80 characters WHEN candidates are listed THEN the suffixes fit by shortening the slug', () => {
    const candidates = channelNameCandidates(input({ seq: 999999, title: 'a'.repeat(200) }), 3);

    expect(candidates.map((c) => c.length)).toEqual([80, 80, 80]);
    expect(candidates[1]).toMatch(/a-2$/);
    expect(candidates[2]).toMatch(/a-3$/);
  });

  it('GIVEN a long title of many words WHEN candidates are listed THEN each one keeps its suffix within 80', () => {
    const candidates = channelNameCandidates(input({ seq: 123456, title: 'word '.repeat(40) }));

    expect(candidates).toHaveLength(5);
    candidates.forEach((name, i) => {
      expect(name.length).toBeLessThanOrEqual(MAX_CHANNEL_NAME);
      if (i > 0) expect(name.endsWith(`-word-${i + 1}`)).toBe(true);
    });
  });
});

describe('channel name properties', () => {
  /** Titles from every corner of Unicode: single code points, printable graphemes, and dash/space soup. */
  const titles = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.string({ unit: 'grapheme', maxLength: 150 }),
    fc
      .array(fc.constantFrom('a', 'é', 'ß', '2', '-', ' ', '_', 'œ', '🔥', 'x-2', 'word'), { maxLength: 120 })
      .map((parts) => parts.join('')),
  );
  /** Prefixes as slugs (config-valid prefixes with no `_` and no doubled or trailing dash). */
  const prefixes = fc.stringMatching(/^[a-z0-9]{1,8}(-[a-z0-9]{1,5}){0,2}$/);
  const dates = fc.date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date('2999-12-31T23:59:59Z'),
    noInvalidDate: true,
  });
  const seqs = fc.integer({ min: 1, max: 1_000_000 });

  it('GIVEN any title, seq, date and collision index WHEN named THEN the name is valid for Slack and Discord', () => {
    fc.assert(
      fc.property(
        titles,
        prefixes,
        seqs,
        dates,
        fc.integer({ min: 0, max: 20 }),
        (title, prefix, seq, openedAt, i) => {
          const candidates = channelNameCandidates({ prefix, seq, openedAt, title }, i + 1);
          const name = candidates[i] ?? '';
          const head = `${prefix}-${seq}-${openedAt.toISOString().slice(0, 10)}`;

          expect(name).toMatch(/^[a-z0-9_-]+$/);
          expect(name.length).toBeLessThanOrEqual(MAX_CHANNEL_NAME);
          expect(name.startsWith(head)).toBe(true);
          expect(name.endsWith('-')).toBe(false);
          expect(name).not.toContain('--');
          if (i > 0) expect(name.endsWith(`-${i + 1}`)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('GIVEN any title and seq WHEN candidates are listed THEN they are all different', () => {
    fc.assert(
      fc.property(titles, prefixes, seqs, fc.integer({ min: 1, max: 30 }), (title, prefix, seq, count) => {
        const candidates = channelNameCandidates({ prefix, seq, openedAt: OPENED_AT, title }, count);

        expect(candidates).toHaveLength(count);
        expect(new Set(candidates).size).toBe(count);
      }),
      { numRuns: 2000 },
    );
  });

  it('GIVEN any text WHEN slugified THEN it is lowercase ASCII words joined by single dashes', () => {
    fc.assert(
      fc.property(titles, (title) => {
        expect(slugify(title)).toMatch(/^(?:[a-z0-9]+(?:-[a-z0-9]+)*)?$/);
      }),
      { numRuns: 2000 },
    );
  });
});
