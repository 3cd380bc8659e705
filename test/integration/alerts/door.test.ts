/**
 * POST /alerts/<source> as each sender reaches it, over real HTTP, with the queue on the test Redis:
 * what is accepted is queued normalised, what is refused leaves the queue untouched.
 */
import { request } from 'node:http';
import { Redis } from 'ioredis';
import { type Door, genericHeaders, hmacHex, nowSeconds, openDoor, post, SECRETS } from './door';
import {
  ALERTMANAGER,
  GENERIC,
  GRAFANA,
  PAGERDUTY_ANNOTATED,
  PAGERDUTY_PING,
  PAGERDUTY_RESOLVED,
  PAGERDUTY_RESPONDER_ADDED,
  PAGERDUTY_STATUS_UPDATE,
  PAGERDUTY_VECTOR,
} from './payloads';

let door: Door;

beforeEach(async () => {
  door = await openDoor();
});

afterEach(async () => {
  await door.close();
});

const json = { 'content-type': 'application/json' };
const amHeaders = { ...json, authorization: `Bearer ${SECRETS.alertmanager}` };

function grafanaHeaders(body: string, timestamp?: number): Record<string, string> {
  if (timestamp === undefined) {
    return { ...json, 'x-grafana-alerting-signature': hmacHex(SECRETS.grafana, body) };
  }
  return {
    ...json,
    'x-grafana-alerting-signature-timestamp': String(timestamp),
    'x-grafana-alerting-signature': hmacHex(SECRETS.grafana, `${timestamp}:${body}`),
  };
}

function pagerdutyHeaders(body: string, webhookId: string): Record<string, string> {
  return {
    ...json,
    'x-webhook-id': webhookId,
    'x-pagerduty-signature': `v1=${hmacHex(SECRETS.pagerduty, body)}`,
  };
}

