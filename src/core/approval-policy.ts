import type { Incident, Role, Severity } from './types';

/**
 * Who must approve a public statement: decided by the incident's severity and its playbook only, never
 * by how the draft was written (template or free text). Each role is one slot filled by a different
 * person, none of them an author.
 */
export type ApprovalPolicy = Record<`sev${Severity}`, Role[]>;

/** calma.yaml's defaults (docs/statements.md): SEV1 needs two people, an approver and the lead. */
export const DEFAULT_APPROVAL_POLICY: ApprovalPolicy = {
  sev1: ['approver', 'lead'],
  sev2: ['approver'],
  sev3: ['approver'],
  sev4: ['approver'],
};

/**
 * The approval slots a statement of `incident` needs now: the playbook's list for its severity if it has
 * one, else calma.yaml's. A severity not set yet counts as SEV1 (when unsure, the higher level).
 */
export function requiredApprovals(
  incident: Pick<Incident, 'severity'>,
  policy: ApprovalPolicy,
  playbook?: Partial<ApprovalPolicy>,
): Role[] {
  const key = `sev${incident.severity ?? 1}` as const;
  const roles = playbook?.[key] ?? policy[key];
  return roles.length > 0 ? [...roles] : ['approver'];
}
