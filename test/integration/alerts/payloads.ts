/**
 * Real-shaped bodies of each source, as their senders produce them (field for field from the sources'
 * documentation and test suites; values describe a brand-mentions storm).
 */

/** Prometheus Alertmanager, webhook payload version 4: one notification of a group of two alerts. */
export const ALERTMANAGER = {
  receiver: 'calma',
  status: 'firing',
  alerts: [
    {
      status: 'firing',
      labels: {
        alertname: 'MentionsSpike',
        instance: 'listener-1:9100',
        job: 'social-listener',
        severity: 'critical',
        team: 'social',
      },
      annotations: {
        description: 'Negative brand mentions are 12x the hourly baseline.',
        runbook_url: 'https://wiki.example.com/runbooks/mentions-spike',
        summary: 'Brand mentions up 12x in 10 minutes',
      },
      startsAt: '2026-11-22T09:30:00.123456789Z',
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: 'http://prometheus.example.com:9090/graph?g0.expr=mentions_ratio+%3E+5&g0.tab=1',
      fingerprint: 'c6eadffa33fcdf37',
    },
    {
      status: 'resolved',
      labels: {
        alertname: 'MentionsSpike',
        instance: 'listener-2:9100',
        job: 'social-listener',
        severity: 'warning',
        team: 'social',
      },
      annotations: { summary: 'Brand mentions up 6x in 10 minutes' },
      startsAt: '2026-11-22T09:25:00Z',
      endsAt: '2026-11-22T09:40:00Z',
      generatorURL: 'http://prometheus.example.com:9090/graph?g0.expr=mentions_ratio+%3E+5&g0.tab=1',
      fingerprint: 'bc97ff14869b13e3',
    },
  ],
  groupLabels: { alertname: 'MentionsSpike' },
  commonLabels: { alertname: 'MentionsSpike', job: 'social-listener', team: 'social' },
  commonAnnotations: {},
  externalURL: 'http://alertmanager.example.com:9093',
  version: '4',
  groupKey: '{}/{team="social"}:{alertname="MentionsSpike"}',
  truncatedAlerts: 0,
};

/** Grafana Alerting's webhook contact point (its documented payload: Alertmanager-shaped plus extras). */
export const GRAFANA = {
  receiver: 'calma',
  status: 'firing',
  orgId: 1,
  alerts: [
    {
      status: 'firing',
      labels: {
        alertname: 'High complaint rate',
        grafana_folder: 'Social',
        team: 'support',
        severity: 'high',
      },
      annotations: {
        description: 'Complaints tagged "refund" doubled in 15 minutes',
        runbook_url: 'https://wiki.example.com/runbooks/complaints',
        summary: 'Complaint rate above threshold',
      },
      startsAt: '2026-11-22T10:51:03.157076+02:00',
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: 'https://grafana.example.com/alerting/grafana/1afz29v7z/view',
      fingerprint: 'a5e3c9f0d1b2c3d4',
      silenceURL:
        'https://grafana.example.com/alerting/silence/new?alertmanager=grafana&matcher=alertname%3DHigh+complaint+rate',
      dashboardURL: 'https://grafana.example.com/d/social01',
      panelURL: 'https://grafana.example.com/d/social01?viewPanel=3',
      values: { B: 44.23943737541908, C: 1 },
      valueString: "[ var='B' labels={} value=44.23943737541908 ], [ var='C' labels={} value=1 ]",
    },
  ],
  groupLabels: { alertname: 'High complaint rate' },
  commonLabels: { alertname: 'High complaint rate', grafana_folder: 'Social', team: 'support' },
  commonAnnotations: {},
  externalURL: 'https://grafana.example.com/',
  version: '1',
  groupKey: '{}:{alertname="High complaint rate"}',
  truncatedAlerts: 0,
  title: '[FIRING:1] High complaint rate Social (support)',
  state: 'alerting',
  message: '**Firing**\n\nValue: B=44.23943737541908, C=1\nLabels:\n - alertname = High complaint rate\n',
};

/**
 * PagerDuty's published webhook v3 test vector, verbatim from its Go client's tests
 * (github.com/PagerDuty/go-pagerduty, webhookv3/webhookv3_test.go: `secret`, `defaultBody`, and the
 * "valid" and "mismatch" signatures). Not one byte may change: the signature is over these bytes.
 */
export const PAGERDUTY_VECTOR = {
  secret: 'lDQHScfUeXUKaQRNF+8XIiDKZ7XX3itBAYzwU0TARw8lJqRnkKl2iB1anSb0Z+IK',
  body: `{"event":{"id":"01BWDWL3NYY7LUFPZCC28QUCMK","event_type":"incident.priority_updated","resource_type":"incident","occurred_at":"2021-04-26T17:36:27.458Z","agent":{"html_url":"https://acme.pagerduty.com/users/PLH1HKV","id":"PLH1HKV","self":"https://api.pagerduty.com/users/PLH1HKV","summary":"Tenex Engineer","type":"user_reference"},"client":null,"data":{"id":"PGR0VU2","type":"incident","self":"https://api.pagerduty.com/incidents/PGR0VU2","html_url":"https://acme.pagerduty.com/incidents/PGR0VU2","number":2,"status":"triggered","title":"A little bump in the road","service":{"html_url":"https://acme.pagerduty.com/services/PF9KMXH","id":"PF9KMXH","self":"https://api.pagerduty.com/services/PF9KMXH","summary":"API Service","type":"service_reference"},"assignees":[{"html_url":"https://acme.pagerduty.com/users/PTUXL6G","id":"PTUXL6G","self":"https://api.pagerduty.com/users/PTUXL6G","summary":"User 123","type":"user_reference"}],"escalation_policy":{"html_url":"https://acme.pagerduty.com/escalation_policies/PUS0KTE","id":"PUS0KTE","self":"https://api.pagerduty.com/escalation_policies/PUS0KTE","summary":"Default","type":"escalation_policy_reference"},"teams":[{"html_url":"https://acme.pagerduty.com/teams/PFCVPS0","id":"PFCVPS0","self":"https://api.pagerduty.com/teams/PFCVPS0","summary":"Engineering","type":"team_reference"}],"priority":{"html_url":"https://acme.pagerduty.com/account/incident_priorities","id":"PSO75BM","self":"https://api.pagerduty.com/priorities/PSO75BM","summary":"P1","type":"priority_reference"},"urgency":"high","conference_bridge":{"conference_number":1000,"conference_url":"https://example.com"},"resolve_reason":null}}}`,
  valid: 'v1=0c0b9495b893a39e70d1fea2fe11fbe0a825f88b9f67846f6cc07dd2bc5476cd',
  mismatch: 'v1=7020c8a7ec668a9b7012bc3dd82e483394b038f4230acc6785efbf2a7d8bcaf5',
};

