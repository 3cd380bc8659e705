/**
 * Slack's side of the open report part, in its own thread so that serving the apps' Web API calls and
 * sending the commands does not run on the event loop of the apps being measured (Slack's servers do
 * not run inside calma's process either).
 */
import type { FakeSlack } from '../../test/support/fake-slack';
import { commandBody } from '../../test/support/slack-request';
import {
  OPEN_SIGNING_SECRET,
  type OpenSideReply,
  type OpenSideRequest,
  openReplyId,
  openTitle,
  type Progress,
} from './open-side-protocol';
import { OPENED, postCommand, serveSlackSide } from './slack-side-thread';

const REQUEST_TIMEOUT_MS = 30_000;

/** When each app's current round started (Date.now(), the clock the fake stamps its calls with). */
const roundStart = new Map<string, number>();

async function handle(fake: FakeSlack, request: OpenSideRequest): Promise<OpenSideReply> {
  switch (request.kind) {
    case 'round': {
      // Rounds never overlap (each waits for the previous app's work): forget the previous one's calls.
      fake.clearCalls();
      const bodies = Array.from({ length: request.count }, (_, i) => {
        const n = request.from + i;
        return commandBody({
          text: `open hacked-account sev1 ${openTitle(n)}`,
          response_url: fake.responseUrl(openReplyId(request.app, n)),
        });
      });
      roundStart.set(request.app, Date.now());
      // Each on a connection of its own: rounds are seconds apart, and a kept connection could be closed
      // by the app's idle timeout just as it is reused.
      const ackMs = await Promise.all(
        bodies.map((body) =>
          postCommand(request.url, body, {
            secret: OPEN_SIGNING_SECRET,
            agent: false,
            timeoutMs: REQUEST_TIMEOUT_MS,
          }),
        ),
      );
      return { id: request.id, kind: 'sent', ackMs };
    }
    case 'progress':
      return { id: request.id, kind: 'progress', progress: progress(fake, request.app, request.token) };
    case 'record': {
      const calls = fake
        .calls()
        .filter((c) => c.token === request.token)
        .map((c) => ({ method: c.method, args: c.args, response: c.response }));
      const reply = fake.responses.find((r) => r.id.startsWith(`${request.app}-`))?.body;
      return { id: request.id, kind: 'recorded', calls, reply };
    }
    case 'close':
      await fake.close();
      return { id: request.id, kind: 'closed' };
  }
}

function progress(fake: FakeSlack, app: string, token: string): Progress {
  const start = roundStart.get(app) ?? 0;
  const p: Progress = {
    channels: 0,
    lastChannelMs: 0,
    pins: 0,
    lastPinMs: 0,
    replies: 0,
    lastReplyMs: 0,
    opened: 0,
    calls: 0,
  };
  for (const call of fake.calls()) {
    if (call.token !== token) continue;
    p.calls++;
    if (call.response?.ok !== true) continue;
    if (call.method === 'conversations.create') {
      p.channels++;
      p.lastChannelMs = Math.max(p.lastChannelMs, call.at - start);
    } else if (call.method === 'pins.add') {
      p.pins++;
      p.lastPinMs = Math.max(p.lastPinMs, call.at - start);
    }
  }
  for (const r of fake.responses) {
    if (!r.id.startsWith(`${app}-`)) continue;
    p.replies++;
    p.lastReplyMs = Math.max(p.lastReplyMs, r.at - start);
    const text = JSON.stringify(r.body);
    if (text.includes(OPENED)) p.opened++;
    else p.failed ??= text.slice(0, 300);
  }
  return p;
}

void serveSlackSide('open-side.worker', handle);
