import { textOf } from '../../support/recording-chat';
import { ana, bob, inRoom, replyText, useWorld, WORKSPACE } from './world';

const world = useWorld({
  announcements: 'C_ANNOUNCE',
  playbooksUrl: 'https://git.example/acme/playbooks/{id}.yaml',
});

describe('the open form', () => {
  test('GIVEN the open form WHEN ana submits a title, playbook, SEV2, a lead, private and drill THEN the incident opens with all of them', async () => {
    const w = world();
    const { form } = await w.command(ana, 'open');

    const reply = await w.submit(ana, form, {
      title: 'Price shows 0 EUR',
      playbook: 'hacked-account',
      severity: 'sev2',
      lead: 'U0BOB',
      private: 'true',
      drill: 'true',
    });

    const incident = await w.incident(1);
    expect(incident).toMatchObject({
      title: 'Price shows 0 EUR',
      severity: 2,
      drill: true,
      roles: { lead: 'U0BOB' },
    });
    const room = w.chat.room(reply.openedRoom ?? '');
    expect(room?.private).toBe(true);
    expect(room?.name).toBe('crisis-drill-1-2026-11-22-price-shows-0-eur');
    expect(w.chat.invitedTo(room?.id ?? '')).toEqual(['U0ANA', 'U0BOB', 'U_ON_CALL']);
    expect(textOf(w.chat.postsIn(room?.id ?? '')[0] ?? {})).toContain('DRILL · SEV2 · #1 Price shows 0 EUR');
  });

  test('GIVEN the open form WHEN submitted with an empty title and no playbook THEN both fields carry an error and nothing is created', async () => {
    const w = world();
    const { form } = await w.command(ana, 'open');

    const reply = await w.submit(ana, form, { title: '  ', playbook: '', severity: 'unset' });

    expect(Object.keys(reply.fieldErrors ?? {}).sort()).toEqual(['playbook', 'title']);
    expect(reply.fieldErrors?.title).toContain('short title');
    expect(await w.store.list(WORKSPACE, { all: true })).toEqual([]);
  });

  test('GIVEN a 200-character title WHEN the form is submitted THEN the title field says how long it may be', async () => {
    const w = world();
    const { form } = await w.command(ana, 'open');

    const reply = await w.submit(ana, form, {
      title: 'x'.repeat(200),
      playbook: 'hacked-account',
      severity: 'sev1',
    });

    expect(reply.fieldErrors?.title).toBe('Keep the title under 150 characters; details go in the channel.');
  });

  test('GIVEN `/crisis open hacked-account sev3` without a title WHEN the form is shown THEN it is pre-filled with the playbook and severity', async () => {
    const w = world();

    const { form } = await w.command(ana, 'open hacked-account sev3');

    const initial = Object.fromEntries((form?.fields ?? []).map((f) => [f.id, f.initial]));
    expect(initial).toMatchObject({ playbook: 'hacked-account', severity: 'sev3' });
  });
});

describe('what opening an incident sets up around the room', () => {
  test('GIVEN an announcements channel and a playbooks URL WHEN an incident opens THEN it is announced with a Join button and the playbook is bookmarked', async () => {
    const w = world();

    const room = await w.open(ana);

    const announcement = w.chat.postsIn('C_ANNOUNCE')[0];
    expect(textOf(announcement ?? {})).toContain('SEV1 · Incident #1: Our account is posting spam');
    expect(textOf(announcement ?? {})).toContain(`<#${room}>`);
    expect(w.chat.links).toEqual([
      { room, title: 'Playbook', url: 'https://git.example/acme/playbooks/hacked-account.yaml' },
    ]);

    const joined = await w.press(bob, announcement?.buttons?.[0] ?? 'missing');

    expect(replyText(joined)).toBe(`You joined <#${room}>.`);
    expect(w.chat.invitedTo(room)).toContain('U0BOB');
  });

  test('GIVEN an incident WHEN bob is named comms lead THEN he gets a direct message listing his open steps with due times', async () => {
    const w = world();
    const room = await w.open(ana);

    await w.command(inRoom(ana, room), 'role comms <@U0BOB>');

    const brief = w.chat.dms.find((d) => d.user === 'U0BOB');
    const text = textOf(brief?.card ?? {});
    expect(text).toContain('You are comms lead on incident #1: Our account is posting spam');
    expect(text).toMatch(/6\. .+ \(due 22 Nov 2026 09:45 UTC\)/);
    expect(text).toContain(`Everything happens in <#${room}>.`);
  });

  test('GIVEN a lead chosen in the open form WHEN the incident opens THEN the lead gets the brief of the lead role', async () => {
    const w = world();
    const { form } = await w.command(ana, 'open');

    await w.submit(ana, form, { title: 'Spam', playbook: 'hacked-account', severity: 'sev1', lead: 'U0BOB' });

    expect(textOf(w.chat.dms[0]?.card ?? {})).toContain('You are incident lead on incident #1: Spam');
    expect(w.chat.dms[0]?.user).toBe('U0BOB');
  });
});

describe('capturing a message as evidence', () => {
  test('GIVEN a message in the incident room WHEN it is captured THEN the timeline keeps its author, time and text and the capturer is told', async () => {
    const w = world();
    const room = await w.open(ana);

    const reply = await w.dispatchCapture(inRoom(bob, room), {
      author: 'U0TROLL',
      text: 'Free iPhones at scam.example!',
      postedAt: '2026-11-22T09:31:00.000Z',
      link: 'https://acme.slack.com/archives/C001/p1',
    });

    expect(replyText(reply)).toBe(
      'Added to the timeline of incident #1: <@U0TROLL>’s message of 22 Nov 2026 09:31 UTC.',
    );
    const captured = (await w.timeline(1)).find((e) => e.kind === 'captured');
    expect(captured).toMatchObject({
      by: 'U0BOB',
      message: {
        author: 'U0TROLL',
        text: 'Free iPhones at scam.example!',
        link: 'https://acme.slack.com/archives/C001/p1',
      },
    });
  });

  test('GIVEN a room that is no incident room WHEN a message is captured there THEN nothing is stored and nothing is said', async () => {
    const w = world();
    await w.open(ana);

    const reply = await w.dispatchCapture(inRoom(bob, 'C_RANDOM'), {
      author: 'U0X',
      text: 'hello',
      postedAt: '2026-11-22T09:31:00.000Z',
    });

    expect(reply.cards).toEqual([]);
    expect((await w.timeline(1)).some((e) => e.kind === 'captured')).toBe(false);
  });
});
