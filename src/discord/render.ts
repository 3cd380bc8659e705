import {
  type APIActionRowComponent,
  type APIAllowedMentions,
  type APIButtonComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
} from 'discord-api-types/v10';
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
import { type Action, type Button, type Card, decodeAction, encodeAction } from '../core/card';
import { renderMarks, segments } from '../core/markup';

/**
 * Message limits a card can run into (https://discord.com/developers/docs/resources/message#embed-object-embed-limits,
 * .../components/reference#button). Lengths are UTF-16 code units, never less than what Discord counts.
 */
export const DISCORD_LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  /** Title, description, field names and values and footer of every embed of one message, together. */
  embedTextPerMessage: 6000,
  title: 256,
  description: 4096,
  fieldsPerEmbed: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  rowsPerMessage: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  /** Ids in `allowed_mentions.users`, and in `allowed_mentions.roles`. */
  allowedMentionIds: 100,
} as const;

/**
 * A line longer than a description continues in the next embed; past this many it is truncated. Nothing
 * calma writes comes near (a statement is at most 3000 characters): reaching it means pasted junk.
 */
export const MAX_DESCRIPTIONS_PER_LINE = 4;

export { ELLIPSIS };

/** Every calma button's custom id starts with this; the encoded action follows. */
export const BUTTON_PREFIX = 'calma:';

export type ButtonRow = APIActionRowComponent<APIButtonComponent>;

/** A message as Discord's REST API takes it (create or edit). */
export interface DiscordMessage {
  /**
   * The mentions of the cards' lines, so the people named are notified: Discord never notifies a mention
   * inside an embed. Always set (possibly empty), so editing a message also drops mentions it no longer has.
   */
  content?: string;
  embeds: APIEmbed[];
  components: ButtonRow[];
  /** Only the mentions in `content` may notify; `@everyone` / `@here` never do. */
  allowed_mentions?: APIAllowedMentions;
}

const TONE_COLOR: Record<NonNullable<Card['tone']>, number> = {
  danger: 0xed4245,
  warning: 0xfee75c,
  success: 0x57f287,
  info: 0x5865f2,
};

/** Colour is not enough on its own (colour blindness, screen readers): the mark says it too, as on Slack. */
const TONE_EMOJI: Record<NonNullable<Card['tone']>, string> = {
  danger: '🚨',
  warning: '⚠️',
  success: '✅',
  info: 'ℹ️',
};

/** Discord wants a name and a value in every field: this stands in for an empty one. */
const BLANK = '\u200b';

// ---------------------------------------------------------------------------------------------------------
// calma markup → Discord markdown

/** Discord's own `<…>` sequences that neither ping nor disguise: timestamps, custom emoji, command mentions. */
const HARMLESS_TOKEN =
  /^(?:\/[^<>:]+:\d{1,20}|t:-?\d{1,15}(?::[tTdDfFRs])?|a?:\w{2,32}:\d{1,20}|https?:\/\/[^\s|]+)$/;

