/**
 * Approval links by DM on Discord, through the real discord.js client against the fake Discord: who can
 * see the incident channel (server members with View Channel there, from the roles and the channel's
 * overwrites) gets none; an approver who cannot gets their own link. And what the approval page calls
 * a Discord user (their server nickname, else their display name).
 */
import { type APIInteraction, ComponentType } from 'discord.js';
import { verifyLink } from '../../../src/app/approval-link';
import { ONE_APPROVER } from '../../support/approval-policy';
import {
  type ModalField,
  modalSubmit,
  stringOption,
  stringSelect,
  textInput,
} from '../../support/discord-payloads';
import { ana, bob, type DiscordWorld, lena, readable, useDiscordWorld } from './discord-world';

const SECRET = 'approval-link-secret-for-discord-tests-0123';
const world = useDiscordWorld({
  // lena owns the server: she sees every channel, private ones too.
  approvers: { approver: [bob.id, lena.id] },
  approvalPolicy: ONE_APPROVER,
  approvalLinks: { secret: SECRET, publicUrl: 'http://calma.test', platform: 'discord' },
});

const TEXT = 'We are sorry: our account was hacked this morning and posted spam. Do not click its links.';
const LINK = /http:\/\/calma\.test\/approve\/([\w.-]+)/;

const checkboxGroup = (customId: string, values: string[]): ModalField => ({
  component: { type: ComponentType.CheckboxGroup, custom_id: customId, values } as never,
  legacy: false,
});

/** ana opens incident #1 (private or not) from the modal; its channel once it exists. */
async function open(w: DiscordWorld, isPrivate: boolean): Promise<string> {
  const modal = (await w.command('open', []).callback()).data as { custom_id: string };
  await w.fake
    .sendInteraction(
      modalSubmit(modal.custom_id, [
        textInput('title', 'Spam from our account'),
        stringSelect('playbook', ['hacked-account']),
        stringSelect('severity', ['sev1']),
        checkboxGroup('private|drill', isPrivate ? ['private'] : []),
      ]) as APIInteraction,
    )
    .callback();
  const room = await w.fake.waitFor(() => w.incidentChannels()[0], 'the incident channel');
  await w.messageWith(room.id, 'Step 1 of');
  return room.id;
}

/** ana drafts S1 in the room; resolves once the room was told (the links go out before that). */
async function draft(w: DiscordWorld, room: string): Promise<void> {
  await w.command('update', [stringOption('text', TEXT)], { channel: w.fake.channel(room) }).callback();
  await w.messageWith(room, 'Statement S1: waiting for approval');
  await w.messageWith(room, 'drafted');
}

const links = (w: DiscordWorld, user: { id: string }) =>
  w.fake.dmsTo(user.id).filter((m) => LINK.test(readable(m)));

describe('approval links on Discord', () => {
  test('GIVEN a private incident channel bob cannot see WHEN ana drafts S1 THEN bob gets his own link by DM, made out to him; lena (the owner, who sees it) and ana (its author) get none', async () => {
    const w = world();
    const room = await open(w, true);

    await draft(w, room);

    const sent = await w.fake.waitFor(() => links(w, bob)[0], 'bob’s approval link');
    const text = readable(sent);
    expect(text).toContain('Statement S1 needs your approval as approver');
    const check = verifyLink(SECRET, LINK.exec(text)?.[1] ?? '', new Date());
    expect(check.ok && check.claims).toMatchObject({
      platform: 'discord',
      workspace: w.fake.guildId,
      incident: 1,
      statement: 1,
      user: bob.id,
      role: 'approver',
    });
    expect(links(w, bob)).toHaveLength(1);
    expect(links(w, lena)).toEqual([]);
    expect(links(w, ana)).toEqual([]);
    // Asked about everyone, the channel's viewers are the same: ana, the owner and calma, not bob.
    expect((await w.discord.chat.roomMembers(room)).sort()).toEqual(
      [ana.id, lena.id, w.fake.botUserId].sort(),
    );
  });

  test('GIVEN a public incident channel everyone sees WHEN ana drafts S1 THEN nobody gets a link by DM: the card is in front of them', async () => {
    const w = world();
    const room = await open(w, false);

    await draft(w, room);

    expect(links(w, bob)).toEqual([]);
    expect(links(w, lena)).toEqual([]);
  });

  test('GIVEN bob and lena on the server WHEN a page asks their names THEN each is their Discord display name; someone not on the server has none', async () => {
    const w = world();

    expect(await w.discord.chat.displayName(w.fake.guildId, bob.id)).toBe('Bob');
    expect(await w.discord.chat.displayName(w.fake.guildId, lena.id)).toBe('Lena');
    expect(await w.discord.chat.displayName(w.fake.guildId, '200000000000000099')).toBeNull();
  });
});