/** PagerDuty's `incident.resolved` for the same incident (shape of the v3 incident events). */
export const PAGERDUTY_RESOLVED = {
  event: {
    id: '01BWDWL3NYY7LUFPZCC28QUCMZ',
    event_type: 'incident.resolved',
    resource_type: 'incident',
    occurred_at: '2021-04-26T18:02:11.001Z',
    agent: { id: 'PLH1HKV', summary: 'Tenex Engineer', type: 'user_reference' },
    client: null,
    data: {
      id: 'PGR0VU2',
      type: 'incident',
      html_url: 'https://acme.pagerduty.com/incidents/PGR0VU2',
      number: 2,
      status: 'resolved',
      incident_key: 'd3640fbd41094207a1c11e58e46b1662',
      created_at: '2021-04-26T17:30:00Z',
      title: 'A little bump in the road',
      service: { id: 'PF9KMXH', summary: 'API Service', type: 'service_reference' },
      priority: null,
      urgency: 'low',
      resolve_reason: null,
    },
  },
};

/** PagerDuty's test event, sent when a subscription is created or "Send test event" is clicked. */
export const PAGERDUTY_PING = {
  event: {
    id: '01BWDWL3NYY7LUFPZCC28QUCMP',
    event_type: 'pagey.ping',
    resource_type: 'pagey',
    occurred_at: '2021-04-26T17:40:00.000Z',
    agent: null,
    client: null,
    data: { message: 'Hello from your friend Pagey!', type: 'ping' },
  },
};

/** A note added on PagerDuty incident PGR0VU2 (`incident.annotated`, data of type `incident_note`). */
export const PAGERDUTY_ANNOTATED = {
  event: {
    id: '01BWDWL3NYY7LUFPZCC28QUCMN',
    event_type: 'incident.annotated',
    resource_type: 'incident',
    occurred_at: '2021-04-26T17:45:00.000Z',
    agent: { id: 'PLH1HKV', summary: 'Tenex Engineer', type: 'user_reference' },
    client: null,
    data: {
      incident: {
        html_url: 'https://acme.pagerduty.com/incidents/PGR0VU2',
        id: 'PGR0VU2',
        summary: 'A little bump in the road',
        type: 'incident_reference',
      },
      id: 'PN3R8ZQ',
      content: 'The attacker changed the recovery email at 17:20.',
      trimmed: false,
      type: 'incident_note',
    },
  },
};

/** A status update published on PGR0VU2 (`incident.status_update_published`). */
export const PAGERDUTY_STATUS_UPDATE = {
  event: {
    id: '01BWDWL3NYY7LUFPZCC28QUCMS',
    event_type: 'incident.status_update_published',
    resource_type: 'incident',
    occurred_at: '2021-04-26T17:50:00.000Z',
    agent: { id: 'PLH1HKV', summary: 'Tenex Engineer', type: 'user_reference' },
    client: null,
    data: {
      id: 'PSTATUS1',
      message: 'Account recovered; removing the posts now.',
      incident: { id: 'PGR0VU2', summary: 'A little bump in the road', type: 'incident_reference' },
      type: 'status_update',
    },
  },
};

/** A responder added to PGR0VU2 (`incident.responder.added`): nothing calma shows. */
export const PAGERDUTY_RESPONDER_ADDED = {
  event: {
    id: '01BWDWL3NYY7LUFPZCC28QUCMR',
    event_type: 'incident.responder.added',
    resource_type: 'incident',
    occurred_at: '2021-04-26T17:46:00.000Z',
    agent: { id: 'PLH1HKV', summary: 'Tenex Engineer', type: 'user_reference' },
    client: null,
    data: {
      incident: { id: 'PGR0VU2', summary: 'A little bump in the road', type: 'incident_reference' },
      user: { id: 'PTUXL6G', summary: 'User 123', type: 'user_reference' },
      escalation_policy: null,
      message: 'Please help with "A little bump in the road"',
      state: 'pending',
      type: 'incident_responder',
    },
  },
};

/** calma's generic alert, as a social-listening tool would send it. */
export const GENERIC = {
  dedup_key: 'brandwatch-query-42-spike',
  group_key: 'brandwatch-query-42',
  status: 'firing',
  severity: 'sev2',
  title: 'Mentions of "refund scam" up 800%',
  summary: '1,240 mentions in 30 minutes, 3 accounts with over 100k followers',
  url: 'https://app.brandwatch.example/q/42',
  started_at: '2026-11-22T09:12:00Z',
  labels: { tool: 'brandwatch', query: 'refund scam' },
};