/** Discord's mentions (`<@1>`, `<@!1>`, `<@&1>`, `<#1>`): from outside text they are shown, not rendered. */
const MENTION_TOKEN = /^(?:@!?|@&|#)\d{1,20}$/;

/** Any `<…>` that may be a platform token; `a < b > c` (spaces inside the brackets) is plain text. */
const ANGLE_TOKEN = /<([^<>\s][^<>]*)>/g;
/** The same, with the backslashes typed before it. */
const ESCAPABLE_TOKEN = /(\\*)<([^<>\s][^<>]*)>/g;

/**
 * A `<…>` token of untrusted text as Discord should show it: Discord's harmless ones stay, its mentions
 * show as typed (escaped), and Slack's (`<@U1|ana>`, `<#C1|general>`, `<!subteam^S1|@team>`, `<!here>`,
 * `<https://…|label>`) become the text they stand for, a link's label followed by its real URL. Anything
 * else is left as typed.
 */
function discordToken(inner: string): string {
  if (HARMLESS_TOKEN.test(inner)) return `<${inner}>`;
  if (MENTION_TOKEN.test(inner)) return `\\<${inner}>`;
  const labelled = /^([@#])[^|]+\|(.+)$/.exec(inner);
  if (labelled) return `${labelled[1]}${labelled[2]?.replace(/^[@#]/, '')}`;
  const bare = /^([@#])([A-Za-z0-9]+)$/.exec(inner);
  if (bare) return `${bare[1]}${bare[2]}`;
  const group = /^!subteam\^[^|]*\|(.+)$/.exec(inner);
  if (group?.[1]) return group[1].startsWith('@') ? group[1] : `@${group[1]}`;
  const fallback = /^![^|]*\|(.+)$/.exec(inner);
  if (fallback?.[1]) return fallback[1];
  const word = /^!(?:subteam\^)?(\w+)$/.exec(inner);
  if (word) return `@${word[1]}`;
  const link = /^((?:https?:\/\/|mailto:)[^|\s]+)\|(.+)$/.exec(inner);
  if (link?.[1] && link[2]) return `${link[2]} (${link[1].replace(/^mailto:/, '')})`;
  if (/^mailto:\S+$/.test(inner)) return inner.slice(7);
  return `<${inner}>`;
}

/** `[label](url)`, `[label](<url>)`, with an optional "title": Discord's masked links. */
const MASKED_LINK = /\[([^[\]\n]*)\]\(\s*<?([^\s()<>]+(?:\([^\s()]*\)[^\s()<>]*)*)>?(?:\s+"[^"\n]*")?\s*\)/g;

/**
 * Untrusted text as Discord markdown that shows what it says: `<…>` tokens as above, a masked link as
 * its label followed by its real URL (what is left of one is escaped), and `@everyone` / `@here` broken
 * with a zero-width space, so they never look like (or, in content, act as) a ping.
 */
function inertMarkdown(text: string): string {
  return text
    .replace(ESCAPABLE_TOKEN, (_, slashes: string, inner: string) => {
      const token = discordToken(inner);
      return token.startsWith('\\') ? escapedAfter(slashes, token.slice(1)) : slashes + token;
    })
    .replace(MASKED_LINK, (_, label: string, url: string) => `${label} (${url})`)
    .replace(/(\\*)\]\(/g, (_, slashes: string) => `${escapedAfter(slashes, ']')}(`)
    .replace(/@(everyone|here)/gi, '@\u200b$1');
}

/** `markup` escaped after typed backslashes: an even number of them escape each other, not it. */
function escapedAfter(slashes: string, markup: string): string {
  return `${slashes}${slashes.length % 2 === 0 ? '\\' : ''}${markup}`;
}

/** A mention calma means: a user, or a role (kept as `&<id>`); an id that is neither shows as text. */
function discordMention(id: string): string {
  if (/^\d{1,20}$/.test(id)) return `<@${id}>`;
  if (/^&\d{1,20}$/.test(id)) return `<@${id}>`;
  return inertMarkdown(`@${id}`);
}

function discordRoom(id: string, name: string): string {
  return /^\d{1,20}$/.test(id) ? `<#${id}>` : inertMarkdown(`#${name}`);
}

/** `*bold*` whose asterisks touch the words (as Slack reads it); `**already bold**` is left alone. */
const SLACK_BOLD = /(?<![\w*])\*(?=\S)([^*\n]*?\S)\*(?![\w*])/g;

/** Discord turns these line starts into headings or subtext: typed text keeps its size. */
const LINE_MARKUP = /^(#{1,3} |-# )/gm;

/** Card text (`*bold*`, calma's marks, untrusted text) as Discord markdown, for one-line texts. */
function inlineMarkdown(text: string): string {
  return renderMarks(text, { text: inertMarkdown, user: discordMention, room: discordRoom }).replace(
    SLACK_BOLD,
    '**$1**',
  );
}

/** Card text as Discord markdown for paragraphs (descriptions, field values, content). */
export function toDiscordMarkdown(text: string): string {
  return inlineMarkdown(text).replace(LINE_MARKUP, '\\$1');
}

/**
 * For places Discord shows as plain text, rendering neither markdown nor mentions nor links (a footer,
 * a modal): marks as the names they stand for, Slack tokens resolved, bold markers dropped.
 */
function toPlain(text: string): string {
  return renderMarks(text, {
    text: (s) => s.replace(ANGLE_TOKEN, (_, inner: string) => discordToken(inner).replace(/^\\/, '')),
    user: (id) => `@${id}`,
    room: (_, name) => `#${name}`,
  }).replace(SLACK_BOLD, '$1');
}

// ---------------------------------------------------------------------------------------------------------
// Cutting text to a limit

/** True when `i` falls inside a `<…>` token (a mention cut in half would show as garbage). */
function insideToken(text: string, i: number): boolean {
  const open = text.lastIndexOf('<', i - 1);
  if (open < 0) return false;
  const close = text.indexOf('>', open);
  return close >= i && !/\s/.test(text.slice(open + 1, open + 2));
}

/** The largest index ≤ max where text can be cut without breaking a token or a character. */
function safeCut(text: string, max: number): number {
  let i = max;
  if (insideToken(text, i)) i = text.lastIndexOf('<', i - 1);
  // An escaped `\<@1>` keeps its backslash: without it, the mention would render.
  if (text.startsWith('\\<', i - 1)) i -= 1;
  if (splitsSurrogatePair(text, i)) i -= 1;
  if (i > 0) return i;
  return splitsSurrogatePair(text, max) ? max - 1 : max;
}

/** Text at most `max` long, ending with a visible '…' when something was cut. */
export function truncate(text: string, max: number): string {
  return truncateWith(text, max, safeCut);
}

/**
 * Card text where Discord renders nothing (a modal's title, labels and pre-filled answers), at most
 * `max` long: marks as the names they stand for, the rest as typed, less what must never reach Discord.
 */
export function truncatePlain(text: string, max: number): string {
  const plain = renderMarks(text, { text: (s) => s, user: (id) => `@${id}`, room: (_, name) => `#${name}` });
  return truncate(plain, max);
}

/** Where Discord markdown may be cut: not inside a mention or a character. */
const MARKDOWN: CutRules = { cut: safeCut, safe: (text, i) => !insideToken(text, i) };

// ---------------------------------------------------------------------------------------------------------
// Mentions

interface Mentions {
  users: string[];
  roles: string[];
}

/**
 * The users and roles calma means to ping in a card's lines, in order: only its own marks count, never
 * a mention-looking string in the text. Only lines count: they are what a card says to people ("*Who:*
 * @ana", a reminder "for @comms"); fields are reference data (the summary's role holders, a statement's
 * authors) and pinging everyone they name each time a summary is posted would be noise.
 */
function lineMentions(lines: string[]): Mentions {
  const ids = lines.flatMap(segments).flatMap((s) => (s.kind === 'user' ? [s.id] : []));
  const users = ids.filter((id) => /^\d{1,20}$/.test(id));
  const roles = ids.flatMap((id) => (/^&\d{1,20}$/.test(id) ? [id.slice(1)] : []));
  return { users: [...new Set(users)], roles: [...new Set(roles)] };
}

// ---------------------------------------------------------------------------------------------------------
// Card → embeds and button rows

interface CardParts {
  embeds: APIEmbed[];
  rows: ButtonRow[];
  mentions: Mentions;
}

function embedSize(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0);
  return (
    (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + fields + (embed.footer?.text.length ?? 0)
  );
}

const isEmptyEmbed = (embed: APIEmbed): boolean => embedSize(embed) === 0;

/** The lines as descriptions of at most 4096: one, unless the card is very long. */
function descriptions(lines: string[], mark: string): string[] {
  const pieces = lines
    .filter((line) => !isBlank(line))
    .map((line, i) => (i === 0 ? mark : '') + toDiscordMarkdown(line))
    .flatMap((line) => splitText(line, DISCORD_LIMITS.description, MAX_DESCRIPTIONS_PER_LINE, MARKDOWN));
  return joinWhileFits(pieces, DISCORD_LIMITS.description);
}

function embedField(field: { label: string; value: string }): APIEmbedField | null {
  const name = inlineMarkdown(field.label.trim());
  const value = toDiscordMarkdown(field.value.trim());
  if (isBlank(name) && isBlank(value)) return null;
  return {
    name: truncate(name || BLANK, DISCORD_LIMITS.fieldName),
    value: truncate(value || BLANK, DISCORD_LIMITS.fieldValue),
    // Short one-line values sit side by side, like Slack's two-column fields; longer ones take the width.
    inline: value.length <= 60 && !value.includes('\n'),
  };
}

/**
 * One embed per card, unless the card overflows one (a description over 4096, more than 25 fields, more
 * than 6000 characters): then it continues in embeds of the same colour, title on the first, footer on
 * the last.
 */
function cardEmbeds(card: Card): APIEmbed[] {
  const mark = card.tone ? `${TONE_EMOJI[card.tone]} ` : '';
  const color = card.tone ? { color: TONE_COLOR[card.tone] } : {};
  const title = isBlank(card.title ?? '')
    ? ''
    : truncate(mark + inlineMarkdown(card.title ?? ''), DISCORD_LIMITS.title);
  const embeds: APIEmbed[] = [];
  let current: APIEmbed = { ...color, ...(title ? { title } : {}) };
  const next = () => {
    embeds.push(current);
    current = { ...color };
  };
  for (const description of descriptions(card.lines ?? [], title ? '' : mark)) {
    if (current.description !== undefined) next();
    current.description = description;
  }
  for (const field of (card.fields ?? []).map(embedField)) {
    if (!field) continue;
    const full = (current.fields?.length ?? 0) >= DISCORD_LIMITS.fieldsPerEmbed;
    if (
      full ||
      embedSize(current) + field.name.length + field.value.length > DISCORD_LIMITS.embedTextPerMessage
    )
      next();
    current.fields = [...(current.fields ?? []), field];
  }
  const footer = isBlank(card.context ?? '')
    ? ''
    : truncate(toPlain(card.context ?? ''), DISCORD_LIMITS.footer);
  if (footer) {
    if (embedSize(current) + footer.length > DISCORD_LIMITS.embedTextPerMessage) next();
    current.footer = { text: footer };
  }
  embeds.push(current);
  return embeds.filter((embed) => !isEmptyEmbed(embed));
}

/** The custom id of a button: its action must come back whole, so an id over 100 is a bug and throws. */
export function buttonCustomId(action: Action, occurrence = 0): string {
  const id = `${BUTTON_PREFIX}${occurrence > 0 ? `${occurrence}:` : ''}${encodeAction(action)}`;
  if (id.length > DISCORD_LIMITS.customId) {
    throw new Error(
      `button action "${encodeAction(action)}" makes a ${id.length}-char custom id; Discord allows ${DISCORD_LIMITS.customId}`,
    );
  }
  return id;
}

/** The action of a pressed button, or null when the custom id is not one of calma's. */
export function actionOfCustomId(customId: string): Action | null {
  const match = /^calma:(?:\d+:)?(.*)$/s.exec(customId);
  return match?.[1] ? decodeAction(match[1]) : null;
}

const BUTTON_STYLE: Record<
  NonNullable<Button['style']> | 'none',
  ButtonStyle.Primary | ButtonStyle.Danger | ButtonStyle.Secondary
> = {
  primary: ButtonStyle.Primary,
  danger: ButtonStyle.Danger,
  none: ButtonStyle.Secondary,
};

function buttonComponent(button: Button): APIButtonComponentWithCustomId {
  return {
    type: ComponentType.Button,
    style: BUTTON_STYLE[button.style ?? 'none'],
    label: truncate(button.label.trim() || ELLIPSIS, DISCORD_LIMITS.buttonLabel),
    custom_id: buttonCustomId(button.action),
  };
}

function buttonRows(buttons: Button[]): ButtonRow[] {
  return chunk(buttons.map(buttonComponent), DISCORD_LIMITS.buttonsPerRow).map((group) => ({
    type: ComponentType.ActionRow,
    components: group,
  }));
}

function cardParts(card: Card): CardParts {
  return {
    embeds: cardEmbeds(card),
    rows: buttonRows(card.buttons ?? []),
    mentions: lineMentions(card.lines ?? []),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Parts → messages

interface Draft {
  embeds: APIEmbed[];
  rows: ButtonRow[];
  size: number;
  mentions: Mentions;
}

const emptyDraft = (): Draft => ({ embeds: [], rows: [], size: 0, mentions: { users: [], roles: [] } });

function mentionTokens(mentions: Mentions): string[] {
  return [...mentions.users.map((id) => `<@${id}>`), ...mentions.roles.map((id) => `<@&${id}>`)];
}

function contentLength(mentions: Mentions): number {
  return mentionTokens(mentions).join(' ').length;
}

function merged(a: Mentions, b: Mentions): Mentions {
  return { users: [...new Set([...a.users, ...b.users])], roles: [...new Set([...a.roles, ...b.roles])] };
}

function fitsEmbed(draft: Draft, embed: APIEmbed): boolean {
  return (
    draft.embeds.length < DISCORD_LIMITS.embedsPerMessage &&
    draft.size + embedSize(embed) <= DISCORD_LIMITS.embedTextPerMessage
  );
}

/** Whether a whole card can join the message, so a card is not split when the next message can hold it. */
function fitsCard(draft: Draft, card: CardParts): boolean {
  const size = card.embeds.reduce((sum, embed) => sum + embedSize(embed), 0);
  return (
    draft.embeds.length + card.embeds.length <= DISCORD_LIMITS.embedsPerMessage &&
    draft.size + size <= DISCORD_LIMITS.embedTextPerMessage &&
    draft.rows.length + card.rows.length <= DISCORD_LIMITS.rowsPerMessage &&
    contentLength(merged(draft.mentions, card.mentions)) <= DISCORD_LIMITS.content
  );
}

/**
 * Button custom ids must be unique within a message (Discord refuses it otherwise): a repeat, when two
 * cards of one message offer the same action, is numbered (`calma:1:step.done|…`).
 */
function withUniqueIds(rows: ButtonRow[]): ButtonRow[] {
  const seen = new Map<string, number>();
  return rows.map((row) => ({
    ...row,
    components: row.components.map((button) => {
      if (!('custom_id' in button)) return button;
      const count = seen.get(button.custom_id) ?? 0;
      seen.set(button.custom_id, count + 1);
      const action = count > 0 ? actionOfCustomId(button.custom_id) : null;
      return action ? { ...button, custom_id: buttonCustomId(action, count) } : button;
    }),
  }));
}

/** As many mention tokens as fit in a message's content (90-odd mentions; the rest are still in the embed). */
function content(mentions: Mentions): { content: string; allowed_mentions: APIAllowedMentions } {
  const tokens: string[] = [];
  const users: string[] = [];
  const roles: string[] = [];
  let length = 0;
  for (const [kind, ids] of [
    ['user', mentions.users],
    ['role', mentions.roles],
  ] as const) {
    for (const id of ids) {
      const token = kind === 'user' ? `<@${id}>` : `<@&${id}>`;
      const list = kind === 'user' ? users : roles;
      if (
        length + token.length + 1 > DISCORD_LIMITS.content ||
        list.length >= DISCORD_LIMITS.allowedMentionIds
      )
        continue;
      tokens.push(token);
      list.push(id);
      length += token.length + 1;
    }
  }
  return { content: tokens.join(' '), allowed_mentions: { parse: [], users, roles } };
}

/**
 * A rendered message as discord.js sends it: discord.js reads `allowedMentions`, not the API's
 * `allowed_mentions`, and without them would fall back to parsing every mention in the content.
 */
export function sendable(message: DiscordMessage) {
  const { allowed_mentions: allowed, ...rest } = message;
  return {
    ...rest,
    allowedMentions: { parse: [], users: allowed?.users ?? [], roles: allowed?.roles ?? [] },
  };
}

/** A channel topic: Discord shows mentions and markdown there (it pings nobody), cut to `max`. */
export function topicText(text: string, max: number): string {
  return truncate(toDiscordMarkdown(text), max);
}

function toMessage(draft: Draft): DiscordMessage {
  return { ...content(draft.mentions), embeds: draft.embeds, components: withUniqueIds(draft.rows) };
}

/**
 * Several cards in as few messages as Discord's limits allow (10 embeds, 6000 characters of embed text,
 * 5 rows of 5 buttons per message): a card starts a new message rather than be split when that message
 * can hold it whole, and its buttons follow its embeds. The mentions of a card's lines go in the content
 * of the message holding its first embed, since only mentions in content notify. Cards with nothing to
 * show are skipped, so no cards give no messages.
 */
export function cardsToMessages(cards: Card[]): DiscordMessage[] {
  const messages: Draft[] = [];
  let current = emptyDraft();
  const flush = () => {
    if (current.embeds.length > 0 || current.rows.length > 0) messages.push(current);
    current = emptyDraft();
  };
  for (const card of cards.map(cardParts)) {
    if (!fitsCard(current, card)) flush();
    card.embeds.forEach((embed, i) => {
      if (!fitsEmbed(current, embed)) flush();
      current.embeds.push(embed);
      current.size += embedSize(embed);
      if (i === 0) current.mentions = merged(current.mentions, card.mentions);
    });
    let rows = card.rows;
    while (rows.length > 0) {
      const room = DISCORD_LIMITS.rowsPerMessage - current.rows.length;
      if (room === 0) flush();
      else {
        current.rows.push(...rows.slice(0, room));
        rows = rows.slice(room);
      }
    }
  }
  flush();
  return messages.map(toMessage);
}

/**
 * A card as one plain Discord-markdown text of at most 2000 characters (title in bold, lines, fields as
 * `label: value`, the context as subtext), for places without embeds: notifications, logs, a DM fallback.
 */
export function plainText(card: Card): string {
  const mark = card.tone ? `${TONE_EMOJI[card.tone]} ` : '';
  const title = isBlank(card.title ?? '') ? [] : [`**${mark}${inlineMarkdown(card.title ?? '')}**`];
  const parts = [
    ...title,
    ...(card.lines ?? [])
      .filter((line) => !isBlank(line))
      .map((line, i) => (i === 0 && title.length === 0 ? mark : '') + toDiscordMarkdown(line)),
    ...(card.fields ?? []).map((f) => `**${inlineMarkdown(f.label.trim())}:** ${toDiscordMarkdown(f.value)}`),
    ...(isBlank(card.context ?? '') ? [] : [`-# ${inlineMarkdown(card.context ?? '')}`]),
  ].filter((part) => !isBlank(part));
  return truncate(parts.join('\n'), DISCORD_LIMITS.content);
}
