import type { HTTPReceiver } from '@slack/bolt';
import { readBody } from '../http/body';
import { type Route, refuse } from '../http/server';

/**
 * The most calma reads of a Slack request before its signature is known to be good (Bolt's own bound
 * is 4 MB). Slack's requests are small: a slash command or a button press is a few KB; the largest is
 * a modal submission, which echoes the view with its values. calma's largest forms have three text
 * inputs of at most 3,000 characters (Slack's `max_length` ceiling); sent twice (initial value and
 * state), form-encoded at up to 9 bytes per character (a CJK character: 3 UTF-8 bytes, each `%XX`),
 * plus 3,000 characters of private metadata, that is under 200 KB. So 256 KiB keeps every real request
 * and bounds what 100 concurrent forged posts can hold to 25 MiB.
 */
export const MAX_SLACK_BODY_BYTES = 256 * 1024;

/**
 * `POST /slack/events` (HTTP mode) on calma's server: the body is read here, within the bound, and handed
 * to Bolt as its `rawBody`, which Bolt then verifies (signature over these raw bytes, in constant time)
 * and routes, without reading the request again.
 */
export function slackEventsRoute(receiver: HTTPReceiver): Route {
  return {
    method: 'POST',
    path: '/slack/events',
    async handle(req, res) {
      const read = await readBody(req, MAX_SLACK_BODY_BYTES);
      if (read.kind === 'aborted') return void res.destroy();
      if (read.kind === 'too-large') {
        return refuse(req, res, 413, `the body is over ${MAX_SLACK_BODY_BYTES} bytes: not a Slack request`);
      }
      receiver.requestListener(Object.assign(req, { rawBody: read.body }), res);
    },
  };
}
