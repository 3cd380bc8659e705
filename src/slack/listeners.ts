import type { App, webApi } from '@slack/bolt';
import { openFormFromMessage } from '../../handlers/open';
import type { Caller, Deps, Reply } from '../app/deps';
import { dispatch, formErrors, type Interaction } from '../app/dispatch';
import { callerLocale } from '../app/mutate';
import type { CapturedMessage } from '../core/types';
import type { AfterAck } from './after-ack';
import { firstDelivery } from './idempotency';
import { modalErrors, readModalValues } from './modal';
import { deliver, FORM_CALLBACK_ID, formOf, type ReplyChannel, readMetadata } from './replies';

type WebClient = webApi.WebClient;

/** The message shortcut "Open a crisis from this message" (see slack-app-manifest.yml). */
export const OPEN_FROM_MESSAGE = 'open_crisis_from_message';
/** The message shortcut "Add to crisis evidence". */
export const ADD_TO_EVIDENCE = 'add_to_crisis_evidence';
/** Every calma button's action_id starts with this (the value carries the action). */
export const ACTION_PREFIX = /^calma:/;

export interface ListenerOptions {
  deps: Deps;
  /** Where the work of acknowledged requests waits its turn. */
  afterAck: AfterAck;
  /** Reacting with this emoji in an incident room captures the message. */
  captureReaction: string;
}

/**
 * Slack's events, commands and interactions in, typed interactions to `dispatch` out. Each listener
 * acknowledges first (Slack's 3-second limit), then works, then answers the person who asked.
 */
export function registerListeners(app: App, { deps, afterAck, captureReaction }: ListenerOptions): void {
  /**
   * The work of one delivery, after its ack. A delivery Slack sends twice (a retried event, a resent
   * trigger) is claimed in Redis here rather than before the ack, to keep Redis off the ack's path.
   */
  const run = (
    client: WebClient,
    caller: Caller,
    interaction: Interaction,
    to: ReplyChannel,
    body: unknown,
  ) => {
    afterAck.run(async () => {
      if (!(await firstDelivery(deps.store, body))) return;
      const reply = await dispatch(deps, caller, interaction);
      await answer(deps, client, caller, reply, to);
    });
  };

  app.command('/crisis', async ({ command, body, ack, respond, client }) => {
    await ack();
    const caller: Caller = { workspace: command.team_id, user: command.user_id, room: command.channel_id };
    run(
      client,
      caller,
      { type: 'command', text: unescapeSlack(command.text) },
      {
        room: command.channel_id,
        triggerId: command.trigger_id,
        ephemeral: (m) => respond({ response_type: 'ephemeral', ...m }),
      },
      body,
    );
  });

  app.action({ action_id: ACTION_PREFIX }, async ({ body, action, ack, respond, client }) => {
    await ack();
    if (body.type !== 'block_actions' || action.type !== 'button') return;
    const room = body.channel?.id ?? body.container?.channel_id ?? '';
    const caller: Caller = { workspace: body.team?.id ?? '', user: body.user.id, room };
    run(
      client,
      caller,
      { type: 'action', value: action.value ?? '' },
      {
        room,
        triggerId: body.trigger_id,
        ephemeral: (m) => respond({ response_type: 'ephemeral', replace_original: false, ...m }),
      },
      body,
    );
  });

  app.view(FORM_CALLBACK_ID, async ({ ack, view, body, client }) => {
    const metadata = readMetadata(view.private_metadata);
    if (!metadata) {
      await ack();
      return;
    }
    const caller: Caller = {
      workspace: body.team?.id ?? view.team_id,
      user: body.user.id,
      room: metadata.room,
    };
    const values = readModalValues(formOf(metadata), view.state.values);
    // Refused answers must reach Slack inside the acknowledgement to show under their fields.
    const refused = formErrors(deps, caller, metadata.kind, values);
    if (refused) {
      await ack(modalErrors(refused));
      return;
    }
    await ack();
    run(
      client,
      caller,
      { type: 'form', kind: metadata.kind, args: metadata.args, values },
      {
        room: metadata.room,
        ephemeral: (m) => postEphemeral(client, metadata.room, caller.user, m),
      },
      body,
    );
  });

  app.shortcut(OPEN_FROM_MESSAGE, async ({ shortcut, ack, client }) => {
    await ack();
    if (shortcut.type !== 'message_action') return;
    const room = shortcut.channel.id;
    const caller: Caller = { workspace: shortcut.team?.id ?? '', user: shortcut.user.id, room };
    const message = await describeMessage(client, room, shortcut.message.ts, {
      user: shortcut.message.user ?? '',
      text: shortcut.message.text ?? '',
    });
    const form = await openFormFromMessage(deps, caller, message);
    await answer(
      deps,
      client,
      caller,
      { cards: [], form },
      {
        room,
        triggerId: shortcut.trigger_id,
        ephemeral: (m) => postEphemeral(client, room, caller.user, m),
      },
    );
  });

  app.shortcut(ADD_TO_EVIDENCE, async ({ shortcut, ack, client, body }) => {
    await ack();
    if (shortcut.type !== 'message_action') return;
    const room = shortcut.channel.id;
    const caller: Caller = { workspace: shortcut.team?.id ?? '', user: shortcut.user.id, room };
    const message = await describeMessage(client, room, shortcut.message.ts, {
      user: shortcut.message.user ?? '',
      text: shortcut.message.text ?? '',
    });
    run(
      client,
      caller,
      { type: 'capture', message, explicit: true },
      { room, ephemeral: (m) => postEphemeral(client, room, caller.user, m) },
      body,
    );
  });

  app.event('reaction_added', async ({ event, body, client }) => {
    if (event.reaction !== captureReaction || event.item.type !== 'message') return;
    const room = event.item.channel;
    const caller: Caller = { workspace: body.team_id, user: event.user, room };
    // Only messages in incident rooms are evidence; skip the API calls for every other pushpin.
    if (!(await deps.store.findByRoom(caller.workspace, room))) return;
    const message = await describeMessage(
      client,
      room,
      event.item.ts,
      await fetchMessage(client, room, event.item.ts),
    );
    run(
      client,
      caller,
      { type: 'capture', message },
      {
        room,
        ephemeral: (m) => postEphemeral(client, room, caller.user, m),
      },
      body,
    );
  });
}

