/**
 * One approval policy: whose approvals a statement needs depends on the incident's severity and its
 * playbook (calma.yaml `statements.approvals`, a playbook's `approvals`), never on whether it was drafted
 * from a template or typed. The room names who is still needed and mentions exactly them.
 */
import { textOf } from '../../support/recording-chat';
import { waitFor } from '../../support/wait-for';
import { ana, bob, lena, replyText } from '../handlers/world';
import { carl, inRoom, useStatements } from './statement-world';

const { world } = useStatements();

/** The world with calma.yaml's default policy (SEV1: approver and lead), not the tests' one approver. */
function defaults() {
  const w = world();
  delete w.deps.approvalPolicy;
  return w;
}

const dan = { ...ana, user: 'U0DAN' };
const published = async (w: ReturnType<typeof world>) => (await w.incident(1)).statements?.[0]?.status;

describe('severity decides, not the template', () => {
  test('GIVEN a SEV1 and the default policy WHEN ana types `/crisis update <text>` THEN S1 needs an approver and the lead; bob alone does not publish it', async () => {
    const w = defaults();
    const room = await w.open(ana);
    await w.command(inRoom(ana, room), 'role lead @U0LENA');
    await w.command(
      inRoom(ana, room),
      'update We are sorry: our account was hacked. Do not click its links.',
    );

    expect((await w.incident(1)).statements?.[0]?.requires).toEqual(['approver', 'lead']);
    await w.command(inRoom(bob, room), 'approve S1');
    expect(await published(w)).toBe('pending');
    await w.command(inRoom(lena, room), 'approve S1');
    await waitFor(async () => (await published(w)) === 'published');
  });

  test('GIVEN a SEV2 WHEN S1 is drafted from the holding template, whose step names lead and approver THEN one approver publishes it, as a typed one would be', async () => {
    const w = defaults();
    const room = await w.open(ana, 'open hacked-account sev2 Our account is posting spam');
    const form = (await w.press(inRoom(ana, room), { kind: 'statement.draft', args: ['1', '5'] })).form;
    await w.submit(inRoom(ana, room), form, { text: 'We are sorry. Our account was hacked.' });
    await w.command(inRoom(ana, room), 'update A typed statement, for comparison.');

    const [fromTemplate, typed] = (await w.incident(1)).statements ?? [];
    expect(fromTemplate?.requires).toEqual(['approver']);
    expect(typed?.requires).toEqual(fromTemplate?.requires);
    await w.command(inRoom(bob, room), 'approve S1');
    await waitFor(async () => (await published(w)) === 'published');
  });

  test('GIVEN calma.yaml asks approver and legal at SEV1 WHEN S1 is drafted THEN the room pings exactly the approvers and lena, never the author', async () => {
    const w = world();
    w.deps.approvalPolicy = {
      sev1: ['approver', 'legal'],
      sev2: ['approver'],
      sev3: ['approver'],
      sev4: ['approver'],
    };
    const room = await w.open(ana);
    await w.command(inRoom(ana, room), 'update We are sorry: our account was hacked.');

    const drafted = w.chat.postsIn(room).map(textOf).join('\n');
    expect(drafted).toContain(
      'Statement S1 drafted by <@U0ANA>. It waits for approval by approver (<@U0BOB>, <@U0CARL>); legal / DPO (<@U0LENA>): read it and press Approve, Reject or Edit.',
    );
    await w.command(inRoom(carl, room), 'approve S1');
    const after = w.chat.postsIn(room).map(textOf).join('\n');
    expect(after).toContain(
      'Statement S1 approved by <@U0CARL> (1 of 2 approvals). Still needed: legal / DPO (<@U0LENA>).',
    );
  });

  test('GIVEN the data-breach playbook asks legal at every severity WHEN a SEV3 statement is drafted THEN it needs an approver and legal', async () => {
    const w = defaults();
    const room = await w.open(ana, 'open data-breach sev3 Customer emails exposed');
    await w.command(inRoom(ana, room), 'update We are sorry: some customer email addresses were exposed.');

    expect((await w.incident(1)).statements?.[0]?.requires).toEqual(['approver', 'legal']);
  });
});

