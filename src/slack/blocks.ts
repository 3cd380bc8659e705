import type { types } from '@slack/bolt';
import {
  type CutRules,
  chunk,
  ELLIPSIS,
  isBlank,
  joinWhileFits,
  splitsSurrogatePair,
  splitText,
  truncateWith,
} from '../cards/text-limits';
import { type Button, type Card, encodeAction } from '../core/card';
import { renderMarks } from '../core/markup';

type KnownBlock = types.KnownBlock;
type SectionBlock = types.SectionBlock;
type ActionsBlock = types.ActionsBlock;

/**
 * Block Kit limits that a card can run into (https://docs.slack.dev/reference/block-kit/blocks and the
 * element pages; the same numbers are in @slack/types' doc comments). Lengths are checked in UTF-16 code
 * units, which is never less than what Slack counts, and on the escaped text, which is what Slack receives.
 */
export const SLACK_LIMITS = {
  /** Blocks in one message (modals allow 100). */
  blocksPerMessage: 50,
  /** A section's `text`, and any text object such as a context element. */
  sectionText: 3000,
  /** Entries in a section's `fields`. */
  fieldsPerSection: 10,
  /** One entry of a section's `fields`. */
  fieldText: 2000,
  /** A header's plain_text. */
  headerText: 150,
  /** Elements in one actions block. */
  actionsElements: 25,
  /** A button's plain_text label. */
  buttonText: 75,
  /** A button's `value`, sent back in the block_actions payload. */
  buttonValue: 2000,
  /** The message's top-level `text`: our own cap, since it only feeds notifications and screen readers. */
  messageText: 3000,
} as const;

/**
 * A line longer than a section is split over several sections; past this many, it is truncated. Nothing
 * calma writes comes near (a public statement draft is a few thousand characters), so reaching it means
 * pasted junk, which should not flood the channel with messages posted at Slack's 1 message/s pace.
 */
export const MAX_SECTIONS_PER_LINE = 5;

export { ELLIPSIS };

/** What `chat.postMessage` / `chat.postEphemeral` need besides the channel. */
export interface SlackMessage {
  /** Notification and screen-reader fallback text (mrkdwn, escaped). */
  text: string;
  blocks: KnownBlock[];
}

const TONE_EMOJI: Record<NonNullable<Card['tone']>, string> = {
  danger: '🚨',
  warning: '⚠️',
  success: '✅',
  info: 'ℹ️',
};

// ---------------------------------------------------------------------------------------------------------
// Escaping

/** Slack decodes exactly these three entities, and only these characters need escaping in mrkdwn. */
const ENTITIES = ['&amp;', '&lt;', '&gt;'] as const;

function escapeText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/**
 * Untrusted text as mrkdwn that shows what it says. A bare `<https://…>` (how Slack hands calma a URL
 * someone typed) becomes the URL itself, which Slack links showing it whole; every other `<…>` is
 * escaped, so a labelled link shows its real URL and a ping its syntax. `@here`, `@channel` and
 * `@everyone` are broken with a zero-width space: Slack may parse them in plain text too.
 */
function slackText(text: string): string {
  return escapeText(text.replace(/<(https?:\/\/[^\s|<>]+)>/g, '$1')).replace(
    /@(here|channel|everyone)/gi,
    '@\u200b$1',
  );
}

/** A user group (`S…`) is mentioned as such, so everyone in it is notified. */
function slackMention(id: string): string {
  if (/^S[A-Z0-9]+$/.test(id)) return `<!subteam^${id}>`;
  return /^[UW][A-Z0-9]+$/.test(id) ? `<@${id}>` : slackText(`@${id}`);
}

function slackRoom(id: string, name: string): string {
  return /^[CG][A-Z0-9]+$/.test(id) ? `<#${id}>` : slackText(`#${name}`);
}

/**
 * Card text as Slack mrkdwn: calma's marks (`ChatPort.mention`, `roomLink`) become mentions and channel
 * links; all other text is escaped (`&`, `<`, `>`, see slackText), so a `<!here>`, `<@U…>` or
 * `<https://evil|label>` typed by someone or sent by a monitoring tool shows as the characters it is,
 * never as a ping or a disguised link. `*bold*` and backticks pass through: they are mrkdwn, and harmless. After this, every
 * `<` starts one of calma's tokens and every `&` an entity, which is what lets the cutting functions
 * below avoid breaking either.
 */
