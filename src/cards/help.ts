import type { Card } from '../core/card';
import type { Translator } from '../i18n';

type HelpArg =
  | 'playbook'
  | 'title'
  | 'reason'
  | 'user'
  | 'role'
  | 'text'
  | 'link'
  | 'note'
  | 'resolution'
  | 'owner'
  | 'days'
  | 'scenario';

/** `/crisis help`: every subcommand with its grammar, in the reader's language. */
export function helpCard(t: Translator, playbooks: string[]): Card {
  // The words a reader replaces are in their language; the command words stay what calma parses.
  const a = (name: HelpArg) => t(`help.arg.${name}`);
  return {
    title: t('help.title'),
    lines: [
      t('help.intro'),
      `\`/crisis open [${a('playbook')}] [sev1-sev4] <${a('title')}>\` — ${t('help.open')}`,
      `\`/crisis status [#N]\` — ${t('help.status')}`,
      `\`/crisis list [all]\` — ${t('help.list')}`,
      `\`/crisis step [done|skip <${a('reason')}>|assign @${a('user')}] [N]\` — ${t('help.step')}`,
      `\`/crisis role <${a('role')}> @${a('user')}\` — ${t('help.role')}`,
      `\`/crisis sev <1-4>\` — ${t('help.sev')}`,
      `\`/crisis note <${a('text')}>\` — ${t('help.note')}`,
      `\`/crisis update [${a('text')}]\` — ${t('help.update')}`,
      `\`/crisis approve S<n>\` — ${t('help.approve')}`,
      `\`/crisis reject S<n> <${a('reason')}>\` — ${t('help.reject')}`,
      `\`/crisis edit S<n> [${a('text')}]\` — ${t('help.edit')}`,
      `\`/crisis question <${a('text')}>\` — ${t('help.question')}`,
      `\`/crisis answer Q<n> <${a('text')} | S<n>>\` — ${t('help.answer')}`,
      `\`/crisis evidence <${a('link')}> [${a('note')}]\` — ${t('help.evidence')}`,
      `\`/crisis close [${a('resolution')}]\` — ${t('help.close')}`,
      `\`/crisis reopen <${a('reason')}>\` — ${t('help.reopen')}`,
      `\`/crisis followup [<${a('text')}> [@${a('owner')}] | done F<n>]\` — ${t('help.followup')}`,
      `\`/crisis stats [${a('days')}]\` — ${t('help.stats')}`,
      `\`/crisis drill [${a('playbook')}] [${a('scenario')}]\` — ${t('drill.helpDrill')}`,
      `\`/crisis delete #N\` — ${t('drill.helpDelete')}`,
      `\`/crisis lang <en|es|fr>\` — ${t('help.lang')}`,
      `\`/crisis help\` — ${t('help.help')}`,
      t('help.roles'),
      t('help.playbooks', { playbooks: playbooks.join(', ') }),
    ],
    context: t('help.incidentRef'),
  };
}
