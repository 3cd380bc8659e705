import { statementCard, stillNeeded } from '../cards/statement';
import type { Incident, Statement } from '../core/types';
import { translator } from '../i18n';
import type { Caller, Deps, Reply } from './deps';
import { announce } from './mutate';

/**
 * Shows a statement's card in the incident room: posted once, then redrawn in place as approvals,
 * rejections and edits come in, so the buttons people see always act on the current text.
 */
export async function showStatement(deps: Deps, incident: Incident, n: number): Promise<void> {
  const statement = incident.statements?.find((s) => s.n === n);
  if (!statement || !incident.room) return;
  const mention = (u: string) => deps.chat.mention(u);
  const card = statementCard(incident, statement, translator(incident.locale), mention, deps.approvers);
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

/** Posts or redraws a draft's card (just drafted or edited), and tells the room what happens next. */
export async function showDraft(
  deps: Deps,
  caller: Caller,
  incident: Incident,
  n: number,
  key: 'statement.drafted' | 'statement.edited',
): Promise<Reply> {
  await showStatement(deps, incident, n);
  const t = translator(incident.locale);
  const statement = incident.statements?.find((s) => s.n === n);
  const mention = (u: string) => deps.chat.mention(u);
  // The approvers still needed are mentioned here, in a new post: that is what pings them.
  const needed = statement ? stillNeeded(incident, statement, deps.approvers, t, mention) : '';
  return announce(deps, caller, incident, [
    { lines: [t(key, { n, who: mention(caller.user), needed })], tone: 'info' },
  ]);
}
