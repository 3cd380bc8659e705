import {
  type APICheckboxComponent,
  type APICheckboxGroupComponent,
  type APIComponentInLabel,
  type APILabelComponent,
  type APIModalInteractionResponseCallbackData,
  type APISelectMenuOption,
  type APIStringSelectComponent,
  type APITextInputComponent,
  type APIUserSelectComponent,
  ComponentType,
  SelectMenuDefaultValueType,
  TextInputStyle,
} from 'discord-api-types/v10';
import type { Locale } from '../core/types';
import { translator } from '../i18n';
import { FORM_KINDS, type Form, type FormField, type FormKind } from '../ports/chat';
import { ELLIPSIS, truncatePlain } from './render';

/** Modal limits (https://discord.com/developers/docs/components/reference, .../interactions/receiving-and-responding#modal). */
export const MODAL_LIMITS = {
  title: 45,
  /** Top-level components (labels) in one modal. */
  components: 5,
  customId: 100,
  label: 45,
  description: 100,
  textPlaceholder: 100,
  selectPlaceholder: 150,
  /** A text input's `max_length` (and so its pre-filled value). */
  textValue: 4000,
  /** Options of a string select. */
  options: 25,
  optionText: 100,
  optionValue: 100,
  /** Options of a checkbox group. */
  checkboxGroup: 10,
} as const;

/** Every calma modal's custom id starts with this; the form's kind and args follow. */
export const FORM_ID_PREFIX = 'calma-form:';

/** Separates the kind and args of a modal id, and the field ids of a checkbox group's id. */
const SEPARATOR = '|';

/** What a submitted modal does: the `submit` of the form it was built from. */
export type FormSubmit = Form['submit'];

/** A bug in calma (a form that cannot be a Discord modal), never a user's mistake: it throws. */
function refuse(form: Pick<Form, 'title'>, what: string): never {
  throw new Error(`form "${form.title}" cannot be a Discord modal: ${what}`);
}

/**
 * The modal custom id of a form: `calma-form:<kind>|<arg>|…`, so the submission says what to do without
 * any state kept in between. Args are ids and numbers; one holding `|`, or an id over 100, is a bug.
 */
export function encodeFormId(form: Pick<Form, 'submit' | 'title'>): string {
  const { kind, args } = form.submit;
  if (args.some((arg) => arg.includes(SEPARATOR))) refuse(form, `an arg contains "${SEPARATOR}"`);
  const id = FORM_ID_PREFIX + [kind, ...args].join(SEPARATOR);
  if (id.length > MODAL_LIMITS.customId)
    refuse(form, `its id is ${id.length} chars (max ${MODAL_LIMITS.customId})`);
  return id;
}

/** The kind and args of a submitted modal's custom id; null when it is not a calma form (it comes from the network). */
export function decodeFormId(id: unknown): FormSubmit | null {
  if (typeof id !== 'string' || !id.startsWith(FORM_ID_PREFIX)) return null;
  const [kind, ...args] = id.slice(FORM_ID_PREFIX.length).split(SEPARATOR);
  return FORM_KINDS.includes(kind as FormKind) ? { kind: kind as FormKind, args } : null;
}

// ---------------------------------------------------------------------------------------------------------
// Form → modal

/** One top-level component: a field alone, or several checkboxes sharing one checkbox group. */
type Slot = { field: FormField } | { group: FormField[] };

const isCheckbox = (field: FormField): boolean => field.type === 'checkbox';

/**
 * Checkbox fields packed into groups of at most 10 options whose id (their field ids joined) fits 100.
 * Greedy, in form order: the same ids always give the same groups.
 */
function checkboxGroups(form: Form, boxes: FormField[]): FormField[][] {
  const groups: FormField[][] = [];
  for (const box of boxes) {
    if (box.id.includes(SEPARATOR)) refuse(form, `checkbox id "${box.id}" contains "${SEPARATOR}"`);
    const last = groups.at(-1);
    const id = last ? [...last, box].map((f) => f.id).join(SEPARATOR) : box.id;
    if (last && last.length < MODAL_LIMITS.checkboxGroup && id.length <= MODAL_LIMITS.customId)
      last.push(box);
    else groups.push([box]);
  }
  return groups;
}

