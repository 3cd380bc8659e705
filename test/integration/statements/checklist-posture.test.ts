/**
 * The checklist a draft carries, through the real handlers and store: the playbook's posture and the
 * kind of the step a draft comes from decide what it is told it misses.
 */
import { ana } from '../handlers/world';
import { inRoom, useStatements } from './statement-world';

const { world } = useStatements();

const HOAX = 'This is a hoax: we run no such promotion. Please do not share the post.';
/** troll-attack's holding-statement step (playbooks/troll-attack.yaml). */
const TROLL_HOLDING_STEP = '5';

describe('the checklist knows the posture', () => {
  test('GIVEN a false-rumour incident (posture: rebuttal) WHEN ana drafts a factual denial THEN it is not told it lacks an apology; on a hacked account it is', async () => {
    const w = world();
    const rumour = await w.open(ana, 'open troll-attack sev2 Fake coupon going around');
    await w.command(inRoom(ana, rumour), `update ${HOAX}`);
    const hacked = await w.open(ana, 'open hacked-account sev2 Our account posts spam');
    await w.command(inRoom(ana, hacked), `update ${HOAX}`);

    expect((await w.incident(1)).statements?.[0]?.checklist.missing).not.toContain('apology');
    expect((await w.incident(2)).statements?.[0]?.checklist.missing).toContain('apology');
  });

  test('GIVEN a holding statement drafted from its step with the time left as {next_update} WHEN edited with a real time THEN the next update counts, and a holding statement is never asked for data or questions', async () => {
    const w = world();
    const room = await w.open(ana, 'open troll-attack sev2 Fake coupon going around');
    const form = await w.press(inRoom(ana, room), {
      kind: 'statement.draft',
      args: ['1', TROLL_HOLDING_STEP],
    });
    await w.submit(inRoom(ana, room), form.form, { text: `${HOAX} Next update at {next_update}.` });

    const drafted = (await w.incident(1)).statements?.[0]?.checklist.missing;
    expect(drafted).toContain('next-update');
    expect(drafted).not.toContain('data');
    expect(drafted).not.toContain('questions');

    await w.command(inRoom(ana, room), `edit S1 ${HOAX} Next update at 14:00.`);

    const edited = (await w.incident(1)).statements?.[0]?.checklist.missing;
    expect(edited).not.toContain('next-update');
    expect(edited).not.toContain('data');
    expect(edited).not.toContain('questions');
  });
});
