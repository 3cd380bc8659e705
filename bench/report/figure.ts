/**
 * One line of the throughput report (`npm run bench`, issue "crisis-time throughput"): a figure calma
 * reaches, the anchor measured in the same run (a bare Bolt app, bare HTTP + XADD) or a fixed goal,
 * and whether the goal is met.
 */
export interface Figure {
  /** What is measured, as the report's first column says it. */
  measure: string;
  /** calma's figure, formatted (`0.8 s`, `0%`, `18.2 KB`). */
  calma: string;
  /** The anchor measured in the same run, or `-` when the goal is absolute. */
  anchor: string;
  /** The goal, formatted (`< 5 s`, `0%`, `≥ 0.6×`). */
  goal: string;
  pass: boolean;
  /** Anything a reader needs to trust the figure (`4,000 reminders, 3 rounds`). */
  note?: string;
}

/** A part of the report: runs its own servers, measures, cleans up, and returns its figures. */
export interface ReportPart {
  /** Name used on the command line (`npm run bench -- report:<id>`). */
  id: string;
  run(): Promise<Figure[]>;
}
