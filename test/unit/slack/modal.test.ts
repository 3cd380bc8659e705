import type { types } from '@slack/bolt';
import type { Form, FormField } from '../../../src/ports/chat';
import { ELLIPSIS } from '../../../src/slack/blocks';
import {
  formToModal,
  MODAL_LIMITS,
  type ModalOptions,
  modalErrors,
  readModalValues,
  VALUE_ACTION_ID,
} from '../../../src/slack/modal';

const opts: ModalOptions = {
  callbackId: 'calma:form',
  privateMetadata: '{"kind":"step.skip","args":["42","1"]}',
  submitLabel: 'Save',
  closeLabel: 'Cancel',
};

const fields: FormField[] = [
  { id: 'reason', label: 'Reason', placeholder: 'Why skip it?', initial: 'Not relevant' },
  { id: 'statement', label: 'Statement', type: 'longtext' },
  { id: 'user', label: 'Who', type: 'user', initial: 'U123', optional: true },
  {
    id: 'playbook',
    label: 'Playbook',
    type: 'select',
    options: [
      { value: 'hacked-account', label: 'Hacked account' },
      { value: 'data-leak', label: 'Data leak' },
    ],
    initial: 'data-leak',
  },
  { id: 'public', label: 'Public?', type: 'checkbox', placeholder: 'Yes, publish it', initial: 'true' },
];

const form: Form = { submit: { kind: 'open', args: ['9f86d081'] }, title: 'Open an incident', fields };

const isInput = (block: types.AnyBlock): block is types.InputBlock => block.type === 'input';
const inputs = (view: types.ModalView): types.InputBlock[] => view.blocks.filter(isInput);
const elementOf = (view: types.ModalView, blockId: string) =>
  inputs(view).find((b) => b.block_id === blockId)?.element;

/** What Slack sends in `view.state.values` when the user submits without touching anything. */
function untouchedState(view: types.ModalView): Record<string, Record<string, unknown>> {
  const state = (element: types.InputBlockElement): unknown => {
    switch (element.type) {
      case 'plain_text_input':
        return { type: element.type, value: element.initial_value ?? null };
      case 'users_select':
        return { type: element.type, selected_user: element.initial_user ?? null };
      case 'static_select':
        return { type: element.type, selected_option: element.initial_option ?? null };
      case 'checkboxes':
        return { type: element.type, selected_options: element.initial_options ?? [] };
      default:
        throw new Error(`unexpected element ${element.type}`);
    }
  };
  return Object.fromEntries(
    inputs(view).map((b) => [b.block_id ?? '', { [VALUE_ACTION_ID]: state(b.element) }]),
  );
}

