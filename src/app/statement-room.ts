import { statementCard } from '../cards/statement';
import type { Incident, Statement } from '../core/types';
import { translator } from '../i18n';
import type { Deps } from './deps';

/**
 * Shows a statement's card in the incident room: posted once, then redrawn in place as approvals,
 * rejections and edits come in, so the buttons people see always act on the current text.
 */
export async function showStatement(deps: Deps, incident: Incident, n: number): Promise<void> {
  const statement = incident.statements?.find((s) => s.n === n);
  if (!statement || !incident.room) return;
  const card = statementCard(incident, statement, translator(incident.locale), (u) => deps.chat.mention(u));
  if (statement.card) {
    await deps.chat.update(statement.card, card);
    return;
  }
  const ref = await deps.chat.post(incident.room, card);
  await deps.store.update(incident.workspace, incident.seq, (current) => {
    const stored = current.statements?.find((s) => s.n === n);
    if (!stored || stored.card) return {};
    const withCard: Statement = { ...stored, card: ref };
    return {
      change: {
        incident: {
          ...current,
          statements: (current.statements ?? []).map((s) => (s.n === n ? withCard : s)),
        },
        events: [],
      },
    };
  });
}
