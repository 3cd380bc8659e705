/**
 * Need-to-know incidents (a data breach): a private room, a codename instead of the title wherever
 * people outside the incident may read it, and no Join button anyone could press.
 */
import { PlaybookRegistry } from '../../../src/playbook/registry';
import { Playbook } from '../../../src/playbook/schema';
import { textOf } from '../../support/recording-chat';
import { ana, bob, replyText, useWorld } from './world';

const text = (en: string) => ({ en, es: `${en} (es)`, fr: `${en} (fr)` });
const ANNOUNCE = 'C_ANNOUNCE';

/** A small playbook like data-breach: private, codenamed. */
const secret = Playbook.parse({
  id: 'leak',
  title: text('Data breach'),
  description: text('Personal data exposed.'),
  severity: 1,
  private: true,
  codename: true,
  posture: { cluster: 'preventable', strategies: ['instruct', 'apology'], why: text('People first.') },
  roles: ['lead', 'legal'],
  steps: [{ id: 'contain', title: text('Contain'), role: 'lead', due: 0, what: text('Stop the leak.') }],
});

const world = useWorld({ playbooks: new PlaybookRegistry([secret]), announcements: ANNOUNCE });

describe('a need-to-know incident', () => {
  test('GIVEN a codename playbook WHEN ana opens “Customer emails exposed in CRM export” THEN the room is private and named by a codename, and the announcement says neither the title nor the playbook and has no Join button', async () => {
    const w = world();
    await w.open(ana, 'open leak sev1 Customer emails exposed in CRM export');

    const incident = await w.incident(1);
    expect(incident.private).toBe(true);
    expect(incident.codename).toMatch(/^[a-z]+-[a-z]+$/);
    const room = w.chat.rooms[0];
    expect(room?.private).toBe(true);
    expect(room?.name).toBe(`crisis-1-2026-11-22-${incident.codename}`);
    expect(room?.name).not.toMatch(/customer|email|crm/);

    const [announcement] = w.chat.postsIn(ANNOUNCE);
    const said = textOf(announcement ?? {});
    expect(said).toContain(incident.codename);
    expect(said).not.toMatch(/Customer emails|CRM|Data breach/);
    expect(announcement?.buttons ?? []).toEqual([]);

    // Inside the room, the team reads the real title.
    expect(w.chat.textsIn(incident.room ?? '').join('\n')).toContain('Customer emails exposed in CRM export');
    // Anyone listing incidents reads the codename.
    const listed = replyText(await w.command(bob, 'list'));
    expect(listed).toContain(incident.codename);
    expect(listed).not.toContain('Customer emails');
  });

  test('GIVEN a private incident WHEN bob presses an old Join button THEN he is told to ask the lead, and is not let in', async () => {
    const w = world();
    const room = await w.open(ana, 'open leak sev1 Customer emails exposed');
    const before = w.chat.invitedTo(room);

    const reply = await w.press(bob, { kind: 'room.join', args: ['1'] });

    expect(replyText(reply)).toContain('Incident #1 is private: ask <@U0ANA> to let you in.');
    expect(w.chat.invitedTo(room)).toEqual(before);
    expect(before).not.toContain('U0BOB');
  });

  test('GIVEN the same incident opened in Spanish THEN its codename is Spanish words', async () => {
    const w = world();
    await w.command(ana, 'lang es');
    await w.open({ ...ana, locale: 'es' }, 'open leak sev1 Correos de clientes expuestos');
    const incident = await w.incident(1);
    const [tree] = (incident.codename ?? '').split('-');
    expect([
      'aliso',
      'alamo',
      'abedul',
      'cedro',
      'olmo',
      'avellano',
      'alerce',
      'arce',
      'serbal',
      'sauce',
    ]).toContain(tree);
  });
});
