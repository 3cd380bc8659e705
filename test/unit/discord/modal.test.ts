import {
  type APIComponentInLabel,
  type APILabelComponent,
  type APIModalInteractionResponseCallbackData,
  type APIModalSubmissionComponent,
  ComponentType,
  type ModalSubmitComponent,
} from 'discord-api-types/v10';
import fc from 'fast-check';
import {
  decodeFormId,
  encodeFormId,
  FORM_ID_PREFIX,
  formToModal,
  MODAL_LIMITS,
  readModalValues,
  submittedFields,
} from '../../../src/discord/modal';
import { ELLIPSIS } from '../../../src/discord/render';
import { FORM_KINDS, type Form, type FormField } from '../../../src/ports/chat';

const ANA = '123456789012345678';

const fields: FormField[] = [
  { id: 'reason', label: 'Reason', placeholder: 'Why skip it?', initial: 'Not relevant' },
  { id: 'statement', label: 'Statement', type: 'longtext', maxLength: 3000 },
  { id: 'user', label: 'Who', type: 'user', initial: ANA, optional: true },
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

/** The open form as handlers/open.ts builds it: six fields, one more than a Discord modal holds. */
const openForm: Form = {
  submit: { kind: 'open', args: [] },
  title: 'Abrir una crisis',
  fields: [
    { id: 'title', label: '¿Qué está pasando? (un título breve)', initial: 'Spam en la cuenta' },
    {
      id: 'playbook',
      label: 'Protocolo',
      type: 'select',
      options: [{ value: 'hacked-account', label: 'Cuenta hackeada' }],
    },
    {
      id: 'severity',
      label: 'Gravedad',
      type: 'select',
      options: ['sev1', 'sev2', 'sev3', 'sev4', 'unset'].map((value) => ({
        value,
        label: value.toUpperCase(),
      })),
      initial: 'unset',
    },
    { id: 'lead', label: 'Responsable de la crisis', type: 'user', optional: true },
    { id: 'private', label: 'Canal privado (solo quien necesite estar)', type: 'checkbox', optional: true },
    { id: 'drill', label: 'Es un simulacro (solo práctica)', type: 'checkbox', optional: true },
  ],
};

const labels = (modal: APIModalInteractionResponseCallbackData): APILabelComponent[] =>
  modal.components.filter((c): c is APILabelComponent => c.type === ComponentType.Label);

/** What a person answers, by custom id: text or a chosen value, ticked boxes of a group, a checkbox. */
type Answers = Record<string, string | string[] | boolean>;

/** The answer Discord sends for one input: what was answered, else what the modal pre-filled. */
function answer(c: APIComponentInLabel, answers: Answers): ModalSubmitComponent {
  const given = answers[c.custom_id];
  const base = { id: 0, custom_id: c.custom_id };
  switch (c.type) {
    case ComponentType.TextInput:
      return { ...base, type: c.type, value: String(given ?? c.value ?? '') };
    case ComponentType.Checkbox:
      return { ...base, type: c.type, value: Boolean(given ?? c.default) };
    case ComponentType.CheckboxGroup: {
      const preset = c.options.filter((o) => o.default).map((o) => o.value);
      return { ...base, type: c.type, values: Array.isArray(given) ? given : preset };
    }
    case ComponentType.StringSelect: {
      const preset = c.options.filter((o) => o.default).map((o) => o.value);
      return { ...base, type: c.type, values: typeof given === 'string' ? [given] : preset };
    }
    case ComponentType.UserSelect: {
      const preset = (c.default_values ?? []).map((v) => v.id);
      return { ...base, type: c.type, values: typeof given === 'string' ? [given] : preset };
    }
    default:
      throw new Error(`unexpected component ${c.type}`);
  }
}

/** The `data.components` Discord sends back when the modal is submitted (raw API JSON). */
function submit(
  modal: APIModalInteractionResponseCallbackData,
  answers: Answers,
): APIModalSubmissionComponent[] {
  return labels(modal).map((label, i) => ({
    type: ComponentType.Label,
    id: i + 1,
    component: answer(label.component, answers),
  }));
}

describe('formToModal', () => {
  const modal = formToModal(form, encodeFormId(form));

  it('GIVEN a form WHEN shown on Discord THEN each field is a Label around the input of its type, with the field id as custom id', () => {
    const shown = labels(modal).map((l) => [l.label, l.component.type, l.component.custom_id]);

    expect(modal.custom_id).toBe('calma-form:open|9f86d081');
    expect(modal.title).toBe('Open an incident');
    expect(shown).toEqual([
      ['Reason', ComponentType.TextInput, 'reason'],
      ['Statement', ComponentType.TextInput, 'statement'],
      ['Who', ComponentType.UserSelect, 'user'],
      ['Playbook', ComponentType.StringSelect, 'playbook'],
      ['Public?', ComponentType.Checkbox, 'public'],
    ]);
  });

  it('GIVEN text fields WHEN shown THEN text is a short input, longtext a paragraph, with initial value, placeholder and max length', () => {
    const [reason, statement] = labels(modal).map((l) => l.component);

    expect(reason).toEqual({
      type: ComponentType.TextInput,
      custom_id: 'reason',
      style: 1,
      required: true,
      max_length: 4000,
      value: 'Not relevant',
      placeholder: 'Why skip it?',
    });
    expect(statement).toMatchObject({ style: 2, max_length: 3000, required: true });
  });

  it('GIVEN a user field WHEN shown THEN it is a single-user select, optional, with the person pre-selected', () => {
    const user = labels(modal)[2]?.component;

    expect(user).toMatchObject({
      type: ComponentType.UserSelect,
      required: false,
      min_values: 0,
      max_values: 1,
      default_values: [{ id: ANA, type: 'user' }],
    });
  });

  it('GIVEN a select field WHEN shown THEN its options are there, the initial one selected by default', () => {
    const select = labels(modal)[3]?.component;

    expect(select).toMatchObject({
      type: ComponentType.StringSelect,
      required: true,
      options: [
        { label: 'Hacked account', value: 'hacked-account' },
        { label: 'Data leak', value: 'data-leak', default: true },
      ],
    });
  });

  it('GIVEN a checkbox field WHEN shown THEN it is a checkbox, ticked from its initial value, its placeholder as the description', () => {
    const label = labels(modal)[4];

    expect(label?.description).toBe('Yes, publish it');
    expect(label?.component).toEqual({ type: ComponentType.Checkbox, custom_id: 'public', default: true });
  });

  it('GIVEN long texts WHEN shown THEN the title and labels are cut to 45 with an ellipsis, the full label kept as description', () => {
    const long = 'Why are you skipping this step of the playbook right now?';

    const shown = formToModal(
      { ...form, title: 'T'.repeat(60), fields: [{ id: 'reason', label: long }] },
      'calma-form:step.skip|1|2',
    );

    expect(shown.title).toHaveLength(MODAL_LIMITS.title);
    expect(shown.title.endsWith(ELLIPSIS)).toBe(true);
    expect(labels(shown)[0]?.label).toHaveLength(MODAL_LIMITS.label);
    expect(labels(shown)[0]?.description).toBe(long);
  });

  it('GIVEN a text field allowing more than Discord does, with a longer initial text WHEN shown THEN both are capped at 4000', () => {
    const shown = formToModal(
      {
        ...form,
        fields: [
          { id: 'text', label: 'Text', type: 'longtext', maxLength: 10_000, initial: 'x'.repeat(5000) },
        ],
      },
      'id',
    );

    const input = labels(shown)[0]?.component;
    expect(input).toMatchObject({ max_length: 4000 });
    expect(input && 'value' in input ? input.value?.length : 0).toBe(4000);
  });

  it('GIVEN a select of 30 options whose initial one is the last WHEN shown THEN 25 options are offered, the initial one among them', () => {
    const options = Array.from({ length: 30 }, (_, i) => ({ value: `p${i}`, label: `Playbook ${i}` }));

    const shown = formToModal(
      { ...form, fields: [{ id: 'playbook', label: 'Playbook', type: 'select', options, initial: 'p29' }] },
      'id',
    );

    const select = labels(shown)[0]?.component;
    const offered = select?.type === ComponentType.StringSelect ? select.options : [];
    expect(offered).toHaveLength(25);
    expect(offered.find((o) => o.default)?.value).toBe('p29');
  });

  it('GIVEN the six-field open form WHEN shown in Spanish THEN it fits 5 components: its two checkboxes share a group labelled in Spanish', () => {
    const shown = formToModal(openForm, encodeFormId(openForm), 'es');

    expect(shown.components).toHaveLength(MODAL_LIMITS.components);
    const group = labels(shown)[4];
    expect(group?.label).toBe('Más opciones');
    expect(group?.component).toEqual({
      type: ComponentType.CheckboxGroup,
      custom_id: 'private|drill',
      options: [
        { value: 'private', label: 'Canal privado (solo quien necesite estar)' },
        { value: 'drill', label: 'Es un simulacro (solo práctica)' },
      ],
      min_values: 0,
      max_values: 2,
      required: false,
    });
  });

  it('GIVEN a statement draft with six long-named outbound targets WHEN shown and submitted with one unticked THEN every target reads back, the unticked one false', () => {
    const targets = Array.from({ length: 6 }, (_, i) => `target:status-page-of-the-region-${i}`);
    const draft: Form = {
      submit: { kind: 'statement.draft', args: ['7', ''] },
      title: 'Draft a statement for #7',
      fields: [
        { id: 'text', label: 'Statement', type: 'longtext', maxLength: 3000 },
        ...targets.map(
          (id): FormField => ({
            id,
            label: `Also send to ${id}`,
            type: 'checkbox',
            initial: 'true',
            optional: true,
          }),
        ),
      ],
    };

    const shown = formToModal(draft, encodeFormId(draft));
    const groups = labels(shown).flatMap((l) =>
      l.component.type === ComponentType.CheckboxGroup ? [l.component] : [],
    );
    const untick = groups[1]?.options.map((o) => o.value).filter((id) => id !== targets[3]) ?? [];
    const components = submit(shown, { text: 'We are on it.', [groups[1]?.custom_id ?? '']: untick });

    expect(shown.components.length).toBeLessThanOrEqual(MODAL_LIMITS.components);
    expect(groups.every((g) => g.custom_id.length <= MODAL_LIMITS.customId)).toBe(true);
    expect(readModalValues({ fields: submittedFields(components) }, components)).toEqual({
      text: 'We are on it.',
      ...Object.fromEntries(targets.map((id) => [id, id === targets[3] ? 'false' : 'true'])),
    });
  });

  it('GIVEN a form of more than 5 fields that are not checkboxes WHEN shown THEN it throws: only a bug in calma builds one', () => {
    const six = Array.from({ length: 6 }, (_, i): FormField => ({ id: `f${i}`, label: `Field ${i}` }));

    expect(() => formToModal({ ...form, fields: six }, 'id')).toThrow(/do not fit/);
  });

  it.each<[string, FormField[]]>([
    [
      'a repeated field id',
      [
        { id: 'a', label: 'A' },
        { id: 'a', label: 'B' },
      ],
    ],
    ['an empty field id', [{ id: '', label: 'A' }]],
    ['a select without options', [{ id: 's', label: 'S', type: 'select', options: [] }]],
    [
      'an option value over 100',
      [{ id: 's', label: 'S', type: 'select', options: [{ value: 'v'.repeat(101), label: 'V' }] }],
    ],
  ])('GIVEN %s WHEN shown THEN it throws rather than lose answers', (_, bad) => {
    expect(() => formToModal({ ...form, fields: bad }, 'id')).toThrow(/cannot be a Discord modal/);
  });
});

describe('readModalValues', () => {
  const modal = formToModal(form, encodeFormId(form));

  it('GIVEN a submitted modal WHEN read THEN each field has its answer as a string, as on Slack', () => {
    const components = submit(modal, {
      reason: 'Already done by support',
      statement: 'We are investigating.',
      user: ANA,
      playbook: 'hacked-account',
      public: false,
    });

    expect(readModalValues(form, components)).toEqual({
      reason: 'Already done by support',
      statement: 'We are investigating.',
      user: ANA,
      playbook: 'hacked-account',
      public: 'false',
    });
  });

  it('GIVEN discord.js’s parsed components (customId) WHEN read THEN the answers are the same', () => {
    const raw = submit(modal, { reason: 'r', user: ANA, playbook: 'data-leak', public: true });
    const parsed = JSON.parse(JSON.stringify(raw).replaceAll('"custom_id"', '"customId"'));

    expect(readModalValues(form, parsed)).toEqual(readModalValues(form, raw));
    expect(readModalValues(form, parsed)).toMatchObject({
      reason: 'r',
      public: 'true',
      playbook: 'data-leak',
    });
  });

  it('GIVEN the open form with one box ticked in its group WHEN read THEN the ticked one is true and the other false', () => {
    const shown = formToModal(openForm, encodeFormId(openForm), 'es');

    const values = readModalValues(openForm, submit(shown, { 'private|drill': ['drill'] }));

    expect(values).toEqual({
      title: 'Spam en la cuenta',
      playbook: '',
      severity: 'unset',
      lead: '',
      private: 'false',
      drill: 'true',
    });
  });

  it('GIVEN only the submission (the form was not kept) WHEN its fields are rebuilt and read THEN the answers are those of the real form, unticked boxes included', () => {
    const shown = formToModal(openForm, encodeFormId(openForm));
    const components = submit(shown, {
      title: 'Spam',
      playbook: 'hacked-account',
      severity: 'sev1',
      lead: ANA,
      'private|drill': ['private'],
    });

    const rebuilt = submittedFields(components);

    expect(rebuilt.map((f) => [f.id, f.type])).toEqual([
      ['title', 'text'],
      ['playbook', 'select'],
      ['severity', 'select'],
      ['lead', 'user'],
      ['private', 'checkbox'],
      ['drill', 'checkbox'],
    ]);
    expect(readModalValues({ fields: rebuilt }, components)).toEqual(readModalValues(openForm, components));
    expect(readModalValues({ fields: rebuilt }, components)).toEqual({
      title: 'Spam',
      playbook: 'hacked-account',
      severity: 'sev1',
      lead: ANA,
      private: 'true',
      drill: 'false',
    });
  });

  it('GIVEN a select answer that is not one of the form’s options WHEN read THEN it is refused as empty', () => {
    const components = submit(modal, { playbook: 'made-up' });

    expect(readModalValues(form, components).playbook).toBe('');
  });

  it('GIVEN an empty submission WHEN read THEN every field reads empty, checkboxes false', () => {
    expect(readModalValues(form, [])).toEqual({
      reason: '',
      statement: '',
      user: '',
      playbook: '',
      public: 'false',
    });
  });

  it('GIVEN a field id like __proto__ WHEN read THEN it is a plain answer', () => {
    const odd: Form = { ...form, fields: [{ id: '__proto__', label: 'Odd' }] };
    const components = submit(formToModal(odd, 'id'), { __proto__: 'typed' } as Answers);

    const values = readModalValues(odd, components);

    expect(Object.hasOwn(values, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
  });

  it('GIVEN anything at all from the network WHEN read THEN it never throws and every answer is a string', () => {
    fc.assert(
      fc.property(fc.anything(), (components) => {
        const values = readModalValues(form, components);
        expect(Object.keys(values).sort()).toEqual(fields.map((f) => f.id).sort());
        expect(Object.values(values).every((v) => typeof v === 'string')).toBe(true);
        expect(() => submittedFields(components)).not.toThrow();
      }),
    );
  });
});

describe('encodeFormId / decodeFormId', () => {
  it.each(FORM_KINDS)(
    'GIVEN a %s form WHEN its id is decoded THEN the kind and args come back exactly',
    (kind) => {
      for (const args of [[], ['42'], ['42', ''], ['42', '3']]) {
        const id = encodeFormId({ submit: { kind, args }, title: 't' });

        expect(id.startsWith(FORM_ID_PREFIX)).toBe(true);
        expect(id.length).toBeLessThanOrEqual(100);
        expect(decodeFormId(id)).toEqual({ kind, args });
      }
    },
  );

  it('GIVEN args that make an id over 100 WHEN encoded THEN it throws', () => {
    expect(() => encodeFormId({ submit: { kind: 'open', args: ['x'.repeat(100)] }, title: 't' })).toThrow(
      /100/,
    );
  });

  it('GIVEN an arg holding the separator WHEN encoded THEN it throws rather than come back as two args', () => {
    expect(() => encodeFormId({ submit: { kind: 'close', args: ['1|2'] }, title: 't' })).toThrow(/contains/);
  });

  it.each(['calma-form:launch|1', 'calma:step.done|1|2', 'something else', '', 42, null])(
    'GIVEN the id %j WHEN decoded THEN it is not a calma form',
    (id) => {
      expect(decodeFormId(id)).toBeNull();
    },
  );
});
