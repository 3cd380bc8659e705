import type { Alert } from '../core/alert';
import type { Button, Card } from '../core/card';
import type { Translator } from '../i18n';
import type { DigestPage, TriageCard } from '../ports/alert-store';
import { type Mention, severityLabel, when } from './format';

/** A playbook a triage card can open: its id and its title in the card's language. */
export interface PlaybookChoice {
  id: string;
  title: string;
  /** Suggested by the alert's title (highlighted). */
  suggested: boolean;
}

/** Labels shown on a triage card: enough to recognise the alert, never a wall of text. */
const MAX_LABELS = 8;

const sourceName = (alert: Pick<Alert, 'source'>, t: Translator) => t(`alerts.source.${alert.source}`);

/**
 * The triage card: an alert that a person should look at, with "Open crisis" (the routed playbook, or
 * one button per candidate playbook) and "Dismiss". Once decided, the same card says who did what.
 */
export function triageCard(
  triage: TriageCard,
  t: Translator,
  mention: Mention,
  choices: PlaybookChoice[],
  room?: string,
): Card {
  const alert = triage.alerts[0];
  if (!alert) throw new Error(`triage card ${triage.id} has no alert`);
  const labels = Object.entries(alert.labels)
    .slice(0, MAX_LABELS)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  const latest = triage.alerts.at(-1) ?? alert;
  const fields = [
    { label: t('alerts.from'), value: sourceName(alert, t) },
    { label: t('alerts.status'), value: t(`alerts.${latest.status}`) },
    {
      label: t('alerts.severity'),
      value: alert.severity ? severityLabel(alert.severity) : t('alerts.severityUnknown'),
    },
    { label: t('alerts.started'), value: when(alert.startedAt, t) },
    ...(labels ? [{ label: t('alerts.labels'), value: labels }] : []),
    ...(alert.url ? [{ label: t('alerts.link'), value: alert.url }] : []),
    ...(triage.route.playbook ? [{ label: t('alerts.playbook'), value: triage.route.playbook }] : []),
  ];
  const lines = [
    t('alerts.triageIntro', { source: sourceName(alert, t) }),
    ...(alert.summary ? [alert.summary] : []),
    ...(triage.count > 1 ? [t('alerts.count', { count: triage.count, when: when(triage.lastAt, t) })] : []),
    ...(triage.resolvedAt ? [t('alerts.resolvedAt', { when: when(triage.resolvedAt, t) })] : []),
    ...truncatedLine(latest, t),
  ];
  const context =
    triage.route.rule === 'default'
      ? t('alerts.ruleDefault')
      : t('alerts.rule', { n: triage.route.rule + 1 });
  const title = t('alerts.triageTitle', { title: alert.title });
  if (triage.opened) {
    const decided = t('alerts.openedBy', {
      seq: triage.opened.seq,
      who: mention(triage.opened.by),
      when: when(triage.opened.at, t),
      room: room ?? `#${triage.opened.seq}`,
    });
    return { title, lines: [...lines.slice(1), decided], fields, context, tone: 'success' };
  }
  if (triage.dismissed) {
    const decided = t('alerts.dismissedBy', {
      who: mention(triage.dismissed.by),
      when: when(triage.dismissed.at, t),
    });
    return { title, lines: [...lines.slice(1), decided], fields, context, tone: 'info' };
  }
  const open: Button[] = triage.route.playbook
    ? [
        {
          label: t('alerts.open'),
          action: { kind: 'alert.open', args: [triage.id, triage.route.playbook] },
          style: 'primary',
        },
      ]
    : choices.map((choice) => ({
        label: t('alerts.openWith', { playbook: choice.title }),
        action: { kind: 'alert.open' as const, args: [triage.id, choice.id] },
        ...(choice.suggested ? { style: 'primary' as const } : {}),
      }));
  return {
    title,
    lines: triage.route.playbook ? lines : [...lines, t('alerts.choosePlaybook')],
    fields,
    buttons: [
      ...open,
      { label: t('alerts.dismiss'), action: { kind: 'alert.dismiss', args: [triage.id] }, style: 'danger' },
    ],
    context,
    tone: alert.severity !== null && alert.severity <= 2 ? 'danger' : 'warning',
  };
}

