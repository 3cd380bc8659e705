import { randomUUID } from 'node:crypto';
import type { App, webApi } from '@slack/bolt';
import { openFormFromMessage } from '../../handlers/open';
import type { Caller, Deps } from '../app/deps';
import { formErrors } from '../app/dispatch';
import { callerLocale } from '../app/mutate';
import type { CapturedMessage } from '../core/types';
import {
  answer,
  notRecorded,
  postEphemeral,
  type SlackCommandQueue,
  type SlackJob,
  type SlackRunner,
} from './handoff';
import { deliveryKey } from './idempotency';
import { modalErrors, readModalValues } from './modal';
import { FORM_CALLBACK_ID, formOf, readMetadata } from './replies';

type WebClient = webApi.WebClient;

/** The message shortcut "Open a crisis from this message" (see slack-app-manifest.yml). */
export const OPEN_FROM_MESSAGE = 'open_crisis_from_message';
/** The message shortcut "Add to crisis evidence". */
export const ADD_TO_EVIDENCE = 'add_to_crisis_evidence';
/** Every calma button's action_id starts with this (the value carries the action). */
export const ACTION_PREFIX = /^calma:/;

export interface ListenerOptions {
  deps: Deps;
  /** Where acknowledged requests are written before (or as) they are acknowledged. */
  commands: SlackCommandQueue;
  /** Runs what was handed off, in this process. */
  runner: SlackRunner;
  /** Reacting with this emoji in an incident room captures the message. */
  captureReaction: string;
}

/**
 * Slack's events, commands and interactions in, typed interactions out. A request is written to Redis
 * (guarded, src/queue/commands.ts) before it is acknowledged, then run here (src/slack/handoff.ts); if
 * this process dies first, another one runs it. If Redis cannot take it, the person is told at once that
 * nothing was done, instead of being acknowledged into the void. A request Slack sends twice (a retried
 * event, a resent trigger) is run once: its delivery key is claimed before it runs.
 */
export function registerListeners(
  app: App,
  { deps, commands, runner, captureReaction }: ListenerOptions,
): void {
  /** Hands the request off; false (and nothing queued) when Redis could not take it. */
  const handOff = (job: SlackJob, body: unknown): Promise<boolean> => {
    const key = deliveryKey(body) ?? `slack:${randomUUID()}`;
    // The key travels with the caller: a request run again after a crash resumes what it had begun.
    const keyed = { ...job, caller: { ...job.caller, request: key } };
    return commands.guard(key, keyed).then(
      (guard) => {
        runner.take(keyed, guard);
        return true;
      },
      (error: unknown) => {
        deps.log.error(
          { err: error, user: job.caller.user, room: job.caller.room },
          'could not hand off a Slack request: the user is told nothing was done',
        );
        return false;
      },
    );
  };
  const refused = (caller: Caller) => notRecorded(callerLocale(deps, caller));

  app.command('/crisis', async ({ command, body, ack, respond }) => {
    const caller: Caller = { workspace: command.team_id, user: command.user_id, room: command.channel_id };
    const job: SlackJob = {
      caller,
      interaction: { type: 'command', text: unescapeSlack(command.text) },
      responseUrl: command.response_url,
      triggerId: command.trigger_id,
    };
    // Redis known to be away: the acknowledgement itself carries the refusal. Otherwise the request is
    // written as it is acknowledged, and a write that fails is answered on the response_url.
    if (!commands.ready()) return ack({ response_type: 'ephemeral', ...refused(caller) });
    const taken = handOff(job, body);
    await ack();
    if (!(await taken)) await respond({ response_type: 'ephemeral', ...refused(caller) });
  });

  app.action({ action_id: ACTION_PREFIX }, async ({ body, action, ack, respond }) => {
    if (body.type !== 'block_actions' || action.type !== 'button') return ack();
    const room = body.channel?.id ?? body.container?.channel_id ?? '';
    const caller: Caller = { workspace: body.team?.id ?? '', user: body.user.id, room };
    const job: SlackJob = {
      caller,
      interaction: { type: 'action', value: action.value ?? '' },
      ...(body.response_url ? { responseUrl: body.response_url } : {}),
      triggerId: body.trigger_id,
    };
    const taken = handOff(job, body);
    await ack();
    if (!(await taken))
      await respond({ response_type: 'ephemeral', replace_original: false, ...refused(caller) });
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
    const refusedFields = formErrors(deps, caller, metadata.kind, values);
    if (refusedFields) {
      await ack(modalErrors(refusedFields));
      return;
    }
    const job: SlackJob = {
      caller,
      interaction: { type: 'form', kind: metadata.kind, args: metadata.args, values },
    };
    if (await handOff(job, body)) return ack();
    // Not recorded: the form stays open with what was typed, and says why under its first field.
    const first = metadata.fields[0]?.[0];
    if (first) return ack(modalErrors({ [first]: refused(caller).text }));
    await ack();
    await postEphemeral(client, metadata.room, caller.user, refused(caller));
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
    if (!(await handOff({ caller, interaction: { type: 'capture', message, explicit: true } }, body))) {
      await postEphemeral(client, room, caller.user, refused(caller));
    }
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
    if (!(await handOff({ caller, interaction: { type: 'capture', message } }, body))) {
      await postEphemeral(client, room, caller.user, refused(caller));
    }
  });
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
