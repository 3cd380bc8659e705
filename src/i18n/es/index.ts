/**
 * Español (neutro, tuteo, como la mayoría de herramientas de equipo).
 */

import { alerts } from './alerts';
import { approvalPage } from './approval-page';
import { cards } from './cards';
import { chart } from './chart';
import { commands } from './commands';
import { deadline } from './deadline';
import { discord } from './discord';
import { drills } from './drills';
import { postmortem } from './postmortem';
import { reminders } from './reminders';
import { statements } from './statements';
import { statusPage } from './status-page';
import { terminal } from './terminal';
import { variants } from './variants';

/** The catalogue by i18next namespace, one per feature. */
export const esNamespaces = {
  commands,
  cards,
  statements,
  postmortem,
  drills,
  reminders,
  alerts,
  terminal,
  discord,
  deadline,
  chart,
  approvalPage,
  statusPage,
  variants,
};

/** Every message of the catalogue, keyed as `t()` sees them (`step.done`, `alerts.held_other`…). */
export const es = {
  ...commands,
  ...cards,
  ...statements,
  ...postmortem,
  ...drills,
  ...reminders,
  ...alerts,
  ...terminal,
  ...discord,
  ...deadline,
  ...chart,
  ...approvalPage,
  ...statusPage,
  ...variants,
};
