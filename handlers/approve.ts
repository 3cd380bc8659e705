import { z } from 'zod';
import { approveAs } from '../src/app/approval';
import { defineCommand, incidentArg, option } from '../src/app/command';
import type { Caller, Deps, Reply } from '../src/app/deps';
import { numbered } from '../src/core/command';

/** `/crisis approve S<n>` and the Approve button (the path itself is in src/app/approval.ts). */
export function approve(
  deps: Deps,
  caller: Caller,
  command: { incident?: number; statement: number; version?: number },
): Promise<Reply> {
  return approveAs(deps, caller, command);
}

export const approveCommand = defineCommand({
  name: 'approve',
  names: { es: 'aprobar', fr: 'approuver' },
  args: z.object({ incident: incidentArg, statement: z.number() }),
  read: [numbered('statement', 'S', { key: 'statement.approveUsage' })],
  options: [option.integer('statement', 'statement', { required: true }), option.incident()],
  usage: () => 'approve S<n>',
  help: 'help.approve',
  access: 'approvers',
  run: approve,
});
