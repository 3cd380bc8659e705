import { digestPart } from './digest';
import type { ReportPart } from './figure';

/** The report's parts, in the order of the table (each helper module adds its own line). */
export const PARTS: ReportPart[] = [digestPart];