describe('POST /alerts/alertmanager', () => {
  test('GIVEN the bearer token WHEN a group of two alerts arrives THEN 202 and both are queued, normalised', async () => {
    const body = JSON.stringify(ALERTMANAGER);

    const response = await post(door.url('/alerts/alertmanager'), body, amHeaders);

    expect(response.status).toBe(202);
    expect(response.json).toEqual({ accepted: 2 });
    const jobs = await door.jobs();
    expect(jobs.map((j) => j.data.alert)).toEqual([
      {
        source: 'alertmanager',
        dedupKey: 'c6eadffa33fcdf37',
        groupKey: '{}/{team="social"}:{alertname="MentionsSpike"}',
        status: 'firing',
        severity: 1,
        title: 'MentionsSpike',
        summary: 'Brand mentions up 12x in 10 minutes',
        url: 'http://prometheus.example.com:9090/graph?g0.expr=mentions_ratio+%3E+5&g0.tab=1',
        startedAt: '2026-11-22T09:30:00.123Z',
        labels: {
          alertname: 'MentionsSpike',
          instance: 'listener-1:9100',
          job: 'social-listener',
          severity: 'critical',
          team: 'social',
        },
      },
      {
        source: 'alertmanager',
        dedupKey: 'bc97ff14869b13e3',
        groupKey: '{}/{team="social"}:{alertname="MentionsSpike"}',
        status: 'resolved',
        severity: 3,
        title: 'MentionsSpike',
        summary: 'Brand mentions up 6x in 10 minutes',
        url: 'http://prometheus.example.com:9090/graph?g0.expr=mentions_ratio+%3E+5&g0.tab=1',
        startedAt: '2026-11-22T09:25:00.000Z',
        labels: {
          alertname: 'MentionsSpike',
          instance: 'listener-2:9100',
          job: 'social-listener',
          severity: 'warning',
          team: 'social',
        },
      },
    ]);
    const [first, second] = jobs;
    expect(first?.data.delivery).toMatch(/^alertmanager-[0-9a-f]{64}$/);
    expect(second?.data.delivery).toBe(first?.data.delivery);
    expect(jobs.map((j) => [j.id, j.data.index])).toEqual([
      [`${first?.data.delivery}.0`, 0],
      [`${first?.data.delivery}.1`, 1],
    ]);
    expect(Date.parse(first?.data.receivedAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
  });

  test('GIVEN Alertmanager retries the same notification THEN 202 again and nothing new is queued', async () => {
    const body = JSON.stringify(ALERTMANAGER);
    await post(door.url('/alerts/alertmanager'), body, amHeaders);

    const retry = await post(door.url('/alerts/alertmanager'), body, amHeaders);

    expect(retry.status).toBe(202);
    expect(await door.jobs()).toHaveLength(2);
  });

  test.each([
    ['no Authorization header', json],
    ['a wrong token', { ...json, authorization: 'Bearer not-the-token' }],
    ['the token as Basic credentials', { ...json, authorization: `Basic ${SECRETS.alertmanager}` }],
  ])('GIVEN %s THEN 401 with a clear error and nothing queued', async (_, headers) => {
    const response = await post(door.url('/alerts/alertmanager'), JSON.stringify(ALERTMANAGER), headers);

    expect(response.status).toBe(401);
    expect(response.json.error).toMatch(/bearer token/);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="calma"');
    expect(await door.jobs()).toEqual([]);
  });

  test('GIVEN a body that is not Alertmanager v4 THEN 400 naming the field, nothing queued', async () => {
    const broken = { ...ALERTMANAGER, alerts: [{ ...ALERTMANAGER.alerts[0], status: 'pending' }] };

    const response = await post(door.url('/alerts/alertmanager'), JSON.stringify(broken), amHeaders);

    expect(response.status).toBe(400);
    expect(response.json.error).toMatch(/^not a valid alertmanager payload: alerts\.0\.status: /);
    expect(response.json.issues).toEqual([{ path: 'alerts.0.status', message: expect.any(String) }]);
    expect(await door.jobs()).toEqual([]);
  });
});

describe('POST /alerts/grafana', () => {
  const expected = {
    source: 'grafana',
    dedupKey: 'a5e3c9f0d1b2c3d4',
    groupKey: '{}:{alertname="High complaint rate"}',
    status: 'firing',
    severity: 2,
    title: 'High complaint rate',
    summary: 'Complaint rate above threshold',
    url: 'https://grafana.example.com/d/social01?viewPanel=3',
    startedAt: '2026-11-22T08:51:03.157Z',
    labels: { alertname: 'High complaint rate', grafana_folder: 'Social', team: 'support', severity: 'high' },
  };

  test('GIVEN a signature over the body alone (no timestamp header) THEN 202 and the alert is queued', async () => {
    const body = JSON.stringify(GRAFANA);

    const response = await post(door.url('/alerts/grafana'), body, grafanaHeaders(body));

    expect(response.status).toBe(202);
    expect(response.json).toEqual({ accepted: 1 });
    expect((await door.jobs()).map((j) => j.data.alert)).toEqual([expected]);
  });

  test('GIVEN a signature over "timestamp:body" with the timestamp header THEN 202 and the alert is queued', async () => {
    const body = JSON.stringify(GRAFANA);

    const response = await post(door.url('/alerts/grafana'), body, grafanaHeaders(body, nowSeconds()));

    expect(response.status).toBe(202);
    expect((await door.jobs()).map((j) => j.data.alert)).toEqual([expected]);
  });

  test('GIVEN a timestamp header but a signature over the body alone THEN 401, nothing queued', async () => {
    const body = JSON.stringify(GRAFANA);
    const headers = {
      ...grafanaHeaders(body),
      'x-grafana-alerting-signature-timestamp': String(nowSeconds()),
    };

    const response = await post(door.url('/alerts/grafana'), body, headers);

    expect(response.status).toBe(401);
    expect(response.json).toEqual({ error: 'x-grafana-alerting-signature does not match the body' });
    expect(await door.jobs()).toEqual([]);
  });

  test('GIVEN a signature made with another secret THEN 401, nothing queued', async () => {
    const body = JSON.stringify(GRAFANA);
    const headers = { ...json, 'x-grafana-alerting-signature': hmacHex('someone-else', body) };

    const response = await post(door.url('/alerts/grafana'), body, headers);

    expect(response.status).toBe(401);
    expect(await door.jobs()).toEqual([]);
  });

  test('GIVEN a body changed after signing THEN 401, nothing queued', async () => {
    const body = JSON.stringify(GRAFANA);
    const tampered = body.replace('"firing"', '"resolved"');

    const response = await post(door.url('/alerts/grafana'), tampered, grafanaHeaders(body));

    expect(response.status).toBe(401);
    expect(await door.jobs()).toEqual([]);
  });

  test('GIVEN a correctly signed request whose timestamp is 6 minutes old THEN 401 stale, nothing queued', async () => {
    const body = JSON.stringify(GRAFANA);

    const response = await post(door.url('/alerts/grafana'), body, grafanaHeaders(body, nowSeconds() - 360));

    expect(response.status).toBe(401);
    expect(response.json.error).toMatch(/^stale or unreadable timestamp/);
    expect(await door.jobs()).toEqual([]);
  });

  test('GIVEN no signature header THEN 401 saying it is missing', async () => {
    const response = await post(door.url('/alerts/grafana'), JSON.stringify(GRAFANA), json);

    expect(response.status).toBe(401);
    expect(response.json.error).toMatch(/^missing x-grafana-alerting-signature/);
    expect(await door.jobs()).toEqual([]);
  });
});

describe('POST /alerts/pagerduty', () => {
  test("GIVEN PagerDuty's published test vector, verbatim THEN 202 and the incident is queued as an alert", async () => {
    const response = await post(door.url('/alerts/pagerduty'), PAGERDUTY_VECTOR.body, {
      ...json,
      'x-webhook-id': '5ac64822-4adc-4fda-ade0-410becf0de4f',
      'x-pagerduty-signature': PAGERDUTY_VECTOR.valid,
    });

    expect(response.status).toBe(202);
    expect(response.json).toEqual({ accepted: 1 });
    const jobs = await door.jobs();
    expect(jobs.map((j) => [j.id, j.data.delivery, j.data.index])).toEqual([
      ['pagerduty-01BWDWL3NYY7LUFPZCC28QUCMK.0', 'pagerduty-01BWDWL3NYY7LUFPZCC28QUCMK', 0],
    ]);
    expect(jobs[0]?.data.alert).toEqual({
      source: 'pagerduty',
      dedupKey: 'PGR0VU2',
      groupKey: 'PGR0VU2',
      status: 'firing',
      severity: 1,
      title: 'A little bump in the road',
      summary: 'PagerDuty: priority updated by Tenex Engineer (API Service)',
      url: 'https://acme.pagerduty.com/incidents/PGR0VU2',
      startedAt: '2021-04-26T17:36:27.458Z',
      labels: {
        pagerduty_event: 'incident.priority_updated',
        status: 'triggered',
        service: 'API Service',
        urgency: 'high',
        priority: 'P1',
        incident_number: '2',
        teams: 'Engineering',
      },
    });
  });

  test('GIVEN several signatures during a secret rotation, the valid one last THEN 202', async () => {
    const response = await post(door.url('/alerts/pagerduty'), PAGERDUTY_VECTOR.body, {
      ...json,
      'x-webhook-id': 'rotation-1',
      'x-pagerduty-signature': `${PAGERDUTY_VECTOR.mismatch},v2=abc, ${PAGERDUTY_VECTOR.valid}`,
    });

    expect(response.status).toBe(202);
    expect(await door.jobs()).toHaveLength(1);
  });

  test("GIVEN the vector's mismatching signature THEN 401, nothing queued", async () => {
    const response = await post(door.url('/alerts/pagerduty'), PAGERDUTY_VECTOR.body, {
      ...json,
      'x-webhook-id': 'mismatch-1',
      'x-pagerduty-signature': PAGERDUTY_VECTOR.mismatch,
    });

    expect(response.status).toBe(401);
    expect(response.json).toEqual({ error: 'no X-PagerDuty-Signature matches the body' });
    expect(await door.jobs()).toEqual([]);
  });

  test('GIVEN PagerDuty retries a delivery (same X-Webhook-Id) THEN 202 and nothing new is queued', async () => {
    const body = JSON.stringify(PAGERDUTY_RESOLVED);
    const first = await post(door.url('/alerts/pagerduty'), body, pagerdutyHeaders(body, 'wh-retried-1'));
    const before = await door.jobs();

    const retry = await post(door.url('/alerts/pagerduty'), body, pagerdutyHeaders(body, 'wh-retried-1'));

    expect([first.status, retry.status]).toEqual([202, 202]);
    expect(await door.jobs()).toEqual(before);
    expect(before).toHaveLength(1);
  });

  test('GIVEN a captured delivery replayed with a fresh X-Webhook-Id but the same signed bytes THEN 202 and nothing new is queued', async () => {
    const body = JSON.stringify(PAGERDUTY_RESOLVED);
    await post(door.url('/alerts/pagerduty'), body, pagerdutyHeaders(body, 'wh-original'));
    const before = await door.jobs();

    const replay = await post(
      door.url('/alerts/pagerduty'),
      body,
      pagerdutyHeaders(body, 'wh-replayed-fresh'),
    );

    expect(replay.status).toBe(202);
    expect(await door.jobs()).toEqual(before);
    expect(before).toHaveLength(1);
  });

  test.each([
    ['incident.annotated', PAGERDUTY_ANNOTATED, 1],
    ['incident.status_update_published', PAGERDUTY_STATUS_UPDATE, 1],
    ['incident.responder.added', PAGERDUTY_RESPONDER_ADDED, 0],
  ])(
    'GIVEN a signed %s THEN 202, never a refusal PagerDuty would count against the subscription',
    async (_, payload, accepted) => {
      const body = JSON.stringify(payload);

      const response = await post(
        door.url('/alerts/pagerduty'),
        body,
        pagerdutyHeaders(body, `wh-${payload.event.id}`),
      );

      expect(response.status).toBe(202);
      expect(response.json).toEqual({ accepted });
    },
  );

  test('GIVEN incident.annotated THEN it is queued as a note on PagerDuty incident PGR0VU2, by its author', async () => {
    const body = JSON.stringify(PAGERDUTY_ANNOTATED);

    await post(door.url('/alerts/pagerduty'), body, pagerdutyHeaders(body, 'wh-note'));

    const [job] = await door.jobs();
    expect(job?.data.alert).toMatchObject({
      source: 'pagerduty',
      dedupKey: 'PGR0VU2',
      groupKey: 'PGR0VU2',
      note: {
        kind: 'annotation',
        by: 'Tenex Engineer',
        text: 'The attacker changed the recovery email at 17:20.',
      },
    });
  });

  test('GIVEN incident.resolved THEN the alert is resolved, severity from the urgency', async () => {
    const body = JSON.stringify(PAGERDUTY_RESOLVED);

    const response = await post(door.url('/alerts/pagerduty'), body, pagerdutyHeaders(body, 'wh-resolved'));

    expect(response.status).toBe(202);
    const [job] = await door.jobs();
    expect(job?.data.alert).toMatchObject({
      dedupKey: 'PGR0VU2',
      status: 'resolved',
      severity: 4,
      startedAt: '2021-04-26T17:30:00.000Z',
      summary: 'PagerDuty: resolved by Tenex Engineer (API Service)',
    });
  });

  test("GIVEN PagerDuty's ping (pagey.ping) THEN 202 with nothing to queue", async () => {
    const body = JSON.stringify(PAGERDUTY_PING);

    const response = await post(door.url('/alerts/pagerduty'), body, pagerdutyHeaders(body, 'wh-ping'));

    expect(response.status).toBe(202);
    expect(response.json).toEqual({ accepted: 0 });
    expect(await door.jobs()).toEqual([]);
  });

  test('GIVEN an incident event without the incident id THEN 400 naming event.data.id', async () => {
    const broken = structuredClone(PAGERDUTY_RESOLVED) as { event: { data: Record<string, unknown> } };
    delete broken.event.data.id;
    const body = JSON.stringify(broken);

    const response = await post(door.url('/alerts/pagerduty'), body, pagerdutyHeaders(body, 'wh-broken'));

    expect(response.status).toBe(400);
    expect(response.json.error).toMatch(/^not a valid pagerduty payload: event\.data\.id: /);
    expect(await door.jobs()).toEqual([]);
  });
});

describe('POST /alerts/generic', () => {
  test('GIVEN one signed alert THEN 202 and it is queued as documented', async () => {
    const body = JSON.stringify(GENERIC);

    const response = await post(door.url('/alerts/generic'), body, genericHeaders(body));

    expect(response.status).toBe(202);
    expect((await door.jobs()).map((j) => j.data.alert)).toEqual([
      {
        source: 'generic',
        dedupKey: 'brandwatch-query-42-spike',
        groupKey: 'brandwatch-query-42',
        status: 'firing',
        severity: 2,
        title: 'Mentions of "refund scam" up 800%',
        summary: '1,240 mentions in 30 minutes, 3 accounts with over 100k followers',
        url: 'https://app.brandwatch.example/q/42',
        startedAt: '2026-11-22T09:12:00.000Z',
        labels: { tool: 'brandwatch', query: 'refund scam' },
      },
    ]);
  });

  test('GIVEN an array with only the required fields THEN each alert is queued, the group key defaulting to the dedup key', async () => {
    const body = JSON.stringify([
      { dedup_key: 'a', status: 'firing', title: 'First', severity: 1 },
      { dedup_key: 'b', status: 'resolved', title: 'Second' },
    ]);

    const response = await post(door.url('/alerts/generic'), body, genericHeaders(body));

    expect(response.status).toBe(202);
    expect(response.json).toEqual({ accepted: 2 });
    const alerts = (await door.jobs()).map((j) => j.data.alert);
    expect(alerts.map((a) => [a.dedupKey, a.groupKey, a.status, a.severity, a.summary, a.url])).toEqual([
      ['a', 'a', 'firing', 1, '', null],
      ['b', 'b', 'resolved', null, '', null],
    ]);
    expect(alerts[0]?.startedAt).toBe((await door.jobs())[0]?.data.receivedAt);
  });

  test('GIVEN a signature 6 minutes old THEN 401 stale, nothing queued', async () => {
    const body = JSON.stringify(GENERIC);

    const response = await post(door.url('/alerts/generic'), body, genericHeaders(body, nowSeconds() - 360));

    expect(response.status).toBe(401);
    expect(response.json.error).toMatch(/^stale or unreadable x-calma-timestamp/);
    expect(await door.jobs()).toEqual([]);
  });

  test('GIVEN a signature from the future beyond 5 minutes THEN 401 stale', async () => {
    const body = JSON.stringify(GENERIC);

    const response = await post(door.url('/alerts/generic'), body, genericHeaders(body, nowSeconds() + 360));

    expect(response.status).toBe(401);
  });

  test('GIVEN a timestamp changed after signing THEN 401 mismatch', async () => {
    const body = JSON.stringify(GENERIC);
    const headers = { ...genericHeaders(body), 'x-calma-timestamp': String(nowSeconds() - 10) };

    const response = await post(door.url('/alerts/generic'), body, headers);

    expect(response.status).toBe(401);
    expect(response.json).toEqual({ error: 'x-calma-signature does not match the timestamp and body' });
  });

  test('GIVEN no signature headers THEN 401 saying which', async () => {
    const response = await post(door.url('/alerts/generic'), JSON.stringify(GENERIC), json);

    expect(response.status).toBe(401);
    expect(response.json).toEqual({ error: 'missing x-calma-timestamp or x-calma-signature' });
  });

  test.each([
    [
      'a wrong status in the second alert',
      [GENERIC, { ...GENERIC, status: 'open' }],
      /^not a valid generic payload: 1\.status: /,
    ],
    ['a misspelt field', { ...GENERIC, dedupKey: 'x' }, /Unrecognized key: "dedupKey"/],
    ['no title', { dedup_key: 'a', status: 'firing' }, /^not a valid generic payload: title: /],
    ['an unknown severity', { ...GENERIC, severity: 'apocalyptic' }, /severity: expected 1-4 or a word/],
    ['a string body', 'alert!', /expected an object or an array of objects/],
  ])('GIVEN %s THEN 400 saying what is wrong, nothing queued', async (_, payload, error) => {
    const body = JSON.stringify(payload);

    const response = await post(door.url('/alerts/generic'), body, genericHeaders(body));

    expect(response.status).toBe(400);
    expect(response.json.error).toMatch(error);
    expect(await door.jobs()).toEqual([]);
  });
});

describe('every endpoint', () => {
  test.each([
    ['alertmanager', 'ALERTMANAGER_TOKEN'],
    ['grafana', 'GRAFANA_WEBHOOK_SECRET'],
    ['pagerduty', 'PAGERDUTY_WEBHOOK_SECRET'],
    ['generic', 'GENERIC_WEBHOOK_SECRET'],
  ])(
    'GIVEN the %s secret is unset WHEN anyone posts, even correctly signed for an empty secret THEN 403, nothing queued',
    async (source, env) => {
      await door.close();
      door = await openDoor({ secrets: {} });
      const body = JSON.stringify(GENERIC);
      const timestamp = String(nowSeconds());
      const emptySigned = {
        ...json,
        authorization: 'Bearer ',
        'x-calma-timestamp': timestamp,
        'x-calma-signature': `v1=${hmacHex('', `${timestamp}.${body}`)}`,
        'x-grafana-alerting-signature': hmacHex('', body),
        'x-pagerduty-signature': `v1=${hmacHex('', body)}`,
      };

      const response = await post(door.url(`/alerts/${source}`), body, emptySigned);

      expect(response.status).toBe(403);
      expect(response.json).toEqual({ error: `/alerts/${source} is off: set ${env} to turn it on` });
      expect(await door.jobs()).toEqual([]);
    },
  );

  test('GIVEN a correctly signed body over 1 MiB THEN 413, nothing queued', async () => {
    const big = JSON.stringify({ ...GENERIC, summary: 'x'.repeat(1024 * 1024) });

    const response = await post(door.url('/alerts/generic'), big, genericHeaders(big));

    expect(response.status).toBe(413);
    expect(response.json).toEqual({ error: 'the body is over 1048576 bytes' });
    expect(await door.jobs()).toEqual([]);
  });

  test('GIVEN an oversized body sent in chunks without Content-Length THEN reading stops at the bound and the answer is 413', async () => {
    const url = new URL(door.url('/alerts/pagerduty'));
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let written = 0;

    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: pagerdutyHeaders('{}', 'big'),
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      // 64 MiB if the server kept reading; it must answer long before.
      const pump = () => {
        while (written < 64 * 1024 * 1024) {
          written += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });

    expect(status).toBe(413);
    expect(written).toBeLessThan(64 * 1024 * 1024);
    expect(await door.jobs()).toEqual([]);
  });

  test('GIVEN a signed body that is not JSON THEN 400 malformed JSON, nothing queued', async () => {
    const body = '{"dedup_key": "a", "status": "firing",';

    const response = await post(door.url('/alerts/generic'), body, genericHeaders(body));

    expect(response.status).toBe(400);
    expect(response.json.error).toMatch(/^malformed JSON: /);
    expect(await door.jobs()).toEqual([]);
  });

  test.each([
    ['text/plain', { 'content-type': 'text/plain' }, '"text/plain"'],
    [
      'form-encoded',
      { 'content-type': 'application/x-www-form-urlencoded' },
      '"application/x-www-form-urlencoded"',
    ],
  ])('GIVEN a %s body THEN 415, nothing queued', async (_, type, shown) => {
    const body = JSON.stringify(GENERIC);

    const response = await post(door.url('/alerts/generic'), body, { ...genericHeaders(body), ...type });

    expect(response.status).toBe(415);
    expect(response.json).toEqual({ error: `expected Content-Type: application/json, got ${shown}` });
    expect(await door.jobs()).toEqual([]);
  });

  test('GIVEN application/json with a charset THEN it is accepted', async () => {
    const body = JSON.stringify(GENERIC);
    const headers = { ...genericHeaders(body), 'content-type': 'application/json; charset=utf-8' };

    expect((await post(door.url('/alerts/generic'), body, headers)).status).toBe(202);
  });

  test('GIVEN a source over its rate (burst 2) THEN 429 with Retry-After, and only what was accepted is queued', async () => {
    await door.close();
    door = await openDoor({ rateLimits: { generic: { per_second: 0.5, burst: 2 } } });
    const bodies = ['a', 'b', 'c'].map((key) => JSON.stringify({ ...GENERIC, dedup_key: key }));

    const statuses = [];
    for (const body of bodies)
      statuses.push(await post(door.url('/alerts/generic'), body, genericHeaders(body)));

    expect(statuses.map((r) => r.status)).toEqual([202, 202, 429]);
    expect(statuses[2]?.headers.get('retry-after')).toBe('2');
    expect(statuses[2]?.json.error).toBe('too many requests from generic: retry in 2 s');
    expect((await door.jobs()).map((j) => j.data.alert.dedupKey).sort()).toEqual(['a', 'b']);
    // Another source has its own bucket.
    const am = await post(door.url('/alerts/alertmanager'), JSON.stringify(ALERTMANAGER), amHeaders);
    expect(am.status).toBe(202);
  });

  test('GIVEN forged requests WHEN they flood a source THEN they do not use up its rate: the real sender still gets in', async () => {
    await door.close();
    door = await openDoor({ rateLimits: { generic: { per_second: 0.5, burst: 2 } } });
    const body = JSON.stringify(GENERIC);
    const forged = { ...genericHeaders(body), 'x-calma-signature': `v1=${'0'.repeat(64)}` };
    for (let i = 0; i < 5; i++)
      expect((await post(door.url('/alerts/generic'), body, forged)).status).toBe(401);

    expect((await post(door.url('/alerts/generic'), body, genericHeaders(body))).status).toBe(202);
  });

  test('GIVEN 200 deliveries at once THEN every one is answered 202 and every alert is queued', async () => {
    const bodies = Array.from({ length: 200 }, (_, i) =>
      JSON.stringify([
        { ...GENERIC, dedup_key: `storm-${i}-a`, group_key: `group-${i % 3}` },
        { ...GENERIC, dedup_key: `storm-${i}-b`, group_key: `group-${i % 3}` },
      ]),
    );

    const responses = await Promise.all(
      bodies.map((body) => post(door.url('/alerts/generic'), body, genericHeaders(body))),
    );

    expect(responses.every((r) => r.status === 202)).toBe(true);
    const jobs = await door.jobs();
    expect(jobs).toHaveLength(400);
    expect(new Set(jobs.map((j) => j.data.alert.dedupKey)).size).toBe(400);
  });

  test('GIVEN Redis cannot take the alerts THEN 503 with Retry-After, so the sender retries', async () => {
    await door.close();
    // Nothing listens on port 1: every command fails at once, as when Redis is down.
    const dead = new Redis('redis://127.0.0.1:1', {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    dead.on('error', () => {});
    door = await openDoor({ connection: dead });
    const body = JSON.stringify(GENERIC);

    const response = await post(door.url('/alerts/generic'), body, genericHeaders(body));

    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(response.json).toEqual({ error: 'calma could not queue the alerts: retry later' });
  });
});
