import type { Card } from '../core/card';
import { publicName } from '../core/incident';
import { NETWORK_IDS, variantLength, variantLimit } from '../core/networks';
import { approversFor } from '../core/statement';
import type { ChecklistResult, Incident, Role, Statement, UserId } from '../core/types';
import { type MessageKey, networkName, roleName, type Translator } from '../i18n';
import { type Mention, when } from './format';

/**
 * The statement as its reviewers see it in the incident room: text, checklist, who wrote it, who
 * approved, and Approve / Reject / Edit while it waits. Redrawn in place as it moves on.
 */
export function statementCard(
  incident: Incident,
  statement: Statement,
  t: Translator,
  mention: Mention,
  /** calma.yaml `approvers`: who, besides the incident's role holders, may fill each slot. */
  configured: Partial<Record<Role, UserId[]>>,
): Card {
  const args = [String(incident.seq), String(statement.n)];
  const fields = [
    { label: t('statement.authors'), value: statement.authors.map(mention).join(', ') },
    {
      label: t('statement.approvals'),
      value:
        statement.approvals.length === 0
          ? t('statement.noApprovals')
          : statement.approvals.map((a) => `${mention(a.by)} (${roleName(t, a.as)})`).join(', '),
    },
  ];
  if (statement.status === 'pending') {
    fields.push({
      label: t('statement.waitingFor'),
      value: stillNeeded(incident, statement, configured, t, mention),
    });
  }
  const question = incident.questions?.find((q) => q.n === statement.answers);
  if (question) fields.push({ label: t('statement.answers'), value: `Q${question.n}: ${question.text}` });
  if (statement.rejection) {
    fields.push({
      label: t('statement.rejectedBy'),
      value: `${mention(statement.rejection.by)}: ${statement.rejection.reason}`,
    });
  }
  const buttons: Card['buttons'] =
    statement.status === 'pending'
      ? [
          {
            label: t('statement.buttons.approve'),
            action: { kind: 'statement.approve', args: [...args, String(statement.version)] },
            style: 'primary',
          },
          {
            label: t('statement.buttons.reject'),
            action: { kind: 'statement.reject', args },
            style: 'danger',
          },
          { label: t('statement.buttons.edit'), action: { kind: 'statement.edit', args } },
        ]
      : statement.status === 'rejected'
        ? [{ label: t('statement.buttons.edit'), action: { kind: 'statement.edit', args } }]
        : [];
  return {
    title: t(`statement.title.${statement.status}`, {
      n: statement.n,
      done: statement.approvals.length,
      count: statement.requires.length,
    }),
    lines: [statement.text, ...variantLines(statement, t), ...checklistLines(statement.checklist, t)],
    fields,
    ...(buttons.length > 0 ? { buttons } : {}),
    context: [
      incident.drill ? t('drill.label') : '',
      `#${incident.seq}`,
      t('statement.checkNote'),
      statement.status === 'published' && statement.publishedAt
        ? t('statement.publishedAt', { when: when(statement.publishedAt, t) })
        : '',
    ]
      .filter(Boolean)
      .join(' · '),
    tone:
      statement.status === 'published' ? 'success' : statement.status === 'rejected' ? 'danger' : 'warning',
  };
}

/**
 * Who a statement still waits for, slot by slot, each with the people who can fill it mentioned (a post
 * carrying it pings exactly them): "Approver: @bob, @carl; Lead: @dan".
 */
export function stillNeeded(
  incident: Incident,
  statement: Statement,
  configured: Partial<Record<Role, UserId[]>>,
  t: Translator,
  mention: Mention,
): string {
  return approversFor(incident, statement, configured)
    .map(({ role, people }) =>
      t('statement.slot', {
        role: roleName(t, role),
        who: people.length > 0 ? people.map(mention).join(', ') : t('statement.nobodyHolds', { id: role }),
      }),
    )
    .join('; ');
}

/**
 * Each variant under its network's name and count, its text alone on its line so it copies as it is
 * (through the adapters' one rendering path: it shows literally, never pings, never hides a link).
 */
export function variantLines(statement: Statement, t: Translator): string[] {
  const variants = NETWORK_IDS.flatMap((network) => {
    const text = statement.variants?.[network];
    return text === undefined ? [] : [{ network, text }];
  });
  if (variants.length === 0) return [];
  return [
    `*${t('variant.heading')}*`,
    ...variants.flatMap(({ network, text }) => [
      `*${t('variant.label', {
        network: networkName(t, network),
        length: variantLength(network, text),
        max: variantLimit(network),
      })}*`,
      text,
    ]),
  ];
}

/** The checklist in three lines: what it covers, what it misses, what to reconsider. */
export function checklistLines(checklist: ChecklistResult, t: Translator): string[] {
  const item = (key: string) => t(`checklist.items.${key}` as MessageKey);
  const lines = [
    t('statement.covered', {
      count: checklist.covered.length,
      total: checklist.covered.length + checklist.missing.length,
      items: checklist.covered.map(item).join('; ') || '-',
    }),
  ];
  if (checklist.missing.length > 0) {
    lines.push(t('statement.missing', { items: checklist.missing.map(item).join('; ') }));
  }
  for (const warning of checklist.warnings) {
    lines.push(
      t('statement.warning', {
        warning: t(`checklist.warnings.${warning.kind}` as MessageKey),
        excerpt: warning.excerpt,
      }),
    );
  }
  return lines;
}

/**
 * What the public reads, as posted in the room and the announcements channel: the statement itself,
 * who approved it and when the next update comes.
 */
export function publishedCard(
  incident: Incident,
  statement: Statement,
  t: Translator,
  mention: Mention,
): Card {
  const drill = incident.drill ? `${t('drill.label')} · ` : '';
  const lines = [statement.text, ...variantLines(statement, t)];
  if (statement.nextUpdateAt)
    lines.push(t('statement.nextUpdate', { when: when(statement.nextUpdateAt, t) }));
  return {
    title: `${drill}${t('statement.publicTitle', { n: statement.n, seq: incident.seq, title: publicName(incident) })}`,
    lines,
    context: t('statement.approvedBy', {
      who: statement.approvals.map((a) => mention(a.by)).join(', '),
      when: when(statement.publishedAt ?? statement.createdAt, t),
    }),
    tone: 'success',
  };
}

/** What `/crisis status` shows of the statements: waiting ones, and deliveries not done yet. */
export function statementLines(incident: Incident, t: Translator): string[] {
  return (incident.statements ?? []).flatMap((s) => {
    if (s.status === 'pending') {
      return [t('statement.status.pending', { n: s.n, done: s.approvals.length, count: s.requires.length })];
    }
    if (s.status === 'rejected') return [t('statement.status.rejected', { n: s.n })];
    const deliveries = Object.entries(s.deliveries ?? {});
    const pending = deliveries
      .filter(([, d]) => d.state === 'pending')
      .map(([name]) => destinationName(name, t));
    const failed = deliveries.flatMap(([name, d]) =>
      d.state === 'failed' ? [`${destinationName(name, t)} (${d.error})`] : [],
    );
    return [
      ...(pending.length > 0
        ? [t('statement.status.delivering', { n: s.n, where: pending.join(', ') })]
        : []),
      ...(failed.length > 0 ? [t('statement.status.failed', { n: s.n, where: failed.join(', ') })] : []),
    ];
  });
}

export function destinationName(destination: string, t: Translator): string {
  if (destination === 'room') return t('statement.destinations.room');
  if (destination === 'announcements') return t('statement.destinations.announcements');
  return destination.replace(/^target:/, '');
}
