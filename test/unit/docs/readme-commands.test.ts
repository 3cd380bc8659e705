import { readFileSync } from 'node:fs';
import { README, withCommandTable } from '../../../scripts/readme-commands';

describe("the README's command table", () => {
  it('GIVEN the README WHEN its command table is compared with the command definitions THEN it is the one `npm run docs:commands` writes', () => {
    const readme = readFileSync(README, 'utf8');

    expect(readme).toBe(withCommandTable(readme));
  });

  it('GIVEN a README whose table misses a command WHEN checked THEN the check sees it', () => {
    const readme = readFileSync(README, 'utf8');
    const stale = readme.replace(/^\| `delete #N`.*\n/m, '');

    expect(stale).not.toBe(readme);
    expect(withCommandTable(stale)).not.toBe(stale);
  });
});