export function escapeMrkdwn(text: string): string {
  return renderMarks(text, { text: slackText, user: slackMention, room: slackRoom });
}

/** Card text where Slack shows plain text (headers, buttons, modals): marks as readable names. */
function toPlain(text: string): string {
  return renderMarks(text, { text: (s) => s, user: (id) => `@${id}`, room: (_, name) => `#${name}` });
}

// ---------------------------------------------------------------------------------------------------------
// Cutting text to a limit

/** True when `i` falls inside a kept `<…>` token of escaped mrkdwn. */
function insideToken(text: string, i: number): boolean {
  const open = text.lastIndexOf('<', i - 1);
  return open >= 0 && text.indexOf('>', open) >= i;
}

/** True when `i` falls inside an `&amp;` / `&lt;` / `&gt;` entity of escaped mrkdwn. */
function insideEntity(text: string, i: number): boolean {
  const amp = text.lastIndexOf('&', i - 1);
  if (amp < 0) return false;
  return ENTITIES.some((entity) => text.startsWith(entity, amp) && amp + entity.length > i);
}

function isSafeMrkdwnCut(text: string, i: number): boolean {
  return !insideToken(text, i) && !insideEntity(text, i) && !splitsSurrogatePair(text, i);
}

/** The largest index ≤ max where plain text can be cut without splitting a character. */
function plainCut(text: string, max: number): number {
  return splitsSurrogatePair(text, max) ? max - 1 : max;
}

/**
 * The largest index ≤ max where escaped mrkdwn can be cut without breaking a token, an entity or a
 * character. A single token longer than `max` (an absurd URL) cannot be kept whole and is cut through.
 */
function mrkdwnCut(text: string, max: number): number {
  let i = max;
  if (insideToken(text, i)) i = text.lastIndexOf('<', i - 1);
  if (insideEntity(text, i)) i = text.lastIndexOf('&', i - 1);
  if (splitsSurrogatePair(text, i)) i -= 1;
  return i > 0 ? i : plainCut(text, max);
}

/** Card text as Slack plain text at most `max` long, ending with a visible '…' when something was cut. */
export function truncatePlain(text: string, max: number): string {
  return truncateWith(toPlain(text), max, plainCut);
}

/** Where escaped mrkdwn may be cut: not inside a token, an entity or a character. */
const MRKDWN: CutRules = { cut: mrkdwnCut, safe: isSafeMrkdwnCut };

const truncateMrkdwn = (text: string, max: number) => truncateWith(text, max, mrkdwnCut);

/** Card text as mrkdwn of at most `max`, for texts outside blocks (a topic, a file's comment). */
export function mrkdwnWithin(text: string, max: number): string {
  return truncateMrkdwn(escapeMrkdwn(text), max);
}
const splitMrkdwn = (text: string, max: number, maxPieces: number) => splitText(text, max, maxPieces, MRKDWN);

// ---------------------------------------------------------------------------------------------------------
// Card parts → blocks

function headerBlock(title: string, mark: string): KnownBlock[] {
  if (isBlank(toPlain(title))) return [];
  const text = truncatePlain(`${mark}${title}`, SLACK_LIMITS.headerText);
  return [{ type: 'header', text: { type: 'plain_text', text, emoji: true } }];
}

function lineSections(lines: string[], mark: string): SectionBlock[] {
  const pieces = lines.flatMap((line, i) =>
    splitMrkdwn((i === 0 ? mark : '') + escapeMrkdwn(line), SLACK_LIMITS.sectionText, MAX_SECTIONS_PER_LINE),
  );
  return joinWhileFits(pieces, SLACK_LIMITS.sectionText)
    .filter((text) => !isBlank(text))
    .map((text) => ({ type: 'section', text: { type: 'mrkdwn', text } }));
}

function fieldText(field: { label: string; value: string }): string {
  // `*label*` only turns bold when the asterisks touch the words, hence the trim.
  const label = field.label.trim();
  const text = label ? `*${escapeMrkdwn(label)}*\n${escapeMrkdwn(field.value)}` : escapeMrkdwn(field.value);
  return truncateMrkdwn(text, SLACK_LIMITS.fieldText);
}

function fieldSections(fields: { label: string; value: string }[]): SectionBlock[] {
  const texts = fields.map(fieldText).filter((text) => !isBlank(text));
  return chunk(texts, SLACK_LIMITS.fieldsPerSection).map((group) => ({
    type: 'section',
    fields: group.map((text) => ({ type: 'mrkdwn', text })),
  }));
}

