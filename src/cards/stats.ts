import type { Card } from '../core/card';
import { type IncidentStats, SEVERITY_KEYS } from '../core/stats';
import type { Translator } from '../i18n';
import { day } from './format';

/** `/crisis stats`: counts and medians over a period, in the reader's language. */
export function statsCard(stats: IncidentStats, t: Translator): Card {
  const period = t('stats.period', { from: day(stats.from, t), to: day(stats.to, t), zone: t.timeZone });
  if (stats.opened === 0) {
    return {
      title: t('stats.title', { days: stats.days }),
      lines: [t('stats.none')],
      context: context(stats, t, period),
    };
  }
  const severities = SEVERITY_KEYS.filter((key) => stats.bySeverity[key] > 0).map(
    (key) => `${key === 'unset' ? t('stats.unset') : key.toUpperCase()}: ${stats.bySeverity[key]}`,
  );
  return {
    title: t('stats.title', { days: stats.days }),
    fields: [
      { label: t('stats.opened'), value: String(stats.opened) },
      { label: t('stats.resolved'), value: String(stats.resolved) },
      { label: t('stats.stillOpen'), value: String(stats.stillOpen) },
      { label: t('stats.bySeverity'), value: severities.join(' · ') },
      {
        label: t('stats.toFirstStatement'),
        value:
          stats.medianToFirstStatementMs === null
            ? t('stats.noStatement')
            : t('stats.medianOf', {
                duration: duration(stats.medianToFirstStatementMs, t),
                count: stats.withStatement,
              }),
      },
      {
        label: t('stats.toResolution'),
        value:
          stats.medianToResolutionMs === null
            ? t('stats.noneResolved')
            : t('stats.medianOf', {
                duration: duration(stats.medianToResolutionMs, t),
                count: stats.resolved,
              }),
      },
    ],
    context: context(stats, t, period),
  };
}

function context(stats: IncidentStats, t: Translator, period: string): string {
  return [
    period,
    ...(stats.drillsExcluded > 0 ? [t('stats.drills', { count: stats.drillsExcluded })] : []),
    ...(stats.auditsExcluded > 0 ? [t('stats.audits', { count: stats.auditsExcluded })] : []),
  ].join(' · ');
}

/** `42 min`, `3 h 05 min`, `2 d 4 h`: real time, rounded to the minute. */
export function duration(ms: number, t: Translator): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return t('stats.minutes', { minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t('stats.hours', { hours, minutes: String(minutes % 60).padStart(2, '0') });
  return t('stats.days', { days: Math.floor(hours / 24), hours: hours % 24 });
}
