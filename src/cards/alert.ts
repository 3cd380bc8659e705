import type { Alert } from '../core/alert';
import type { Button, Card } from '../core/card';
import type { Translator } from '../i18n';
import type { TriageCard } from '../ports/alert-store';
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