/**
 * A modal holds 5 components. A form with more fields (the open form has 6) gathers its checkboxes into
 * checkbox groups, placed where the first of them was. A group's custom id lists its field ids, so an
 * unticked box still reads as 'false' from the submission alone (Discord only sends the ticked ones).
 */
function slots(form: Form): Slot[] {
  if (form.fields.length <= MODAL_LIMITS.components) return form.fields.map((field) => ({ field }));
  const groups = checkboxGroups(form, form.fields.filter(isCheckbox));
  const others = form.fields.filter((field) => !isCheckbox(field));
  if (others.length + groups.length > MODAL_LIMITS.components) {
    refuse(form, `${form.fields.length} fields do not fit in ${MODAL_LIMITS.components} components`);
  }
  const firstBox = form.fields.findIndex(isCheckbox);
  const before = form.fields.slice(0, firstBox).map((field) => ({ field }));
  const after = form.fields.slice(firstBox).filter((field) => !isCheckbox(field));
  return [...before, ...groups.map((group) => ({ group })), ...after.map((field) => ({ field }))];
}

/** Ids and option values come back as answers: one that cannot round-trip is a bug. */
function assertFits(form: Form): void {
  const ids = new Set<string>();
  for (const field of form.fields) {
    if (!field.id || field.id.length > MODAL_LIMITS.customId || ids.has(field.id)) {
      refuse(form, `field id "${field.id}" is empty, too long or repeated`);
    }
    ids.add(field.id);
    if (field.type === 'select' && !field.options?.length)
      refuse(form, `select "${field.id}" has no options`);
    if (field.options?.some((o) => !o.value || o.value.length > MODAL_LIMITS.optionValue)) {
      refuse(
        form,
        `an option of "${field.id}" has an empty value or one over ${MODAL_LIMITS.optionValue} chars`,
      );
    }
  }
}

function textInput(field: FormField, style: TextInputStyle): APITextInputComponent {
  const max = Math.min(field.maxLength ?? MODAL_LIMITS.textValue, MODAL_LIMITS.textValue);
  return {
    type: ComponentType.TextInput,
    custom_id: field.id,
    style,
    required: !field.optional,
    max_length: max,
    ...(field.initial ? { value: truncatePlain(field.initial, max) } : {}),
    ...(field.placeholder
      ? { placeholder: truncatePlain(field.placeholder, MODAL_LIMITS.textPlaceholder) }
      : {}),
  };
}

function selectPlaceholder(field: FormField): { placeholder?: string } {
  return field.placeholder
    ? { placeholder: truncatePlain(field.placeholder, MODAL_LIMITS.selectPlaceholder) }
    : {};
}

/**
 * A string select takes 25 options: past that they are dropped rather than refusing to open the form in
 * the middle of a crisis, keeping the pre-selected one.
 */
function stringSelect(field: FormField): APIStringSelectComponent {
  const all = field.options ?? [];
  const initial = all.find((o) => o.value === field.initial);
  const kept = all.slice(0, MODAL_LIMITS.options);
  if (initial && !kept.includes(initial)) kept[kept.length - 1] = initial;
  const options = kept.map(
    (o): APISelectMenuOption => ({
      label: truncatePlain(o.label.trim() || o.value, MODAL_LIMITS.optionText),
      value: o.value,
      ...(o === initial ? { default: true } : {}),
    }),
  );
  return {
    type: ComponentType.StringSelect,
    custom_id: field.id,
    options,
    required: !field.optional,
    ...(field.optional ? { min_values: 0 } : {}),
    max_values: 1,
    ...selectPlaceholder(field),
  };
}