/** Posted in the room of an incident an alert opened (or its triage card): which alert, and what repeats do. */
export function alertOpenedCard(
  alert: Alert,
  t: Translator,
  windowMinutes: number,
  openedFromTriageBy?: string,
): Card {
  return {
    title: t('alerts.openedTitle'),
    lines: [
      t('alerts.openedLine', {
        source: sourceName(alert, t),
        status: t(`alerts.${alert.status}`),
        title: alert.title,
      }),
      ...(alert.summary ? [alert.summary] : []),
      ...(alert.url ? [alert.url] : []),
      ...truncatedLine(alert, t),
      ...(openedFromTriageBy ? [t('alerts.fromTriage', { who: openedFromTriageBy })] : []),
      t('alerts.groupNote', { minutes: windowMinutes }),
    ],
    tone: 'warning',
  };
}

/** What the sender left out of the alert's notification, so nobody takes the card for the whole story. */
function truncatedLine(alert: Alert, t: Translator): string[] {
  return alert.truncated
    ? [t('alerts.truncated', { source: sourceName(alert, t), count: alert.truncated })]
    : [];
}

/** A repeat of the incident's alert, posted at most once per group window; `held`: repeats not posted. */
export function alertAgainCard(alert: Alert, t: Translator, held: number, since: number): Card {
  return {
    lines: [
      t('alerts.again', {
        source: sourceName(alert, t),
        status: t(`alerts.${alert.status}`),
        title: alert.title,
      }),
      ...(alert.url ? [alert.url] : []),
      ...truncatedLine(alert, t),
      ...(held > 0 ? [t('alerts.held', { count: held, since: when(new Date(since), t) })] : []),
    ],
    tone: 'warning',
  };
}

/** At the end of a window: how many repeats were held back and are only on the timeline. */
export function alertDigestCard(group: string, count: number, since: number, t: Translator): Card {
  return { lines: [t('alerts.digest', { group, count, since: when(new Date(since), t) })], tone: 'info' };
}

/** The source says the alert is resolved: said once, and the incident stays open. */
export function alertResolvedCard(alert: Alert, t: Translator): Card {
  return {
    lines: [
      t('alerts.resolvedInRoom', { source: sourceName(alert, t), title: alert.title }),
      ...(alert.url ? [alert.url] : []),
    ],
    tone: 'success',
  };
}

/**
 * Groups a digest card (and each page of *All groups*) shows with a button: with *All groups*, 21
 * buttons, within Discord's 5 rows of 5 and one Slack actions block of 25.
 */
export const DIGEST_PAGE = 20;

/** What a storm digest names a group by and shows of its labels: enough to tell groups apart. */
const DIGEST_TITLE = 80;
const DIGEST_LABELS = 100;
const DIGEST_LABEL_COUNT = 4;

const numbers = new Map<string, Intl.NumberFormat>();
/** `1,995` / `1 995` / `1.995`: counts in the reader's language. */
function count(n: number, t: Translator): string {
  let format = numbers.get(t.locale);
  if (!format) {
    format = new Intl.NumberFormat(t.locale);
    numbers.set(t.locale, format);
  }
  return format.format(n);
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** An alert's first few labels as `key=value`, for a digest line (the group's name is its title). */
export function digestLabels(alert: Pick<Alert, 'labels'>): string {
  return clip(
    Object.entries(alert.labels)
      .slice(0, DIGEST_LABEL_COUNT)
      .map(([k, v]) => `${k}=${v}`)
      .join(', '),
    DIGEST_LABELS,
  );
}