/** Sends a reply; a failure to deliver it is logged with context, never lost silently. */
async function answer(deps: Deps, client: WebClient, caller: Caller, reply: Reply, to: ReplyChannel) {
  try {
    await deliver(client, reply, to, callerLocale(deps, caller));
  } catch (error) {
    deps.log.error({ err: error, user: caller.user, room: to.room }, 'could not deliver a reply in Slack');
  }
}

function postEphemeral(
  client: WebClient,
  channel: string,
  user: string,
  m: { text: string; blocks: unknown[] },
) {
  return client.chat.postEphemeral({ channel, user, text: m.text, blocks: m.blocks as never });
}

/** The text and author of a message, from history (or its thread when it is a reply). */
async function fetchMessage(
  client: WebClient,
  channel: string,
  ts: string,
): Promise<{ user: string; text: string }> {
  const history = await client.conversations.history({ channel, latest: ts, inclusive: true, limit: 1 });
  const found = history.messages?.find((m) => m.ts === ts);
  if (found) return { user: found.user ?? '', text: found.text ?? '' };
  const thread = await client.conversations.replies({ channel, ts, inclusive: true, limit: 1 });
  const reply = thread.messages?.find((m) => m.ts === ts);
  return { user: reply?.user ?? '', text: reply?.text ?? '' };
}

/** A message as evidence: author, text, when it was posted (from its ts) and a permalink. */
async function describeMessage(
  client: WebClient,
  channel: string,
  ts: string,
  message: { user: string; text: string },
): Promise<CapturedMessage> {
  const link = await client.chat.getPermalink({ channel, message_ts: ts }).then(
    (r) => r.permalink,
    () => undefined,
  );
  return {
    author: message.user,
    text: unescapeSlack(message.text),
    postedAt: new Date(Number(ts) * 1000).toISOString(),
    ...(link ? { link } : {}),
  };
}

/**
 * Slack sends typed `<`, `>` and `&` as entities; calma stores what people typed and escapes it again
 * when rendering, so a title reads `Price < 0` and not `Price &lt; 0`. Mentions arrive as real tokens.
 */
export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
