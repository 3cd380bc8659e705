import type { Card } from '../core/card';
import type { Translator } from '../i18n';

/** `/crisis help`: every subcommand with its grammar, in the reader's language. */
export function helpCard(t: Translator, playbooks: string[]): Card {
  return {
    title: t('help.title'),
    lines: [
      t('help.intro'),
      `\`/crisis open [playbook] [sev1-sev4] <title>\` — ${t('help.open')}`,
      `\`/crisis status [#N]\` — ${t('help.status')}`,
      `\`/crisis list [all]\` — ${t('help.list')}`,
      `\`/crisis step [done|skip <reason>|assign @user] [N]\` — ${t('help.step')}`,
      `\`/crisis role <role> @user\` — ${t('help.role')}`,
      `\`/crisis sev <1-4>\` — ${t('help.sev')}`,
      `\`/crisis note <text>\` — ${t('help.note')}`,
      `\`/crisis update [text]\` — ${t('help.update')}`,
      `\`/crisis approve S<n>\` — ${t('help.approve')}`,
      `\`/crisis reject S<n> <reason>\` — ${t('help.reject')}`,
      `\`/crisis edit S<n> [text]\` — ${t('help.edit')}`,
      `\`/crisis question <text>\` — ${t('help.question')}`,
      `\`/crisis answer Q<n> <text | S<n>>\` — ${t('help.answer')}`,
      `\`/crisis evidence <link> [note]\` — ${t('help.evidence')}`,
      `\`/crisis close [resolution]\` — ${t('help.close')}`,
      `\`/crisis reopen <reason>\` — ${t('help.reopen')}`,
      `\`/crisis followup [<text> [@owner] | done F<n>]\` — ${t('help.followup')}`,
      `\`/crisis stats [days]\` — ${t('help.stats')}`,
      `\`/crisis drill [playbook] [scenario]\` — ${t('drill.helpDrill')}`,
      `\`/crisis delete #N\` — ${t('drill.helpDelete')}`,
      `\`/crisis lang <en|es|fr>\` — ${t('help.lang')}`,
      `\`/crisis help\` — ${t('help.help')}`,
      t('help.roles'),
      t('help.playbooks', { playbooks: playbooks.join(', ') }),
    ],
    context: t('help.incidentRef'),
  };
}
