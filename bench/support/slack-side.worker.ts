/**
 * Slack's side of the ack bench, in its own thread so that its work (serving calma's Web API calls,
 * sending and timing the commands) does not run on the event loop of the apps being measured, just as
 * Slack's servers do not run inside calma's process.
 */
import http from 'node:http';
import type { FakeSlack } from '../../test/support/fake-slack';
import { commandBody } from '../../test/support/slack-request';
import {
  replyId,
  replyPrefix,
  SIGNING_SECRET,
  type SideReply,
  type SideRequest,
} from './slack-side-protocol';
import { OPENED, postCommand, serveSlackSide } from './slack-side-thread';

const REQUEST_TIMEOUT_MS = 10_000;

/** Reused connections, as many as a burst needs (Node's default agent would not keep them). */
const keepAlive = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });

async function handle(fake: FakeSlack, request: SideRequest): Promise<SideReply> {
  switch (request.kind) {
    case 'burst': {
      const bodies = Array.from({ length: request.count }, (_, i) => {
        const n = request.from + i;
        return commandBody({
          text: `open hacked-account sev1 Bench ${n}`,
          response_url: fake.responseUrl(replyId(request.app, n)),
        });
      });
      const agent = request.connections === 'new' ? false : keepAlive;
      const ms = await Promise.all(
        bodies.map((body) =>
          postCommand(request.url, body, { secret: SIGNING_SECRET, agent, timeoutMs: REQUEST_TIMEOUT_MS }),
        ),
      );
      return { id: request.id, kind: 'latencies', ms };
    }
    case 'progress': {
      const replies = fake.responses.filter((r) => r.id.startsWith(replyPrefix(request.app)));
      const opened = replies.filter((r) => JSON.stringify(r.body).includes(OPENED)).length;
      return { id: request.id, kind: 'progress', replies: replies.length, opened };
    }
    case 'close':
      keepAlive.destroy();
      await fake.close();
      return { id: request.id, kind: 'closed' };
  }
}

void serveSlackSide('slack-side.worker', handle);