describe('a severity changed while a draft waits', () => {
  test('GIVEN S1 drafted at SEV2 WHEN the incident is raised to SEV1 THEN S1 needs the lead too, the room pings exactly who is needed, and bob alone no longer publishes it', async () => {
    const w = defaults();
    const room = await w.open(ana, 'open hacked-account sev2 Our account is posting spam');
    await w.command(inRoom(ana, room), 'role lead @U0LENA');
    await w.command(inRoom(ana, room), 'update We are sorry: our account was hacked.');

    await w.command(inRoom(ana, room), 'sev 1');

    expect((await w.incident(1)).statements?.[0]?.requires).toEqual(['approver', 'lead']);
    expect(w.chat.postsIn(room).map(textOf).join('\n')).toContain(
      'At this severity statement S1 needs more approvals: approver (<@U0BOB>, <@U0CARL>); incident lead (<@U0LENA>).',
    );
    await w.command(inRoom(bob, room), 'approve S1');
    expect(await published(w)).toBe('pending');
    await w.command(inRoom(lena, room), 'approve S1');
    await waitFor(async () => (await published(w)) === 'published');
  });

  test('GIVEN S1 drafted at SEV1 WHEN the incident is lowered to SEV3 THEN S1 keeps its two slots', async () => {
    const w = defaults();
    const room = await w.open(ana);
    await w.command(inRoom(ana, room), 'update We are sorry: our account was hacked.');

    await w.command(inRoom(ana, room), 'sev 3');
    await w.command(inRoom(bob, room), 'approve S1');

    expect((await w.incident(1)).statements?.[0]).toMatchObject({
      requires: ['approver', 'lead'],
      status: 'pending',
    });
  });
});

describe('four eyes and deputies', () => {
  test('GIVEN bob is both a configured approver and the incident lead WHEN he approves a SEV1 statement THEN he fills one slot only and a second person is still needed', async () => {
    const w = defaults();
    const room = await w.open(ana);
    await w.command(inRoom(ana, room), 'role lead @U0BOB');
    await w.command(inRoom(ana, room), 'update We are sorry: our account was hacked.');

    await w.command(inRoom(bob, room), 'approve S1');
    const again = await w.command(inRoom(bob, room), 'approve S1');

    expect(replyText(again)).toBe('You already approved statement S1; it waits for someone else.');
    expect(await published(w)).toBe('pending');
  });

  test('GIVEN bob is the lead and a configured approver, carl an approver WHEN bob approves first THEN he fills the lead slot, and carl’s approval publishes', async () => {
    const w = defaults();
    const room = await w.open(ana);
    await w.command(inRoom(ana, room), 'role lead @U0BOB');
    await w.command(inRoom(ana, room), 'update We are sorry: our account was hacked.');

    await w.command(inRoom(bob, room), 'approve S1');
    await w.command(inRoom(carl, room), 'approve S1');

    await waitFor(async () => (await published(w)) === 'published');
    expect((await w.incident(1)).statements?.[0]?.approvals.map((a) => [a.by, a.as])).toEqual([
      ['U0BOB', 'lead'],
      ['U0CARL', 'approver'],
    ]);
  });

  test('GIVEN the lead wrote S1 and calma.yaml names dan a lead deputy WHEN dan approves in the lead’s place THEN with bob S1 is published', async () => {
    const w = defaults();
    w.deps.approvers.lead = ['U0DAN'];
    const room = await w.open(ana);
    await w.command(inRoom(ana, room), 'role lead @U0ANA');
    await w.command(inRoom(ana, room), 'update We are sorry: our account was hacked.');

    const own = await w.command(inRoom(ana, room), 'approve S1');
    expect(replyText(own)).toContain('you cannot approve it');
    expect(w.chat.postsIn(room).map(textOf).join('\n')).toContain('incident lead (<@U0DAN>)');
    await w.command(inRoom(dan, room), 'approve S1');
    await w.command(inRoom(bob, room), 'approve S1');

    await waitFor(async () => (await published(w)) === 'published');
    expect((await w.incident(1)).statements?.[0]?.approvals.map((a) => [a.by, a.as])).toEqual([
      ['U0DAN', 'lead'],
      ['U0BOB', 'approver'],
    ]);
    delete w.deps.approvers.lead;
  });
});