/** Only a Discord user id can be pre-selected (a role holder `&123` cannot be a user select's default). */
function userSelect(field: FormField): APIUserSelectComponent {
  const initial = field.initial && /^\d{17,20}$/.test(field.initial) ? field.initial : null;
  return {
    type: ComponentType.UserSelect,
    custom_id: field.id,
    required: !field.optional,
    ...(field.optional ? { min_values: 0 } : {}),
    max_values: 1,
    ...(initial ? { default_values: [{ id: initial, type: SelectMenuDefaultValueType.User }] } : {}),
    ...selectPlaceholder(field),
  };
}

function checkbox(field: FormField): APICheckboxComponent {
  return { type: ComponentType.Checkbox, custom_id: field.id, default: field.initial === 'true' };
}

function component(field: FormField): APIComponentInLabel {
  switch (field.type ?? 'text') {
    case 'longtext':
      return textInput(field, TextInputStyle.Paragraph);
    case 'user':
      return userSelect(field);
    case 'select':
      return stringSelect(field);
    case 'checkbox':
      return checkbox(field);
    default:
      return textInput(field, TextInputStyle.Short);
  }
}

/**
 * The label's description: a checkbox has no text of its own, so its placeholder ("Yes, publish it") goes
 * there, as on Slack; a label cut to 45 characters keeps its full wording there too.
 */
function description(field: FormField): { description?: string } {
  const text = isCheckbox(field) && field.placeholder ? field.placeholder : '';
  const full = field.label.length > MODAL_LIMITS.label ? field.label : '';
  const shown = text || full;
  return shown ? { description: truncatePlain(shown, MODAL_LIMITS.description) } : {};
}

function fieldLabel(field: FormField): APILabelComponent {
  return {
    type: ComponentType.Label,
    label: truncatePlain(field.label.trim() || field.id, MODAL_LIMITS.label),
    ...description(field),
    component: component(field),
  };
}

function groupLabel(group: FormField[], label: string): APILabelComponent {
  const checkboxes: APICheckboxGroupComponent = {
    type: ComponentType.CheckboxGroup,
    custom_id: group.map((f) => f.id).join(SEPARATOR),
    options: group.map((f) => ({
      value: f.id,
      label: truncatePlain(f.label.trim() || f.id, MODAL_LIMITS.optionText),
      ...(f.placeholder ? { description: truncatePlain(f.placeholder, MODAL_LIMITS.optionText) } : {}),
      ...(f.initial === 'true' ? { default: true } : {}),
    })),
    min_values: 0,
    max_values: group.length,
    required: false,
  };
  return {
    type: ComponentType.Label,
    label: truncatePlain(label, MODAL_LIMITS.label),
    component: checkboxes,
  };
}

/**
 * A Form as a Discord modal: each field a Label (type 18) around its input, whose custom id is the field
 * id. text → short text input, longtext → paragraph, select → string select, user → user select,
 * checkbox → checkbox (type 23); a form of more than 5 fields shares checkbox groups (labelled "More
 * options" in `locale`). Texts are cut with '…' to Discord's limits; what cannot be cut without changing
 * the answers (ids, option values, too many fields) throws, as only a bug in calma can reach it.
 */
