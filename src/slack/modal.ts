import type { types, ViewErrorsResponseAction } from '@slack/bolt';
import type { Form, FormField } from '../ports/chat';
import { truncatePlain } from './blocks';

type InputBlock = types.InputBlock;
type InputBlockElement = types.InputBlockElement;
type PlainTextOption = types.PlainTextOption;

/** Modal limits (https://docs.slack.dev/reference/views and the block/element reference pages). */
export const MODAL_LIMITS = {
  /** Title, submit and close texts. */
  title: 24,
  privateMetadata: 3000,
  callbackId: 255,
  blockId: 255,
  /** Blocks in a modal (messages allow 50). */
  blocks: 100,
  /** An input block's label. */
  label: 2000,
  placeholder: 150,
  /** plain_text_input's `max_length` cannot exceed 3000, so a longer initial value could not be kept. */
  initialValue: 3000,
  optionText: 75,
  optionValue: 150,
  /** Options in a static_select. */
  options: 100,
  /**
   * An error shown under an input. Slack documents no limit; errors replace the input's hint, whose limit
   * is 2000, so that is what we assume.
   */
  errorText: 2000,
} as const;

/** Every input element uses this action_id: the block_id (the field id) already tells the fields apart. */
export const VALUE_ACTION_ID = 'value';

export interface ModalOptions {
  callbackId: string;
  /** Whatever the adapter needs back on submission (Slack echoes it in `view.private_metadata`). */
  privateMetadata: string;
  submitLabel: string;
  closeLabel: string;
}

function plain(text: string, max: number): types.PlainTextElement {
  return { type: 'plain_text', text: truncatePlain(text, max), emoji: true };
}

/** Limits a form cannot exceed without losing meaning: breaking one is a bug in calma, not user input. */
function assertFits(form: Form, opts: ModalOptions): void {
  const fail = (what: string) => {
    throw new Error(`form "${form.title}" cannot be a Slack modal: ${what}`);
  };
  if (opts.privateMetadata.length > MODAL_LIMITS.privateMetadata) {
    fail(`private_metadata is ${opts.privateMetadata.length} chars (max ${MODAL_LIMITS.privateMetadata})`);
  }
  if (opts.callbackId.length > MODAL_LIMITS.callbackId)
    fail(`callback_id is over ${MODAL_LIMITS.callbackId}`);
  if (form.fields.length > MODAL_LIMITS.blocks)
    fail(`${form.fields.length} fields (max ${MODAL_LIMITS.blocks})`);
  const ids = new Set<string>();
  for (const field of form.fields) {
    // block_ids come back as the keys of state.values, so they must be unique, non-empty and whole.
    if (!field.id || field.id.length > MODAL_LIMITS.blockId || ids.has(field.id)) {
      fail(`field id "${field.id}" is empty, too long or repeated`);
    }
    ids.add(field.id);
    if (field.type === 'select' && !field.options?.length) fail(`select "${field.id}" has no options`);
    // An option's value comes back as the answer: cutting it would change the answer.
    if (field.options?.some((o) => o.value.length > MODAL_LIMITS.optionValue)) {
      fail(`an option of "${field.id}" has a value over ${MODAL_LIMITS.optionValue} chars`);
    }
  }
}

function option(label: string, value: string): PlainTextOption {
  return { text: plain(label, MODAL_LIMITS.optionText), value };
}

function placeholder(field: FormField): { placeholder?: types.PlainTextElement } {
  return field.placeholder ? { placeholder: plain(field.placeholder, MODAL_LIMITS.placeholder) } : {};
}

function textInput(field: FormField, multiline: boolean): types.PlainTextInput {
  return {
    type: 'plain_text_input',
    action_id: VALUE_ACTION_ID,
    ...(multiline ? { multiline: true } : {}),
    ...(field.maxLength ? { max_length: field.maxLength } : {}),
    ...(field.initial ? { initial_value: truncatePlain(field.initial, MODAL_LIMITS.initialValue) } : {}),
    ...placeholder(field),
  };
}

function usersSelect(field: FormField): types.UsersSelect {
  return {
    type: 'users_select',
    action_id: VALUE_ACTION_ID,
    ...(field.initial ? { initial_user: field.initial } : {}),
    ...placeholder(field),
  };
}

/**
 * A static_select takes at most 100 options: past that they are dropped rather than refusing to open the
 * form in the middle of a crisis. `initial_option` must equal one of the options, so it is the same object.
 */
