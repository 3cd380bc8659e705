import type { statusPage as en } from '../en/status-page';
import type { Translated } from '../plural';

export const statusPage: Translated<typeof en> = {
  statusPage: {
    ongoing: 'Incidents en cours',
    noOngoing: 'Aucun incident en cours. Tout fonctionne normalement.',
    recent: 'Résolus récemment',
    noRecent: 'Aucun incident n’a été résolu récemment.',
    stateOngoing: 'En cours',
    stateResolved: 'Résolu',
    started: 'Commencé le {{when}}',
    resolvedAt: 'Résolu le {{when}}',
    updatedAt: 'Dernière mise à jour : {{when}}',
    nextUpdate: 'Prochaine mise à jour avant le {{when}}',
    updates: 'Mises à jour',
    update: 'Mise à jour {{n}}',
    publishedAt: 'Publiée le {{when}}',
    allIncidents: 'Tous les incidents',
    subscribe: 'Suivre ces mises à jour',
    atom: 'Flux Atom',
    json: 'Flux JSON',
    language: 'Langue',
    zoneNote: 'Les heures sont indiquées en {{zone}}.',
    notFound: 'Aucun incident public à cette adresse.',
    off: 'La page de statut est désactivée.',
    feedsOff: 'Les flux ont besoin de l’adresse publique de la page (status_page.base_url dans calma.yaml).',
    entryTitle: '{{title}} : mise à jour {{n}}',
  },
};