/** A button's value must round-trip exactly: cutting it would press a different button, so it throws. */
function buttonValue(button: Button): string {
  const value = encodeAction(button.action);
  if (value.length > SLACK_LIMITS.buttonValue) {
    throw new Error(`button "${button.label}": action is ${value.length} chars, Slack allows 2000`);
  }
  return value;
}

/**
 * Buttons numbered from `counter.next`: `action_id` must be unique within a message (Slack rejects the
 * message otherwise), and the counter runs across every card of one render so that holds when cards share
 * a message. The action itself travels in `value`.
 */
function actionsBlocks(buttons: Button[], counter: { next: number }): ActionsBlock[] {
  const elements = buttons.map(
    (button): types.Button => ({
      type: 'button',
      action_id: `calma:${counter.next++}`,
      text: {
        type: 'plain_text',
        text: truncatePlain(button.label, SLACK_LIMITS.buttonText) || ELLIPSIS,
        emoji: true,
      },
      value: buttonValue(button),
      ...(button.style ? { style: button.style } : {}),
    }),
  );
  return chunk(elements, SLACK_LIMITS.actionsElements).map((group) => ({ type: 'actions', elements: group }));
}

function contextBlock(context: string): KnownBlock[] {
  const text = truncateMrkdwn(escapeMrkdwn(context), SLACK_LIMITS.sectionText);
  if (isBlank(text)) return [];
  return [{ type: 'context', elements: [{ type: 'mrkdwn', text }] }];
}

/** A card's blocks in reading order; the tone's emoji marks the header, or the first line without one. */
function cardBlocks(card: Card, counter: { next: number }): KnownBlock[] {
  const mark = card.tone ? `${TONE_EMOJI[card.tone]} ` : '';
  const header = headerBlock(card.title ?? '', mark);
  return [
    ...header,
    ...lineSections(card.lines ?? [], header.length > 0 ? '' : mark),
    ...fieldSections(card.fields ?? []),
    ...actionsBlocks(card.buttons ?? [], counter),
    ...contextBlock(card.context ?? ''),
  ];
}

/**
 * The notification text: the title, else the first line, else whatever the card has. Escaped because the
 * top-level `text` is mrkdwn too (a mention in it still notifies by name).
 */
function fallbackText(card: Card): string {
  const candidates = [
    card.title,
    ...(card.lines ?? []),
    ...(card.fields ?? []).map((f) => `${f.label}: ${f.value}`),
    card.context,
    (card.buttons ?? []).map((b) => b.label).join(' · '),
  ];
  const texts = candidates.map((c) => escapeMrkdwn(c ?? ''));
  return truncateMrkdwn(texts.find((c) => !isBlank(c)) ?? '', SLACK_LIMITS.messageText);
}

// ---------------------------------------------------------------------------------------------------------
// Blocks → messages

interface Placed {
  block: KnownBlock;
  card: Card;
}

/** A divider at either end of a message separates nothing. */
function withoutEdgeDividers(placed: Placed[]): Placed[] {
  const start = placed[0]?.block.type === 'divider' ? 1 : 0;
  const end = placed.at(-1)?.block.type === 'divider' ? placed.length - 1 : placed.length;
  return placed.slice(start, end);
}

function toMessage(placed: Placed[]): SlackMessage {
  const first = placed[0];
  return { text: first ? fallbackText(first.card) : '', blocks: placed.map((p) => p.block) };
}

/**
 * Several cards in as few messages as Slack's 50-block limit allows, a divider between cards (one
 * ephemeral reply stays one message when it fits). A message continuing a long card takes that card's
 * notification text. Cards with nothing to show are skipped, so no cards give no messages.
 */
export function cardsToMessages(cards: Card[]): SlackMessage[] {
  const counter = { next: 0 };
  const placed: Placed[] = [];
  for (const card of cards) {
    const blocks = cardBlocks(card, counter);
    if (blocks.length === 0) continue;
    if (placed.length > 0) placed.push({ block: { type: 'divider' }, card });
    for (const block of blocks) placed.push({ block, card });
  }
  return chunk(placed, SLACK_LIMITS.blocksPerMessage).map(withoutEdgeDividers).map(toMessage);
}

/** One card as Slack messages: one, unless the card needs more than 50 blocks. None for an empty card. */
export function cardToMessages(card: Card): SlackMessage[] {
  return cardsToMessages([card]);
}
