import type { FakeCall } from './fake-slack';

/** Web API calls that changed nothing: a topic set to the one the channel had, a message updated to what it showed. */
export interface SlackNoOps {
  setTopic: { calls: number; same: number };
  update: { calls: number; same: number };
}

/**
 * Replays recorded calls in the order Slack took them (the fake applies each as it arrives) and counts
 * `conversations.setTopic` calls whose topic is the channel's current one and `chat.update` calls whose
 * text and blocks are the message's current ones. Only calls Slack accepted count.
 */
export function slackNoOps(calls: readonly FakeCall[]): SlackNoOps {
  const topics = new Map<string, string>();
  const messages = new Map<string, string>();
  const out: SlackNoOps = { setTopic: { calls: 0, same: 0 }, update: { calls: 0, same: 0 } };
  const content = (call: FakeCall) => JSON.stringify([call.args.text ?? '', call.args.blocks ?? null]);
  for (const call of calls) {
    if (call.status !== 200 || call.response?.ok !== true) continue;
    const channel = String(call.args.channel ?? '');
    if (call.method === 'conversations.setTopic') {
      const topic = String(call.args.topic ?? '');
      out.setTopic.calls++;
      if ((topics.get(channel) ?? '') === topic) out.setTopic.same++;
      topics.set(channel, topic);
    } else if (call.method === 'chat.postMessage') {
      messages.set(`${channel}/${String(call.response.ts)}`, content(call));
    } else if (call.method === 'chat.update') {
      const key = `${channel}/${String(call.args.ts)}`;
      out.update.calls++;
      if (messages.get(key) === content(call)) out.update.same++;
      messages.set(key, content(call));
    }
  }
  return out;
}
