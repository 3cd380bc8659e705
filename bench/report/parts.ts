import type { ReportPart } from './figure';
import { openPart } from './open';

/** The report's parts, in the order of the table (each helper module adds its own line). */
export const PARTS: ReportPart[] = [openPart];
