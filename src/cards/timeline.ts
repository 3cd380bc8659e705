import type { FactTopic, TimelineEntry } from '../core/types';
import { roleName, type Translator } from '../i18n';
import { type Mention, severityLabel, when } from './format';
import { destinationName } from './statement';

/** The topics of a fact in the reader's language: "payment details, passwords". */
export const factTopicNames = (t: Translator, topics: readonly FactTopic[]): string =>
  topics.map((topic) => t(`fact.topic.${topic}`)).join(', ');

/** One timeline entry as a sentence: `23 Nov 2026 16:40 UTC · @ana: severity SEV2 → SEV1`. */
export function timelineLine(e: TimelineEntry, t: Translator, mention: Mention): string {
  return `${when(e.at, t)} · ${mention(e.by)}: ${timelineText(e, t, mention)}`;
}

/** What an entry says, without its time and author (the postmortem puts those in their own columns). */
export function timelineText(e: TimelineEntry, t: Translator, mention: Mention): string {
  switch (e.kind) {
    case 'opened':
      return t('timeline.opened', {
        title: e.title,
        playbook: e.playbook,
        severity: severityLabel(e.severity),
      });
    case 'severity':
      return t('timeline.severity', { from: severityLabel(e.from), to: severityLabel(e.to) });
    case 'role':
      return t('timeline.role', { role: roleName(t, e.role), user: mention(e.user) });
    case 'step-done':
      return e.statement === undefined
        ? t('timeline.stepDone', { step: e.step + 1 })
        : t('timeline.stepDoneByStatement', { step: e.step + 1, n: e.statement });
    case 'step-skipped':
      return t('timeline.stepSkipped', { step: e.step + 1, reason: e.reason });
    case 'step-assigned':
      return t('timeline.stepAssigned', { step: e.step + 1, user: mention(e.user) });
    case 'note':
      return t('timeline.note', { text: e.text });
    case 'locale':
      return t('timeline.locale', { language: t(`languages.${e.locale}`) });
    case 'room':
      return t('timeline.room', { name: e.name });
    case 'reminder-snoozed':
      return t('timeline.reminderSnoozed', { reminder: e.reminder, until: when(e.until, t) });
    case 'reminder-dismissed':
      return t('timeline.reminderDismissed', { reminder: e.reminder });
    case 'statement-drafted':
    case 'statement-edited':
      return t(e.kind === 'statement-drafted' ? 'timeline.statementDrafted' : 'timeline.statementEdited', {
        n: e.n,
        missing: e.missing.length,
        warnings: e.warnings.length,
      });
    case 'statement-approved':
      return t(e.via ? 'timeline.statementApprovedLink' : 'timeline.statementApproved', {
        n: e.n,
        role: roleName(t, e.as),
      });
    case 'statement-rejected':
      return t(e.via ? 'timeline.statementRejectedLink' : 'timeline.statementRejected', {
        n: e.n,
        reason: e.reason,
      });
    case 'statement-published':
      return e.nextUpdateAt
        ? t('timeline.statementPublishedNext', { n: e.n, when: when(e.nextUpdateAt, t) })
        : t('timeline.statementPublished', { n: e.n });
    case 'statement-delivered':
      return t('timeline.statementDelivered', { n: e.n, where: destinationName(e.destination, t) });
    case 'statement-delivery-failed':
      return t('timeline.statementDeliveryFailed', {
        n: e.n,
        where: destinationName(e.destination, t),
        error: e.error,
      });
    case 'evidence':
      return e.note
        ? t('timeline.evidenceNote', { url: e.url, note: e.note })
        : t('timeline.evidence', { url: e.url });
    case 'aware': {
      const text = e.previous
        ? t('deadline.timelineCorrected', { when: when(e.since, t), previous: when(e.previous, t) })
        : t('deadline.timeline', { when: when(e.since, t) });
      return e.note ? t('deadline.timelineHow', { text, how: e.note }) : text;
    }
    case 'fact':
      return t('timeline.fact', { text: e.text, topics: factTopicNames(t, e.topics) });
    case 'closed':
      return t(e.finalUpdate ? 'timeline.closed' : 'timeline.closedNoUpdate', { resolution: e.resolution });
    case 'archived':
      return t('timeline.archived', { room: e.room });
    case 'reopened':
      return t('timeline.reopened', { reason: e.reason });
    case 'question':
      return t('timeline.question', { n: e.n, text: e.text });
    case 'question-answered':
      return e.statement === undefined
        ? t('timeline.questionAnswered', { n: e.n, text: e.text })
        : t('timeline.questionAnsweredBy', { n: e.n, statement: e.statement });
    case 'followup':
      return e.owner
        ? t('timeline.followupOwner', { n: e.n, text: e.text, owner: mention(e.owner) })
        : t('timeline.followup', { n: e.n, text: e.text });
    case 'followup-done':
      return t('timeline.followupDone', { n: e.n });
    case 'lockdown-requested':
      return t('timeline.lockdownRequested', { hours: e.hours });
    case 'lockdown':
      return t(e.drill ? 'timeline.lockdownDrill' : 'timeline.lockdown', {
        until: when(e.until, t),
        who: mention(e.requestedBy),
      });
    case 'captured':
      return t('timeline.captured', {
        author: mention(e.message.author),
        when: when(e.message.postedAt, t),
        text: e.message.text,
      });
    case 'alert': {
      const text = t(e.opening ? 'timeline.alertOpening' : 'timeline.alert', {
        source: t(`alerts.source.${e.source}`),
        status: t(`alerts.${e.status}`),
        title: e.title,
        key: e.dedupKey,
      });
      return e.url ? `${text} ${e.url}` : text;
    }
  }
}
