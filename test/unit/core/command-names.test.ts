import fc from 'fast-check';
import { parseCommand, registry } from '../../../handlers/index';

const context = { playbooks: ['hacked-account', 'data-leak'] };
const parse = (text: string) => parseCommand(text, context);

describe('commands typed in Spanish or French', () => {
  it.each([
    ['abrir hacked-account sev1 Nos han hackeado', 'open hacked-account sev1 Nos han hackeado'],
    ['ouvrir Rumeur dans la presse', 'open Rumeur dans la presse'],
    ['estado #3', 'status #3'],
    ['état 3', 'status 3'],
    ['statut', 'status'],
    ['lista todas', 'list all'],
    ['liste toutes', 'list all'],
    ['paso', 'step'],
    ['paso ver 2', 'step show 2'],
    ['paso hecho 2', 'step done 2'],
    ['paso omitir 2 no tenemos anuncios', 'step skip 2 no tenemos anuncios'],
    ['paso saltar no aplica', 'step skip no aplica'],
    ['paso asignar 3 @ana', 'step assign 3 @ana'],
    ['étape fait', 'step done'],
    ['ÉTAPE FAIT 4 #2', 'step done 4 #2'],
    ['etape ignorer 2 pas de pub en cours', 'step skip 2 pas de pub en cours'],
    ['étape passer pas concerné', 'step skip pas concerné'],
    ['étape confier @luc', 'step assign @luc'],
    ['étape attribuer 2 @luc', 'step assign 2 @luc'],
    ['rol líder @ana', 'role lead @ana'],
    ['rôle juridique @luc', 'role legal @luc'],
    ['rôle valideuse @luc', 'role approver @luc'],
    ['rol encargada @ana', 'role scribe @ana'],
    ['gravedad 2 #7', 'sev 2 #7'],
    ['gravité sev1', 'sev 1'],
    ['nota #12 ver el ticket #13', 'note #12 ver el ticket #13'],
    [
      'comunicado Lo sentimos.\nPróxima actualización a las 12:00.',
      'update Lo sentimos.\nPróxima actualización a las 12:00.',
    ],
    ['communiqué', 'update'],
    ['aprobar S2', 'approve S2'],
    ['approuver 2 #4', 'approve 2 #4'],
    ['rechazar S1 Demasiado vago', 'reject S1 Demasiado vago'],
    ['rejeter S1 Trop vague', 'reject S1 Trop vague'],
    ['editar S1 Texto nuevo', 'edit S1 Texto nuevo'],
    ['modifier S1', 'edit S1'],
    ['pregunta ¿Se han filtrado las contraseñas?', 'question ¿Se han filtrado las contraseñas?'],
    ['répondre Q1 S2', 'answer Q1 S2'],
    ['responder Q2 No, están cifradas.', 'answer Q2 No, están cifradas.'],
    ['prueba https://x.com/acme/status/1 el post', 'evidence https://x.com/acme/status/1 el post'],
    ['preuve <https://presse.example/a|article>', 'evidence <https://presse.example/a|article>'],
    ['informe #9', 'postmortem #9'],
    ['retex', 'postmortem'],
    ['cerrar Cuenta recuperada', 'close Cuenta recuperada'],
    ['clore', 'close'],
    ['clôturer Rumeur éteinte', 'close Rumeur éteinte'],
    ['reabrir Vuelve el spam', 'reopen Vuelve el spam'],
    ['rouvrir La rumeur repart', 'reopen La rumeur repart'],
    ['seguimiento', 'followup'],
    ['seguimiento hecho F1', 'followup done F1'],
    ['suivi fait F2 #3', 'followup #3 done F2'],
    ['suivi Revoir la procédure @ana', 'followup Revoir la procédure @ana'],
    ['estadísticas 90', 'stats 90'],
    ['estadisticas', 'stats'],
    ['statistiques 7', 'stats 7'],
    ['simulacro hacked-account', 'drill hacked-account'],
    ['exercice', 'drill'],
    ['borrar #3', 'delete #3'],
    ['supprimer 3', 'delete 3'],
    ['idioma es', 'lang es'],
    ['langue fr #2', 'lang fr #2'],
    ['ayuda', 'help'],
    ['aide', 'help'],
  ])('GIVEN `/crisis %s` WHEN parsed THEN it is `/crisis %s`', (typed, english) => {
    const result = parse(typed);

    expect(result.ok).toBe(true);
    expect(result).toEqual(parse(english));
  });

  it.each([
    ['paso terminar', 'step.usage'],
    ['seguimiento hecho', 'followup.doneUsage'],
    ['suivi fait F1 maintenant', 'followup.doneUsage'],
    ['nota', 'note.empty'],
    ['gravité 9', 'sev.invalid'],
    ['borrar el simulacro', 'drill.deleteUsage'],
  ])('GIVEN `/crisis %s` WHEN parsed THEN the mistake is the English command’s, %s', (typed, key) => {
    expect(parse(typed)).toMatchObject({ ok: false, error: { key } });
  });

  it('GIVEN `/crisis seguimiento hecho el trato` WHEN parsed THEN "hecho" followed by words is the follow-up’s text, as "done" is', () => {
    expect(parse('seguimiento hecho el trato')).toEqual({
      ok: true,
      value: { name: 'followup', verb: 'add', text: 'hecho el trato' },
    });
  });

  it.each(
    registry.commands.flatMap((c) =>
      [c.names.es, c.names.fr, ...(c.names.also ?? [])].map((w) => [w, c.name]),
    ),
  )('GIVEN the word %j WHEN typed as a command THEN it is /crisis %s (or its usage)', (word, name) => {
    const result = parse(word);

    expect(result.ok ? result.value.name : result.error.key).not.toBe('command.unknown');
    if (result.ok) expect(result.value.name).toBe(name);
  });
});

describe('parsing any text', () => {
  const words = registry.commands.flatMap((c) => [
    c.name,
    c.names.es,
    ...Object.entries(c.verbs ?? {}).flatMap(([verb, v]) => [verb, v.names.fr]),
  ]);
  const token = fc.oneof(
    fc.constantFrom(
      ...words,
      '#3',
      '#0',
      '3',
      'S2',
      'Q1',
      'F1',
      'sev1',
      'sev9',
      '@ana',
      '<@U1|ana>',
      '<@&12>',
    ),
    fc.string({ maxLength: 6 }),
    fc.nat().map(String),
  );

  it('GIVEN any words, in any order WHEN parsed THEN the answer is a command or a mistake, never a crash', () => {
    fc.assert(
      fc.property(fc.array(token, { maxLength: 6 }), fc.constantFrom(' ', '  ', '\n'), (tokens, space) => {
        const result = parse(tokens.join(space));
        expect(typeof (result.ok ? result.value.name : result.error.key)).toBe('string');
      }),
      { numRuns: 2000 },
    );
  });
});
