import type { ApprovalPolicy } from '../../src/core/approval-policy';

/**
 * calma.yaml `statements.approvals` for tests about something else than the policy (delivery, Slack and
 * Discord rendering, reminders): one approver at every severity, so one press publishes. The policy's
 * own tests use the defaults.
 */
export const ONE_APPROVER: ApprovalPolicy = {
  sev1: ['approver'],
  sev2: ['approver'],
  sev3: ['approver'],
  sev4: ['approver'],
};
