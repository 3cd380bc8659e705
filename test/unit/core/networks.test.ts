import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import {
  graphemeCount,
  makeCounter,
  NETWORK_IDS,
  NETWORK_LIMITS,
  variantLength,
  variantLimit,
  variantNetworks,
  xLength,
} from '../../../src/core/networks';

const family = '👨‍👩‍👧‍👦'; // four people joined by zero-width joiners: 11 UTF-16 units
const spain = '🇪🇸';
const accented = 'e\u0301'; // e + combining acute accent

describe('graphemes, as Bluesky and the others count', () => {
  it('counts a ZWJ family, a flag and a combining accent as one character each', () => {
    expect(family.length).toBe(11);
    expect(graphemeCount(family)).toBe(1);
    expect(graphemeCount(spain)).toBe(1);
    expect(graphemeCount(`caf${accented}`)).toBe(4);
    expect(graphemeCount('停電のお知らせ')).toBe(7);
  });

  it('lets a 300-emoji Bluesky post through that counts 1,200 UTF-16 units', () => {
    const text = '👍🏽'.repeat(300);
    expect(text.length).toBe(1200);
    expect(variantLength('bluesky', text)).toBe(300);
    expect(variantLength('bluesky', `${text}!`)).toBe(301);
  });
});

describe("X's weighted count (twitter-text config v3)", () => {
  it('counts Latin, Greek and Cyrillic as one, CJK as two', () => {
    expect(xLength('Hola, ¿qué tal?')).toBe(15);
    expect(xLength('Привет')).toBe(6);
    expect(xLength('停電')).toBe(4);
    expect(xLength('서비스')).toBe(6);
  });

  it('counts each emoji as two, however many code points it has', () => {
    expect(xLength('👍')).toBe(2);
    expect(xLength(family)).toBe(2);
    expect(xLength(spain)).toBe(2);
    expect(xLength('👍🏽')).toBe(2);
    expect(xLength('1️⃣')).toBe(2);
    expect(xLength(`ok ${family}${spain}`)).toBe(7);
  });

  it('counts an accent typed as a combining mark as X does: composed first', () => {
    expect(xLength(`caf${accented}`)).toBe(4);
  });

  it('counts dashes and typographic quotes as one', () => {
    expect(xLength('“a” — b')).toBe(7);
  });

  it('counts every URL as 23, long or short, without the punctuation after it', () => {
    expect(xLength('https://example.com/a/very/long/path/that/goes/on/and/on?x=1')).toBe(23);
    expect(xLength('http://a.co')).toBe(23);
    expect(xLength('See https://status.example.com.')).toBe(4 + 23 + 1);
    expect(xLength('See status.example.com now')).toBe(4 + 23 + 4);
    expect(xLength('Go to www.example.org/help, please')).toBe(6 + 23 + 8);
    expect(xLength('node.js and e.g. this')).toBe(21);
  });

  it('refuses nothing itself: 280 weighted is the limit calma checks', () => {
    expect(variantLimit('x')).toBe(280);
    expect(xLength('a'.repeat(280))).toBe(280);
    expect(xLength('停'.repeat(141))).toBe(282);
  });

  it('property: never below the grapheme count, never above twice the code points (URLs aside)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (s) => {
        const text = s.replace(/[./:]/g, ' ');
        const weighted = xLength(text);
        expect(weighted).toBeGreaterThanOrEqual(graphemeCount(text.normalize('NFC')));
        expect(weighted).toBeLessThanOrEqual(2 * Array.from(text.normalize('NFC')).length);
      }),
    );
  });

  it('property: a URL weighs 23 whatever its length', () => {
    fc.assert(
      fc.property(fc.webUrl({ validSchemes: ['https'] }), (url) => {
        fc.pre(!/[.,;:!?'")\]]$/.test(url) && !/\s/.test(url));
        expect(xLength(`see ${url} now`)).toBe(4 + 23 + 4);
      }),
      { numRuns: 40 },
    );
  });
});

describe('limits', () => {
  it("bounds every network by the network's limit and calma's 3,000", () => {
    expect(NETWORK_IDS.map((id) => [id, variantLimit(id)])).toEqual([
      ['x', 280],
      ['threads', 500],
      ['bluesky', 300],
      ['linkedin', 3000],
      ['instagram', 2200],
      ['facebook', 3000],
      ['email_subject', 60],
      ['email_body', 3000],
      ['support_macro', 3000],
    ]);
  });

  it("reads calma.yaml's email as a subject and a body", () => {
    expect(variantNetworks(['email', 'x', 'bluesky'])).toEqual([
      'x',
      'bluesky',
      'email_subject',
      'email_body',
    ]);
  });
});

describe('the counting the draft page serializes into its script', () => {
  // A fresh V8 context holds none of this module's names: the source must stand on its own, as in a page.
  const serialized = runInNewContext(`(${makeCounter.toString()})()`) as ReturnType<typeof makeCounter>;
  const texts = [
    '',
    'a'.repeat(281),
    `ok ${family}${spain} caf${accented}`,
    '停'.repeat(141),
    'See https://status.example.com/a/long/path. Or www.example.org, or status.example.com now',
    '👍🏽'.repeat(300),
    'line one\nline two',
  ];

  it('counts every network as the server does', () => {
    for (const text of texts) {
      for (const id of NETWORK_IDS) {
        expect([id, text, serialized.count(NETWORK_LIMITS[id].counts, text)]).toEqual([
          id,
          text,
          variantLength(id, text),
        ]);
      }
    }
  });

  it('property: agrees with the server on any text, links included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 20 }), fc.webUrl()), { maxLength: 5 }),
        (parts) => {
          const text = parts.join(' ');
          expect(serialized.count('weighted', text)).toBe(variantLength('x', text));
          expect(serialized.count('graphemes', text)).toBe(variantLength('bluesky', text));
        },
      ),
      { numRuns: 200 },
    );
  });
});
