import { registry } from '../../../handlers/index';
import { helpCard } from '../../../src/cards/help';
import { translator } from '../../../src/i18n';

const lines = (locale: 'en' | 'es' | 'fr') =>
  helpCard(translator(locale), ['hacked-account'], registry.commands).lines ?? [];

describe('the help card', () => {
  it('GIVEN the registry WHEN the help is shown THEN every command has its line, in the registry’s order', () => {
    const shown = lines('en')
      .map((line) => /^`\/crisis (\w+)/.exec(line)?.[1])
      .filter(Boolean);

    expect(shown).toEqual(registry.commands.map((c) => c.name));
  });

  it('GIVEN an English reader WHEN the help is shown THEN the lines are the commands as replies quote them', () => {
    expect(lines('en')).toContain(
      '`/crisis step [done|skip <reason>|assign @user] [N]` — show the current step, mark it done, skip it with a reason, or give it to someone',
    );
    expect(lines('en')).toContain(
      '`/crisis postmortem` — share the postmortem as it stands, generated from the timeline (Markdown)',
    );
  });

  it('GIVEN a Spanish or French reader WHEN the help is shown THEN each line also gives the words they may type', () => {
    expect(lines('es')).toContain(
      '`/crisis step [done|skip <motivo>|assign @usuario] [N]` (`paso`: `ver`, `hecho`, `omitir`, `asignar`) — muestra el paso actual, lo da por hecho, lo omite con un motivo o lo asigna a alguien',
    );
    expect(lines('es')).toContain('`/crisis help` (`ayuda`) — esta ayuda');
    expect(lines('fr')).toContain(
      '`/crisis followup [<texte> [@responsable] | done F<n>]` (`suivi` : `fait`) — ajoute une action de suivi, avant ou après la clôture (sa ou son responsable reçoit des rappels jusqu’à ce qu’elle soit faite), la marque comme faite, ou les liste',
    );
    // The same word in French: nothing to add.
    expect(lines('fr')).toContain('`/crisis note <texte>` — ajoute une note à la chronologie');
  });
});