describe('formToModal', () => {
  it('GIVEN a form WHEN rendered THEN a modal with callback id, metadata, labels and one input block per field', () => {
    const view = formToModal(form, opts);

    expect(view).toMatchObject({
      type: 'modal',
      callback_id: 'calma:form',
      private_metadata: opts.privateMetadata,
      title: { type: 'plain_text', text: 'Open an incident' },
      submit: { type: 'plain_text', text: 'Save' },
      close: { type: 'plain_text', text: 'Cancel' },
    });
    expect(inputs(view).map((b) => [b.block_id, b.element.action_id, b.optional ?? false])).toEqual([
      ['reason', 'value', false],
      ['statement', 'value', false],
      ['user', 'value', true],
      ['playbook', 'value', false],
      ['public', 'value', false],
    ]);
    expect(inputs(view).map((b) => b.label.text)).toEqual(fields.map((f) => f.label));
  });

  it('GIVEN each field type WHEN rendered THEN it gets its Slack element, pre-filled from `initial`', () => {
    const view = formToModal(form, opts);

    expect(elementOf(view, 'reason')).toEqual({
      type: 'plain_text_input',
      action_id: 'value',
      initial_value: 'Not relevant',
      placeholder: { type: 'plain_text', text: 'Why skip it?', emoji: true },
    });
    expect(elementOf(view, 'statement')).toEqual({
      type: 'plain_text_input',
      action_id: 'value',
      multiline: true,
    });
    expect(elementOf(view, 'user')).toEqual({
      type: 'users_select',
      action_id: 'value',
      initial_user: 'U123',
    });
    const dataLeak = { text: { type: 'plain_text', text: 'Data leak', emoji: true }, value: 'data-leak' };
    expect(elementOf(view, 'playbook')).toEqual({
      type: 'static_select',
      action_id: 'value',
      options: [
        { text: { type: 'plain_text', text: 'Hacked account', emoji: true }, value: 'hacked-account' },
        dataLeak,
      ],
      initial_option: dataLeak,
    });
    const yes = { text: { type: 'plain_text', text: 'Yes, publish it', emoji: true }, value: 'true' };
    expect(elementOf(view, 'public')).toEqual({
      type: 'checkboxes',
      action_id: 'value',
      options: [yes],
      initial_options: [yes],
    });
  });

  it('GIVEN an `initial` that is not one of the options WHEN rendered THEN no option is pre-selected', () => {
    const select: FormField = {
      id: 's',
      label: 'S',
      type: 'select',
      options: [{ value: 'a', label: 'A' }],
      initial: 'b',
    };

    const element = elementOf(formToModal({ ...form, fields: [select] }, opts), 's');

    expect(element).not.toHaveProperty('initial_option');
  });

  it('GIVEN a 40-char title and long button labels WHEN rendered THEN each is at most 24 chars ending with …', () => {
    const view = formToModal(
      { ...form, title: 'Skip step 3: publish the holding statement' },
      { ...opts, submitLabel: 'Skip this step and tell the team', closeLabel: 'Keep the step open for now' },
    );

    for (const text of [view.title.text, view.submit?.text, view.close?.text]) {
      expect(text).toHaveLength(MODAL_LIMITS.title);
      expect(text?.endsWith(ELLIPSIS)).toBe(true);
    }
    expect(view.title.text).toBe('Skip step 3: publish th…');
  });

  it('GIVEN long labels, placeholders and options WHEN rendered THEN they are truncated to Slack limits', () => {
    const options = Array.from({ length: 120 }, (_, i) => ({
      value: `v${i}`,
      label: `${'o'.repeat(80)}${i}`,
    }));
    const select: FormField = {
      id: 's',
      label: 'l'.repeat(2500),
      type: 'select',
      placeholder: 'p'.repeat(200),
      options,
    };

    const block = inputs(formToModal({ ...form, fields: [select] }, opts))[0];
    const element = block?.element.type === 'static_select' ? block.element : undefined;

    expect(block?.label.text).toHaveLength(MODAL_LIMITS.label);
    expect(element?.placeholder?.text).toHaveLength(MODAL_LIMITS.placeholder);
    expect(element?.options).toHaveLength(MODAL_LIMITS.options);
    expect(element?.options?.every((o) => o.text.text.length <= MODAL_LIMITS.optionText)).toBe(true);
    expect(element?.options?.[0]?.text.text.endsWith(ELLIPSIS)).toBe(true);
  });

  it('GIVEN private_metadata of 3000 chars WHEN rendered THEN it is accepted; of 3001 THEN it throws', () => {
    expect(formToModal(form, { ...opts, privateMetadata: 'm'.repeat(3000) }).private_metadata).toHaveLength(
      3000,
    );
    expect(() => formToModal(form, { ...opts, privateMetadata: 'm'.repeat(3001) })).toThrow(
      /private_metadata/,
    );
  });

  it.each<[string, FormField[]]>([
    ['a repeated field id', [fields[0] as FormField, fields[0] as FormField]],
    ['an empty field id', [{ id: '', label: 'x' }]],
    ['a select without options', [{ id: 's', label: 'S', type: 'select' }]],
    [
      'an option value over 150 chars',
      [{ id: 's', label: 'S', type: 'select', options: [{ value: 'v'.repeat(151), label: 'V' }] }],
    ],
    ['101 fields', Array.from({ length: 101 }, (_, i) => ({ id: `f${i}`, label: 'x' }))],
  ])('GIVEN %s WHEN rendered THEN it throws (a bug in calma, not user input)', (_, badFields) => {
    expect(() => formToModal({ ...form, fields: badFields }, opts)).toThrow(/cannot be a Slack modal/);
  });
});