/** One group of a digest: its rank, name, alerts, source and labels, and what became of it. */
function digestLine(
  group: DigestPage['groups'][number],
  rank: number,
  t: Translator,
  mention: Mention,
): string {
  const card = group.card;
  const fate = card?.opened
    ? t('alerts.stormOpened', { seq: card.opened.seq, who: mention(card.opened.by) })
    : card?.dismissed
      ? t('alerts.stormDismissed', { who: mention(card.dismissed.by) })
      : card?.status === 'opening'
        ? t('alerts.stormOpening')
        : group.resolved
          ? t('alerts.stormResolved')
          : '';
  return t('alerts.stormGroup', {
    rank,
    title: clip(group.title.trim() || '?', DIGEST_TITLE),
    alerts: t('alerts.stormAlerts', { count: group.count, n: count(group.count, t) }),
    source: t(`alerts.source.${group.source}`),
    labels: group.labels ? ` · ${group.labels}` : '',
    fate: fate ? ` ${fate}` : '',
  });
}

/** *Open crisis* for each group of the page still waiting for a decision. */
function digestButtons(page: DigestPage, offset: number, t: Translator): Button[] {
  return page.groups.flatMap((group, i): Button[] =>
    group.card?.status === 'pending'
      ? [
          {
            label: t('alerts.stormOpen', {
              rank: offset + i + 1,
              title: clip(group.title.trim() || '?', 60),
            }),
            action: { kind: 'alert.pick', args: [group.triage] },
            ...(i === 0 && offset === 0 ? { style: 'primary' as const } : {}),
          },
        ]
      : [],
  );
}

/**
 * The digest card of an alert storm: the groups that came past the storm rule in one window, the
 * largest first, each with *Open crisis*; past `page.groups`, the rest are counted and *All groups* lists
 * them, a page at a time. Posted once, then redrawn in place as alerts come.
 */
export function stormDigestCard(page: DigestPage, t: Translator, mention: Mention): Card {
  const { digest } = page;
  const rest = digest.groups - page.groups.length;
  return {
    title: t('alerts.stormTitle', { count: digest.groups, n: count(digest.groups, t) }),
    lines: [
      t('alerts.stormIntro', {
        threshold: digest.threshold,
        minutes: digest.windowMinutes,
        since: when(new Date(digest.start), t),
      }),
      t('alerts.stormTotals', {
        groups: t('alerts.stormGroups', { count: digest.groups, n: count(digest.groups, t) }),
        alerts: t('alerts.stormAlerts', { count: digest.alerts, n: count(digest.alerts, t) }),
      }),
      ...page.groups.map((group, i) => digestLine(group, i + 1, t, mention)),
      ...(rest > 0 ? [t('alerts.stormMore', { count: rest, n: count(rest, t), size: DIGEST_PAGE })] : []),
    ],
    buttons: [
      ...digestButtons(page, 0, t),
      ...(rest > 0
        ? [{ label: t('alerts.stormAll'), action: { kind: 'alert.groups' as const, args: [digest.id, '0'] } }]
        : []),
    ],
    context: t('alerts.stormRule'),
    tone: 'warning',
  };
}

/** A page of a digest's groups (*All groups*, shown to whoever asked), with *Open crisis* and *Next*. */
export function digestGroupsCard(page: DigestPage, offset: number, t: Translator, mention: Mention): Card {
  const { digest } = page;
  const next = offset + page.groups.length;
  return {
    title: t('alerts.stormPageTitle', {
      from: count(Math.min(offset + 1, digest.groups), t),
      to: count(next, t),
      n: count(digest.groups, t),
    }),
    lines:
      page.groups.length > 0
        ? page.groups.map((group, i) => digestLine(group, offset + i + 1, t, mention))
        : [t('alerts.stormPageEmpty')],
    buttons: [
      ...digestButtons(page, offset, t),
      ...(next < digest.groups
        ? [
            {
              label: t('alerts.stormNext'),
              action: { kind: 'alert.groups' as const, args: [digest.id, String(next)] },
            },
          ]
        : []),
    ],
    tone: 'info',
  };
}
