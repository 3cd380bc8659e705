import { digestPart } from './digest';
import type { ReportPart } from './figure';
import { lanesPart } from './lanes';
import { noopPart } from './noop';
import { openPart } from './open';
import { remindersPart } from './reminders';
import { startPart } from './start';

/** The report's parts, in the order of the table (each helper module adds its own line). */
export const PARTS: ReportPart[] = [digestPart, lanesPart, noopPart, openPart, remindersPart, startPart];
