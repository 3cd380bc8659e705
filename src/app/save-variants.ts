import type { NetworkId } from '../core/networks';
import type { Result } from '../core/result';
import { editStatement, findStatement } from '../core/statement';
import type { Statement } from '../core/types';
import { checklistContext } from './checklist-context';
import type { Caller, Deps, Reply } from './deps';
import { mutateIncident } from './mutate';
import { showDraft } from './statement-room';

export type Variants = Partial<Record<NetworkId, string>>;

/**
 * Sets a draft's variants: `/crisis variant` and the web editor's Save (src/http/draft-page.ts) both
 * come here. `choose` decides, from the statement as stored at that moment (atomically), which variants
 * it has from now on. It is an edit like any other (core's `editStatement`: the text stays, each variant
 * is checked against its network, approvals start over, a timeline entry), and the room sees the draft
 * card again.
 */
export async function saveVariants(
  deps: Deps,
  caller: Caller,
  seq: number | undefined,
  n: number,
  choose: (statement: Statement) => Result<Variants>,
): Promise<Result<Reply>> {
  const result = await mutateIncident(deps, caller, seq, (incident, now) => {
    const found = findStatement(incident, n);
    if (!found.ok) return found;
    const statement = found.value;
    const variants = choose(statement);
    if (!variants.ok) return variants;
    const context = checklistContext(deps, incident, statement.step);
    return editStatement(incident, n, statement.text, caller.user, now, context, variants.value);
  });
  if (!result.ok) return result;
  return { ok: true, value: await showDraft(deps, caller, result.value, n, 'statement.edited') };
}