export function formToModal(
  form: Form,
  customId: string,
  locale: Locale = 'en',
): APIModalInteractionResponseCallbackData {
  assertFits(form);
  if (!customId || customId.length > MODAL_LIMITS.customId)
    refuse(form, `custom id "${customId}" is empty or too long`);
  const options = translator(locale)('discord.modal.options');
  return {
    custom_id: customId,
    title: truncatePlain(form.title.trim() || ELLIPSIS, MODAL_LIMITS.title),
    components: slots(form).map((slot) =>
      'field' in slot ? fieldLabel(slot.field) : groupLabel(slot.group, options),
    ),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Reading a submission

type Submitted = Record<string, unknown>;

function isRecord(value: unknown): value is Submitted {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An own property only, so a field id like `__proto__` cannot reach Object.prototype. */
function own(value: unknown, key: string): unknown {
  return isRecord(value) && Object.hasOwn(value, key) ? value[key] : undefined;
}

/** Raw API JSON says `custom_id`; discord.js's parsed `interaction.components` say `customId`. */
function customIdOf(component: unknown): string | null {
  const id = own(component, 'custom_id') ?? own(component, 'customId');
  return typeof id === 'string' ? id : null;
}

/** The input components of a submission: inside labels (type 18) or, in older modals, action rows (type 1). */
function inputs(components: unknown): Submitted[] {
  if (!Array.isArray(components)) return [];
  return components.flatMap((top): Submitted[] => {
    const inLabel = own(top, 'component');
    const inRow = own(top, 'components');
    const found = isRecord(inLabel) ? [inLabel] : Array.isArray(inRow) ? inRow : [];
    return found.filter((c): c is Submitted => isRecord(c) && customIdOf(c) !== null);
  });
}

function stringValues(component: Submitted | undefined): string[] {
  const values = own(component, 'values');
  return Array.isArray(values) ? values.filter((v): v is string => typeof v === 'string') : [];
}

/** A select's answer: one of the form's options when it lists them (the payload comes from the network). */
function selected(field: FormField, component: Submitted | undefined): string {
  const value = stringValues(component)[0] ?? '';
  if (!field.options) return value;
  return field.options.some((o) => o.value === value) ? value : '';
}

function ticked(field: FormField, byId: Map<string, Submitted>, groups: Submitted[]): boolean {
  const alone = byId.get(field.id);
  if (alone && own(alone, 'type') === ComponentType.Checkbox) return own(alone, 'value') === true;
  const group = groups.find((g) => customIdOf(g)?.split(SEPARATOR).includes(field.id));
  return stringValues(group).includes(field.id);
}

function readField(field: FormField, byId: Map<string, Submitted>, groups: Submitted[]): string {
  const component = byId.get(field.id);
  switch (field.type ?? 'text') {
    case 'user':
      return stringValues(component)[0] ?? '';
    case 'select':
      return selected(field, component);
    case 'checkbox':
      return ticked(field, byId, groups) ? 'true' : 'false';
    default: {
      const value = own(component, 'value');
      return typeof value === 'string' ? value : '';
    }
  }
}

/**
 * The answers of a MODAL_SUBMIT, one string per form field, from its `data.components` (raw API JSON, or
 * discord.js's `interaction.components`): text → the text, select → the option's value, user → the user
 * id, checkbox → 'true' / 'false'. The shape is checked rather than trusted; anything missing or malformed
 * reads as '' ('false' for a checkbox). It never throws.
 */
export function readModalValues(form: Pick<Form, 'fields'>, components: unknown): Record<string, string> {
  const found = inputs(components);
  const byId = new Map(found.map((c) => [customIdOf(c) ?? '', c]));
  const groups = found.filter((c) => own(c, 'type') === ComponentType.CheckboxGroup);
  return Object.fromEntries(form.fields.map((field) => [field.id, readField(field, byId, groups)]));
}

/**
 * The fields of a submitted modal, rebuilt from the submission alone (ids and types; a select without its
 * options accepts any value, as Slack's form rebuilt from metadata does): what `readModalValues` needs
 * when the form itself was not kept. Every field calma put in the modal comes back, ticked or not.
 */
export function submittedFields(components: unknown): FormField[] {
  return inputs(components).flatMap((component): FormField[] => {
    const id = customIdOf(component) ?? '';
    switch (own(component, 'type')) {
      case ComponentType.TextInput:
        return [{ id, label: '', type: 'text' }];
      case ComponentType.StringSelect:
        return [{ id, label: '', type: 'select' }];
      case ComponentType.UserSelect:
        return [{ id, label: '', type: 'user' }];
      case ComponentType.Checkbox:
        return [{ id, label: '', type: 'checkbox' }];
      case ComponentType.CheckboxGroup:
        return id.split(SEPARATOR).map((box) => ({ id: box, label: '', type: 'checkbox' as const }));
      default:
        return [];
    }
  });
}
