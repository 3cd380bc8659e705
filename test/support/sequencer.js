// Jest's order (the tests that failed last time, then the longest), except for tests it has no timings
// for (a fresh clone, CI): those it orders by file size, while end-to-end files are small but run calma
// processes and wait on real time. They go first, so the long ones do not end up last with the other
// workers idle.
const Sequencer = require('@jest/test-sequencer').default;

const ORDER = ['e2e', 'integration', 'unit'];

class ProjectsFirstSequencer extends Sequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    const rank = (test) => ORDER.indexOf(test.context.config.displayName?.name ?? '');
    // Array.prototype.sort is stable: within a project, Jest's order (file size) stays.
    const untimed = sorted.filter((test) => test.duration == null).sort((a, b) => rank(a) - rank(b));
    let next = 0;
    return sorted.map((test) => (test.duration == null ? untimed[next++] : test));
  }
}

module.exports = ProjectsFirstSequencer;
