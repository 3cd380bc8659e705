import type { ReportPart } from './figure';
import { lanesPart } from './lanes';

/** The report's parts, in the order of the table (each helper module adds its own line). */
export const PARTS: ReportPart[] = [lanesPart];
