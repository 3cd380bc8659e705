/**
 * How calma's HTTP server refuses, route by route, on the server src/main.ts builds: a readable answer
 * for the sender, a warn line with the reason (never a secret or a body) for the operator, and a
 * process that keeps serving.
 */
import { request } from 'node:http';
import { MAX_ALERT_BODY_BYTES } from '../../../src/http/alerts';
import { MAX_SLACK_BODY_BYTES } from '../../../src/slack/http-route';
import { commandBody, FORM_CONTENT_TYPE, nowSeconds, slackSignature } from '../../support/slack-request';
import { waitFor } from '../../support/wait-for';
import { genericHeaders } from '../alerts/door';
import { type CalmaHttp, SLACK_SECRET, startCalmaHttp } from './calma-http';

let calma: CalmaHttp;

beforeAll(async () => {
  calma = await startCalmaHttp();
});

beforeEach(() => {
  calma.logs.length = 0;
});

afterAll(async () => {
  await calma.close();
});

/** The warn line the server logged for the latest refused request answered with `status`. */
const refusalLogged = (status: number) =>
  waitFor(
    () => [...calma.logs].reverse().find((l) => l.msg === 'HTTP request refused' && l.status === status),
    5000,
    `a refusal with ${status} in the log`,
  );

describe('a path that does not decode', () => {
  test('GIVEN GET /incidents/%-1/postmortem.md without a token WHEN sent THEN 400 with a JSON error, logged, and calma still answers', async () => {
    const answer = await calma.send({ method: 'GET', path: '/incidents/%-1/postmortem.md' });

    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({ error: 'the path is not valid percent-encoding' });
    expect(await refusalLogged(400)).toMatchObject({
      level: 40,
      why: 'the path is not valid percent-encoding',
    });
    expect((await calma.send({ method: 'GET', path: '/healthz' })).status).toBe(200);
  });
});

describe('every refusal is logged at warn with its reason, without secrets or bodies', () => {
  test.each([
    ['an unknown path', { method: 'GET', path: '/nothing-here' }, 404, 'no such route'],
    ['a wrong method', { method: 'DELETE', path: '/healthz' }, 405, 'DELETE is not allowed here'],
    [
      'a wrong read API token',
      {
        method: 'GET',
        path: '/incidents/T1-1/postmortem.md',
        headers: { authorization: 'Bearer sekrit-guess' },
      },
      401,
      'missing or wrong bearer token (Authorization: Bearer ...)',
    ],
    [
      'a wrong Alertmanager token',
      {
        method: 'POST',
        path: '/alerts/alertmanager',
        headers: { 'content-type': 'application/json', authorization: 'Bearer sekrit-guess' },
        body: '{"sekrit":"body"}',
      },
      401,
      'missing or wrong bearer token (Authorization: Bearer $ALERTMANAGER_TOKEN)',
    ],
    [
      'an unsigned Slack post',
      {
        method: 'POST',
        path: '/slack/events',
        headers: { 'content-type': FORM_CONTENT_TYPE },
        body: 'sekrit=body',
      },
      401,
      'Unauthorized',
    ],
  ])('GIVEN %s WHEN sent THEN the refusal is logged with its reason', async (_, options, status, why) => {
    const answer = await calma.send(options);

    expect(answer.status).toBe(status);
    const line = await refusalLogged(status);
    expect(line).toMatchObject({ level: 40, status, why });
    expect(JSON.stringify(line)).not.toContain('sekrit');
  });

  test('GIVEN an authentic generic alert whose body is not JSON WHEN sent THEN 400 names the problem to the sender, and the log has no byte of the body', async () => {
    const body = 'sekrit-not-json';

    const answer = await calma.send({
      method: 'POST',
      path: '/alerts/generic',
      headers: genericHeaders(body),
      body,
    });

    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).error).toMatch(/^malformed JSON: /);
    const line = await refusalLogged(400);
    expect(line).toMatchObject({ why: 'malformed JSON', route: '/alerts/generic' });
    expect(JSON.stringify(line)).not.toContain('sekrit');
  });

  test('GIVEN a malformed request line WHEN sent on a raw socket THEN 400 and a warn line saying so', async () => {
    const answer = await calma.raw('GET /a b c\r\n\r\n');

    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    const line = await refusalLogged(400);
    expect(line.why).toMatch(/^malformed HTTP request/);
  });

  test('GIVEN a malformed HEAD request WHEN sent on a raw socket THEN 400 without a body (a client reads none after a HEAD)', async () => {
    const answer = await calma.raw('HEAD /healthz HTTP/1.1\r\nHost: x\r\nnot a header\r\n\r\n');

    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer.endsWith('\r\n\r\n')).toBe(true);
  });
});

/**
 * Uploads `total` bytes in 64 KiB chunks, each written once the previous one is flushed, and stops
 * uploading when the answer comes; resolves with the answer the client read.
 */
function upload(
  path: string,
  headers: Record<string, string | number>,
  total: number,
): Promise<{ status: number; body: string; sent: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = request(
      { host: '127.0.0.1', port: calma.port, method: 'POST', path, headers, agent: false },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), sent }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const next = () => {
      if (answered) return;
      if (sent >= total) return void req.end();
      sent += chunk.length;
      req.write(chunk, next);
    };
    next();
  });
}

describe('a body over the bound', () => {
  test.each([
    ['declaring its length', true],
    ['chunked, without a length', false],
  ])(
    'GIVEN an alert upload over 1 MiB, %s, sent in chunks WHEN the door refuses it THEN the sender reads 413 and its JSON, not a reset',
    async (_, declared) => {
      const total = 4 * MAX_ALERT_BODY_BYTES;
      const headers = {
        'content-type': 'application/json',
        ...(declared ? { 'content-length': total } : {}),
      };

      const answer = await upload('/alerts/generic', headers, total);

      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body)).toEqual({ error: `the body is over ${MAX_ALERT_BODY_BYTES} bytes` });
      expect(answer.sent).toBeLessThan(total);
    },
  );

  test('GIVEN an unsigned Slack post over 256 KiB WHEN sent THEN 413 with a JSON error before Bolt reads it; a signed command still works', async () => {
    const total = MAX_SLACK_BODY_BYTES + 64 * 1024;

    const answer = await upload('/slack/events', { 'content-type': FORM_CONTENT_TYPE }, total);

    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({
      error: `the body is over ${MAX_SLACK_BODY_BYTES} bytes: not a Slack request`,
    });
    const command = commandBody({ text: 'help', response_url: calma.fake.responseUrl('after-413') });
    const ts = nowSeconds();
    const signed = await calma.send({
      method: 'POST',
      path: '/slack/events',
      headers: {
        'content-type': FORM_CONTENT_TYPE,
        'x-slack-request-timestamp': String(ts),
        'x-slack-signature': slackSignature(SLACK_SECRET, ts, command),
      },
      body: command,
    });
    expect(signed.status).toBe(200);
    const reply = await calma.fake.waitForResponse((r) => r.id === 'after-413');
    expect(JSON.stringify(reply.body)).toContain('/crisis');
  });
});
