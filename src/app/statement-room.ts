import { statementCard, stillNeeded } from '../cards/statement';
import { braced, placeholders } from '../core/placeholders';
import type { Incident, Statement } from '../core/types';
import { translator } from '../i18n';
import { sendApprovalLinks } from './approval-invites';
import type { Caller, Deps, Reply } from './deps';
import { announce } from './mutate';

/**
 * Shows a statement's card in the incident room: posted once, then redrawn in place as approvals and
 * rejections come in, so the buttons people see always act on the current text. An edit posts the card
 * again (`repost`) so everyone reads the new text where they are, in every client (the console prints
 * new posts only), and the old card says it is void and loses its buttons.
 */
export async function showStatement(
  deps: Deps,
  incident: Incident,
  n: number,
  repost = false,
): Promise<void> {
  const statement = incident.statements?.find((s) => s.n === n);
  if (!statement || !incident.room) return;
  const t = translator(incident.locale, deps.timeZone);
  const mention = (u: string) => deps.chat.mention(u);
  const card = statementCard(incident, statement, t, mention, deps.approvers);
  const old = statement.card;
  if (old && !repost) {
    await deps.chat.update(old, card);
    return;
  }
  if (old) await deps.chat.update(old, { lines: [t('statement.superseded', { n })], tone: 'info' });
  const ref = await deps.chat.post(incident.room, card);
  await deps.store.update(incident.workspace, incident.seq, (current) => {
    const stored = current.statements?.find((s) => s.n === n);
    // Another redraw got there first: its card stays the one the approvals act on.
    if (!stored || stored.card?.id !== old?.id) return {};
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
  key: 'statement.drafted' | 'statement.edited' | 'question.answerDrafted',
): Promise<Reply> {
  await showStatement(deps, incident, n, key === 'statement.edited');
  const t = translator(incident.locale, deps.timeZone);
  const statement = incident.statements?.find((s) => s.n === n);
  const mention = (u: string) => deps.chat.mention(u);
  // The approvers still needed are mentioned here, in a new post: that is what pings them.
  const needed = statement ? stillNeeded(incident, statement, deps.approvers, t, mention) : '';
  // A template's placeholder left in the text is said now, not only when someone tries to approve it.
  const left = [
    ...new Set([statement?.text ?? '', ...Object.values(statement?.variants ?? {})].flatMap(placeholders)),
  ];
  const unfilled = left.length > 0 ? [t('statement.unfilled', { placeholders: braced(left) })] : [];
  await sendApprovalLinks(deps, incident, n);
  return announce(deps, caller, incident, [
    {
      lines: [
        t(key, { n, who: mention(caller.user), needed, question: statement?.answers ?? 0 }),
        ...unfilled,
      ],
      tone: 'info',
    },
  ]);
}
