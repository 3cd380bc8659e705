import type { webApi } from '@slack/bolt';
import type { Reply } from '../app/deps';
import type { Locale } from '../core/types';
import { translator } from '../i18n';
import { FORM_KINDS, type Form, type FormField, type FormKind } from '../ports/chat';
import { cardsToMessages } from './blocks';
import { formToModal } from './modal';

type WebClient = webApi.WebClient;

/** Every calma modal shares one callback id; what it does travels in its private metadata. */
export const FORM_CALLBACK_ID = 'calma-form';

/** What a submitted modal needs to be understood: its form's kind, args and field types, and its room. */
export interface FormMetadata {
  kind: Form['submit']['kind'];
  args: string[];
  room: string;
  fields: [string, NonNullable<FormField['type']>][];
}

/** How a reply reaches the one person it is for. */
export interface ReplyChannel {
  /** An ephemeral message (response_url, or chat.postEphemeral). */
  ephemeral(message: { text: string; blocks: unknown[] }): Promise<unknown>;
  /** A trigger id to open a modal with, when the interaction gave one (3 s validity). */
  triggerId?: string;
  room: string;
}

/** Sends a handler's reply: its cards as one ephemeral message where they fit, its form as a modal. */
export async function deliver(
  client: WebClient,
  reply: Reply,
  to: ReplyChannel,
  locale: Locale,
): Promise<void> {
  for (const message of cardsToMessages(reply.cards)) await to.ephemeral(message);
  if (reply.form && to.triggerId) {
    const t = translator(locale);
    const metadata: FormMetadata = {
      kind: reply.form.submit.kind,
      args: reply.form.submit.args,
      room: to.room,
      fields: reply.form.fields.map((f) => [f.id, f.type ?? 'text']),
    };
    await client.views.open({
      trigger_id: to.triggerId,
      view: formToModal(reply.form, {
        callbackId: FORM_CALLBACK_ID,
        privateMetadata: JSON.stringify(metadata),
        submitLabel: t('forms.submit'),
        closeLabel: t('forms.cancel'),
      }),
    });
  }
}

/** The metadata of a submitted modal, checked: it comes back from the network. */
export function readMetadata(raw: string): FormMetadata | null {
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return null;
    const { kind, args, room, fields } = value as Record<string, unknown>;
    if (!FORM_KINDS.includes(kind as FormKind)) return null;
    if (!Array.isArray(args) || !args.every((a) => typeof a === 'string')) return null;
    if (typeof room !== 'string' || !Array.isArray(fields)) return null;
    const pairs = fields.filter(
      (f): f is [string, NonNullable<FormField['type']>] =>
        Array.isArray(f) && typeof f[0] === 'string' && typeof f[1] === 'string',
    );
    return { kind: kind as FormKind, args, room, fields: pairs };
  } catch {
    return null;
  }
}

/** The form a modal was built from, as far as reading its answers needs (ids and types). */
export function formOf(metadata: FormMetadata): Form {
  return {
    submit: { kind: metadata.kind, args: metadata.args },
    title: '',
    fields: metadata.fields.map(([id, type]) => ({ id, type, label: '' })),
  };
}
