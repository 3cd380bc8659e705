/**
 * The CPU time (user + system, in ms) this process spent running `work`. Unlike wall time it does not
 * grow when other processes keep the machine busy, so a bound on it tells a slow algorithm (catastrophic
 * regex backtracking) from a loaded CI machine.
 */
export function cpuMs(work: () => void): number {
  const before = process.cpuUsage();
  work();
  const spent = process.cpuUsage(before);
  return (spent.user + spent.system) / 1000;
}
