import { type CommandOf, createRegistry } from '../src/app/command';
import type { ParseContext } from '../src/core/grammar';
import { answerCommand } from './answer';
import { approveCommand } from './approve';
import { awareCommand } from './aware';
import { closeCommand } from './close';
import { deleteCommand } from './delete';
import { drillCommand } from './drill';
import { editCommand } from './edit';
import { evidenceCommand } from './evidence';
import { factCommand } from './fact';
import { followupCommand } from './followup';
import { helpCommand } from './help';
import { langCommand } from './lang';
import { linkCommand } from './link';
import { listCommand } from './list';
import { noteCommand } from './note';
import { openCommand } from './open';
import { postmortemCommand } from './postmortem';
import { questionCommand } from './question';
import { rejectCommand } from './reject';
import { reopenCommand } from './reopen';
import { roleCommand } from './role';
import { sevCommand } from './sev';
import { statsCommand } from './stats';
import { statusCommand } from './status';
import { stepCommand } from './step';
import { updateCommand } from './update';
import { variantCommand } from './variant';

/**
 * Every `/crisis` subcommand, in the order the help, Discord and the README list them. Each is defined
 * next to its handler; its import and its entry here are all a new command adds outside its own file
 * and the catalogues (docs/architecture.md, "Adding a command").
 */
export const COMMANDS = [
  openCommand,
  statusCommand,
  listCommand,
  stepCommand,
  roleCommand,
  sevCommand,
  noteCommand,
  updateCommand,
  approveCommand,
  rejectCommand,
  linkCommand,
  editCommand,
  variantCommand,
  questionCommand,
  answerCommand,
  evidenceCommand,
  awareCommand,
  factCommand,
  postmortemCommand,
  closeCommand,
  reopenCommand,
  followupCommand,
  statsCommand,
  drillCommand,
  deleteCommand,
  langCommand,
  helpCommand,
] as const;

export const registry = createRegistry(COMMANDS);

/** A `/crisis` command as parsed or received: its name and its arguments. */
export type Command = CommandOf<(typeof COMMANDS)[number]>;

export const parseCommand = (text: string, context: ParseContext) => registry.parse(text, context);
