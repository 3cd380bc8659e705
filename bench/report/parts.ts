import { digestPart } from './digest';
import type { ReportPart } from './figure';
import { noopPart } from './noop';

/** The report's parts, in the order of the table (each helper module adds its own line). */
export const PARTS: ReportPart[] = [digestPart, noopPart];
