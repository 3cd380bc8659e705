import type { terminal as en } from '../en/terminal';
import type { Translated } from '../plural';

export const terminal: Translated<typeof en> = {
  console: {
    archived: '#{{room}} est archivé.',
    attached: 'Pièce jointe : {{title}} ({{filename}})',
    file: 'Fichier partagé dans #{{room}} : {{title}} ({{filename}})',
    welcome:
      'Console calma : un chat dans votre terminal. Tapez `/crisis help` pour commencer, `/quit` pour quitter.',
    you: 'Vous êtes {{user}} (changez avec `/as <nom>`).',
    room: 'Vous êtes maintenant dans #{{room}}.',
    choose: 'Tapez un numéro pour cliquer sur un bouton :',
    noSuchChoice: 'Il n’y a pas de bouton {{choice}}. Tapez l’un des numéros affichés, ou une commande.',
    notACommand: 'Les commandes commencent par `/crisis`. Tapez `/crisis help` pour la liste.',
    as: 'Vous êtes maintenant {{user}}.',
    bye: 'À bientôt. Vos crises sont conservées pour la prochaine fois.',
    formCancelled: 'Le formulaire est resté sans réponse ; votre commande est exécutée à la place.',
    dm: 'Message privé à {{user}} ›',
    link: 'Lien ajouté à #{{room}} : {{title}} ({{url}})',
    yesNo: 'o/n',
    enterKeeps: 'Entrée garde : {{value}}',
    endWithDot: 'plusieurs lignes possibles : terminez par une ligne ne contenant que « . »',
    dotKeeps: '« . » seul garde : {{value}}',
    enterSkips: 'Entrée pour passer',
    badAnswer: 'Ce n’est pas l’un des choix : tapez son numéro (ou o / n).',
    pinned: '(épinglé)',
    invited: '{{users}} a rejoint #{{room}}.',
    topic: 'Sujet de #{{room}} : {{topic}}',
  },
};
