// The private Redis picks its port this way; the tests and benches use the same probe.
export { freePort } from '../../src/redis/private-server';