function staticSelect(field: FormField): types.StaticSelect {
  const options = (field.options ?? []).slice(0, MODAL_LIMITS.options).map((o) => option(o.label, o.value));
  const initial = options.find((o) => field.initial !== undefined && o.value === field.initial);
  return {
    type: 'static_select',
    action_id: VALUE_ACTION_ID,
    options,
    ...(initial ? { initial_option: initial } : {}),
    ...placeholder(field),
  };
}

/**
 * One checkbox whose value is 'true'. Its text is the placeholder when there is one (a checkbox has no
 * placeholder, so the field can say "Yes, publish it" under the label), else the label again.
 */
function checkbox(field: FormField): types.Checkboxes {
  const box = option(field.placeholder || field.label, 'true');
  return {
    type: 'checkboxes',
    action_id: VALUE_ACTION_ID,
    options: [box],
    ...(field.initial === 'true' ? { initial_options: [box] } : {}),
  };
}

function inputElement(field: FormField): InputBlockElement {
  switch (field.type ?? 'text') {
    case 'longtext':
      return textInput(field, true);
    case 'user':
      return usersSelect(field);
    case 'select':
      return staticSelect(field);
    case 'checkbox':
      return checkbox(field);
    default:
      return textInput(field, false);
  }
}

function inputBlock(field: FormField): InputBlock {
  return {
    type: 'input',
    block_id: field.id,
    label: plain(field.label, MODAL_LIMITS.label),
    element: inputElement(field),
    ...(field.optional ? { optional: true } : {}),
  };
}

/**
 * A Form as a Slack modal: one input block per field, `block_id` = field id and `action_id` = 'value',
 * so `readModalValues` finds each answer at `state.values[field.id].value`. Texts are truncated with '…'
 * to Slack's limits; limits whose breach would change meaning (private_metadata, ids, option values)
 * throw, because only a bug in calma can reach them.
 */
export function formToModal(form: Form, opts: ModalOptions): types.ModalView {
  assertFits(form, opts);
  return {
    type: 'modal',
    callback_id: opts.callbackId,
    private_metadata: opts.privateMetadata,
    title: plain(form.title, MODAL_LIMITS.title),
    submit: plain(opts.submitLabel, MODAL_LIMITS.title),
    close: plain(opts.closeLabel, MODAL_LIMITS.title),
    blocks: form.fields.map(inputBlock),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Reading a submission

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An own property only, so a field id like `__proto__` cannot reach Object.prototype. */
function own(value: unknown, key: string): unknown {
  return isRecord(value) && Object.hasOwn(value, key) ? value[key] : undefined;
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

/** True when the checkboxes state has our single 'true' option selected. */
function isChecked(state: unknown): boolean {
  const selected = own(state, 'selected_options');
  return Array.isArray(selected) && selected.some((o) => own(o, 'value') === 'true');
}

/**
 * A select's answer. When the form lists its options, only one of them is accepted (the payload comes from
 * the network); a form rebuilt from private_metadata without its options accepts any string, and the
 * handler's own validation decides.
 */
function selectedOption(field: FormField, state: unknown): string {
  const value = stringOr(own(own(state, 'selected_option'), 'value'), '');
  if (!field.options) return value;
  return field.options.some((o) => o.value === value) ? value : '';
}

function readField(field: FormField, state: unknown): string {
  switch (field.type ?? 'text') {
    case 'user':
      return stringOr(own(state, 'selected_user'), '');
    case 'select':
      return selectedOption(field, state);
    case 'checkbox':
      return isChecked(state) ? 'true' : 'false';
    default:
      // Slack sends `value: null` for an untouched optional input.
      return stringOr(own(state, 'value'), '');
  }
}

/**
 * The answers of a `view_submission`, one string per form field, read from `view.state.values`
 * (`{ [block_id]: { [action_id]: element state } }`). The shape is checked rather than trusted; anything
 * missing or malformed reads as '' ('false' for a checkbox). Blocks that are not form fields are ignored.
 */
export function readModalValues(form: Form, stateValues: unknown): Record<string, string> {
  // fromEntries defines own properties, so even a field id like `__proto__` stays a plain answer.
  return Object.fromEntries(
    form.fields.map((field) => [
      field.id,
      readField(field, own(own(stateValues, field.id), VALUE_ACTION_ID)),
    ]),
  );
}

/**
 * The ack body that keeps the modal open and shows each message under its input (keys are block_ids,
 * i.e. field ids; Slack refuses the ack if a key is not a block of the view).
 */
export function modalErrors(fieldErrors: Record<string, string>): ViewErrorsResponseAction {
  const errors = Object.fromEntries(
    Object.entries(fieldErrors).map(([blockId, message]) => [
      blockId,
      truncatePlain(message, MODAL_LIMITS.errorText),
    ]),
  );
  return { response_action: 'errors', errors };
}
