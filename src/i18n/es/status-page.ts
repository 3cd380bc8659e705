import type { statusPage as en } from '../en/status-page';
import type { Translated } from '../plural';

export const statusPage: Translated<typeof en> = {
  statusPage: {
    ongoing: 'Incidencias en curso',
    noOngoing: 'No hay incidencias en curso. Todo funciona con normalidad.',
    recent: 'Resueltas recientemente',
    noRecent: 'No se ha resuelto ninguna incidencia recientemente.',
    stateOngoing: 'En curso',
    stateResolved: 'Resuelta',
    started: 'Iniciada el {{when}}',
    resolvedAt: 'Resuelta el {{when}}',
    updatedAt: 'Última actualización: {{when}}',
    nextUpdate: 'Próxima actualización antes del {{when}}',
    updates: 'Actualizaciones',
    update: 'Actualización {{n}}',
    publishedAt: 'Publicada el {{when}}',
    allIncidents: 'Todas las incidencias',
    subscribe: 'Sigue estas actualizaciones',
    atom: 'Feed Atom',
    json: 'Feed JSON',
    language: 'Idioma',
    zoneNote: 'Las horas se muestran en {{zone}}.',
    notFound: 'No hay ninguna incidencia pública en esta dirección.',
    off: 'La página de estado está desactivada.',
    feedsOff: 'Los feeds necesitan la dirección pública de la página (status_page.base_url en calma.yaml).',
    entryTitle: '{{title}}: actualización {{n}}',
  },
};
