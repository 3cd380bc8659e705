/**
 * A platform-neutral message: adapters render it as Block Kit, Discord embeds + components, or text.
 * Texts are already localised when a Card is built. Markup is limited to `*bold*` and the mentions and
 * room links of `ChatPort.mention` / `roomLink` (see markup.ts), which every adapter can render; any other
 * text, typed by people or sent by tools, is shown as the characters it is.
 */
export interface Card {
  title?: string;
  /** Paragraphs, in order. */
  lines?: string[];
  fields?: { label: string; value: string }[];
  buttons?: Button[];
  /** Small print under the card (e.g. "Playbook hacked-account · step 2 of 11"). */
  context?: string;
  tone?: 'info' | 'warning' | 'danger' | 'success';
}

export interface Button {
  label: string;
  action: Action;
  style?: 'primary' | 'danger';
}

/**
 * What a button does when pressed. Encoded into a platform's button value / custom id, so it must stay
 * short (Discord: 100 chars): large payloads go to a stored draft and the action carries its key.
 */
export interface Action {
  kind: ActionKind;
  args: string[];
}

export const ACTION_KINDS = [
  'step.done',
  'step.skip',
  'step.assign',
  'open.pick',
  'sev.set',
  'room.join',
  'reminder.snooze',
  'reminder.dismiss',
  'statement.draft',
  'statement.approve',
  'statement.reject',
  'statement.edit',
  'followup.done',
  'lockdown.request',
  'lockdown.confirm',
  'alert.open',
  'alert.dismiss',
  'alert.pick',
  'alert.groups',
  'help',
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

const SEPARATOR = '|';

export function encodeAction(action: Action): string {
  return [action.kind, ...action.args].join(SEPARATOR);
}

export function decodeAction(value: string): Action | null {
  const [kind, ...args] = value.split(SEPARATOR);
  if (!kind || !(ACTION_KINDS as readonly string[]).includes(kind)) return null;
  return { kind: kind as ActionKind, args };
}