describe('readModalValues', () => {
  it('GIVEN a submission that keeps every pre-filled answer WHEN read THEN each field type round-trips to `initial`', () => {
    const view = formToModal(form, opts);

    expect(readModalValues(form, untouchedState(view))).toEqual({
      reason: 'Not relevant',
      statement: '',
      user: 'U123',
      playbook: 'data-leak',
      public: 'true',
    });
  });

  it('GIVEN a submission with new answers WHEN read THEN each field type reads back as a string', () => {
    const view = formToModal(form, opts);
    const hacked =
      elementOf(view, 'playbook')?.type === 'static_select' ? elementOf(view, 'playbook') : undefined;
    const state = {
      reason: { value: { type: 'plain_text_input', value: 'Duplicate of step 2' } },
      statement: { value: { type: 'plain_text_input', value: 'Line one\nLine two & <more>' } },
      user: { value: { type: 'users_select', selected_user: 'U999' } },
      playbook: {
        value: {
          type: 'static_select',
          selected_option: hacked?.type === 'static_select' ? hacked.options?.[0] : undefined,
        },
      },
      public: { value: { type: 'checkboxes', selected_options: [] } },
    };

    expect(readModalValues(form, state)).toEqual({
      reason: 'Duplicate of step 2',
      statement: 'Line one\nLine two & <more>',
      user: 'U999',
      playbook: 'hacked-account',
      public: 'false',
    });
  });

  it('GIVEN an untouched optional field (null) or a missing block WHEN read THEN empty strings and false', () => {
    const state = { reason: { value: { type: 'plain_text_input', value: null } } };

    expect(readModalValues(form, state)).toEqual({
      reason: '',
      statement: '',
      user: '',
      playbook: '',
      public: 'false',
    });
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a string', 'values'],
    ['an array', [{ reason: { value: { value: 'x' } } }]],
    [
      'blocks of the wrong shape',
      { reason: 'x', user: [], playbook: { value: 3 }, public: { value: { selected_options: 'true' } } },
    ],
    [
      'values of the wrong type',
      { reason: { value: { value: 42 } }, user: { value: { selected_user: { id: 'U1' } } } },
    ],
    [
      'a select value that is not an option',
      { playbook: { value: { selected_option: { value: 'rm -rf' } } } },
    ],
    ['the answer under another action_id', { reason: { other: { value: 'x' } } }],
  ])('GIVEN state.values that is %s WHEN read THEN every answer is empty', (_, stateValues) => {
    expect(readModalValues(form, stateValues)).toEqual({
      reason: '',
      statement: '',
      user: '',
      playbook: '',
      public: 'false',
    });
  });

  it('GIVEN a form rebuilt without its select options WHEN read THEN the selected value is taken as sent', () => {
    const rebuilt: Form = { ...form, fields: [{ id: 'playbook', label: '', type: 'select' }] };

    const answers = readModalValues(rebuilt, {
      playbook: { value: { selected_option: { value: 'data-leak' } } },
    });

    expect(answers).toEqual({ playbook: 'data-leak' });
  });

  it('GIVEN a field id like __proto__ WHEN read THEN it is an ordinary answer and no prototype is reached', () => {
    const odd: Form = {
      ...form,
      fields: [
        { id: '__proto__', label: 'x' },
        { id: 'toString', label: 'y' },
      ],
    };

    const answers = readModalValues(odd, JSON.parse('{"__proto__":{"value":{"value":"hi"}}}'));

    expect(Object.entries(answers)).toEqual([
      ['__proto__', 'hi'],
      ['toString', ''],
    ]);
  });

  it('GIVEN blocks that are not form fields WHEN read THEN they are ignored', () => {
    const state = { ...untouchedState(formToModal(form, opts)), extra: { value: { value: 'x' } } };

    expect(Object.keys(readModalValues(form, state))).toEqual(fields.map((f) => f.id));
  });
});

describe('modalErrors', () => {
  it('GIVEN field errors WHEN turned into an ack THEN response_action errors keyed by block id', () => {
    expect(modalErrors({ user: 'Pick someone', reason: 'Say why' })).toEqual({
      response_action: 'errors',
      errors: { user: 'Pick someone', reason: 'Say why' },
    });
  });

  it('GIVEN a 2500-char error WHEN turned into an ack THEN it is truncated to 2000 with …', () => {
    const message = modalErrors({ reason: 'e'.repeat(2500) }).errors.reason ?? '';

    expect(message).toHaveLength(MODAL_LIMITS.errorText);
    expect(message.endsWith(ELLIPSIS)).toBe(true);
  });
});
