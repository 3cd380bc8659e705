/**
 * The calma installation a chaos run (bench/chaos.bench.ts) and the replicas scenario
 * (test/support/replicas-scenario.ts) start their calma processes on: its calma.yaml and the
 * environment that carries the webhook targets' secrets.
 */
import { ANNOUNCEMENTS, TRIAGE } from './chaos-script';
import type { TargetServer } from './chaos-target';

/** The outbound webhook targets every published statement is delivered to. */
export const TARGETS = ['statuspage', 'scheduler'] as const;

/**
 * One approval by the approver (bob) publishes a SEV1 statement: nobody needs to take the lead first.
 * `storm: false`: no storm digest, so each accepted alert shows once in the triage channel as its own card.
 */
export function chaosCalmaYaml(prefix: string, targets: TargetServer, alerts: { storm: boolean }): string {
  return [
    'locale: en',
    `redis: { key_prefix: ${prefix} }`,
    `channels: { announcements: ${ANNOUNCEMENTS} }`,
    'approvers: { approver: ["U0BOB"] }',
    'statements: { approvals: { sev1: [approver] } }',
    'outbound:',
    ...TARGETS.map(
      (t) => `  - { name: ${t}, url: "${targets.url(t)}", secret_env: ${t.toUpperCase()}_SECRET }`,
    ),
    `alerts: { triage_channel: ${TRIAGE}${alerts.storm ? '' : ', storm: null'} }`,
    '',
  ].join('\n');
}

/** Each target's signing secret as the variable calma.yaml names for it (`STATUSPAGE_SECRET`, …). */
export function targetSecretsEnv(secrets: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(secrets).map(([t, s]) => [`${t.toUpperCase()}_SECRET`, s]));
}
