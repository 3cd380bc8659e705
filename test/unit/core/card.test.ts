import fc from 'fast-check';
import { type Action, type ActionKind, decodeAction, encodeAction } from '../../../src/core/card';

/** Discord's limit on a component's custom_id (Slack's button value allows far more). */
const DISCORD_CUSTOM_ID_MAX = 100;

const KINDS: ActionKind[] = ['step.done', 'step.skip', 'step.assign', 'open.pick', 'sev.set', 'help'];

const LONGEST_SEQ = '999999';
const DRAFT_ID = '9f86d081';
/** A triage card's id (src/alerts/process.ts). */
const TRIAGE_ID = '9f86d081aa';
const LONGEST_PLAYBOOK_ID = 'coordinated-inauthentic-behaviour-attack';

/** The largest arguments each button carries in practice (see src/cards and handlers/). */
const realistic: Record<ActionKind, string[]> = {
  'step.done': [LONGEST_SEQ, '99'],
  'step.skip': [LONGEST_SEQ, '99'],
  'step.assign': [LONGEST_SEQ, '99'],
  'open.pick': [DRAFT_ID, LONGEST_PLAYBOOK_ID],
  'sev.set': [LONGEST_SEQ, '4'],
  'room.join': [LONGEST_SEQ],
  'reminder.snooze': [LONGEST_SEQ, 'step-99', '90'],
  'reminder.dismiss': [LONGEST_SEQ, 'no-severity'],
  'statement.draft': [LONGEST_SEQ, '99'],
  'statement.approve': [LONGEST_SEQ, '9999', '999'],
  'statement.reject': [LONGEST_SEQ, '9999'],
  'statement.edit': [LONGEST_SEQ, '9999'],
  'followup.done': [LONGEST_SEQ, '9999'],
  'lockdown.request': [LONGEST_SEQ],
  'lockdown.confirm': [LONGEST_SEQ],
  'alert.open': [TRIAGE_ID, LONGEST_PLAYBOOK_ID],
  'alert.dismiss': [TRIAGE_ID],
  'alert.pick': [TRIAGE_ID],
  /** A storm digest's id (same shape as a triage card's) and the offset of a page of its groups. */
  'alert.groups': [TRIAGE_ID, '999980'],
  help: [],
};

describe('encodeAction / decodeAction', () => {
  it('GIVEN the realistic playbook id WHEN checked THEN it really is 40 characters', () => {
    expect(LONGEST_PLAYBOOK_ID).toHaveLength(40);
    expect(DRAFT_ID).toHaveLength(8);
  });

  it.each(KINDS)(
    'GIVEN a %s button WHEN its action is encoded and decoded THEN the same action comes back',
    (kind) => {
      const action: Action = { kind, args: realistic[kind] };

      expect(decodeAction(encodeAction(action))).toEqual(action);
    },
  );

  it.each(KINDS)(
    'GIVEN a %s button with its largest realistic arguments WHEN encoded THEN it fits a Discord custom_id',
    (kind) => {
      expect(encodeAction({ kind, args: realistic[kind] }).length).toBeLessThanOrEqual(DISCORD_CUSTOM_ID_MAX);
    },
  );

  it('GIVEN any seq up to 6 digits and any step index WHEN a step button is encoded THEN it fits and decodes back', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<ActionKind>('step.done', 'step.skip', 'step.assign', 'sev.set'),
        fc.integer({ min: 1, max: 999_999 }),
        fc.integer({ min: 0, max: 999 }),
        (kind, seq, index) => {
          const action: Action = { kind, args: [String(seq), String(index)] };
          const encoded = encodeAction(action);

          expect(encoded.length).toBeLessThanOrEqual(DISCORD_CUSTOM_ID_MAX);
          expect(decodeAction(encoded)).toEqual(action);
        },
      ),
    );
  });

  it('GIVEN any 8-character draft id and any playbook id up to 40 characters WHEN a playbook choice is encoded THEN it fits and decodes back', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9a-f]{8}$/),
        fc.stringMatching(/^[a-z0-9]+(-[a-z0-9]+)*$/).filter((id) => id.length <= 40),
        (draft, playbook) => {
          const action: Action = { kind: 'open.pick', args: [draft, playbook] };
          const encoded = encodeAction(action);

          expect(encoded.length).toBeLessThanOrEqual(DISCORD_CUSTOM_ID_MAX);
          expect(decodeAction(encoded)).toEqual(action);
        },
      ),
    );
  });

  it.each(['', 'step.finish|1|0', 'resolve|3', 'STEP.DONE|1|0', '|1|0', 'step.done.extra|1'])(
    'GIVEN the unknown or stale button value %j WHEN decoded THEN it is not an action',
    (value) => {
      expect(decodeAction(value)).toBeNull();
    },
  );
});
