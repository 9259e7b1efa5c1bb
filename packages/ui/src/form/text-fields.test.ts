import { describe, expect, it } from 'vitest';
import { element, markup, textOfId } from '../testing/markup.ts';
import DateInput from './DateInput.svelte';
import NumberInput from './NumberInput.svelte';
import Select from './Select.svelte';
import TextArea from './TextArea.svelte';
import TextInput from './TextInput.svelte';

// The markup each field sends, rendered on the server as the portals do: what a screen reader and the error
// summary rely on.

const refused = {
  values: { email: 'sam@example', note: 'Seen at the hub', when: '2026-03-27', dose: '6o', role: 'nurse' },
  problems: [
    { field: 'email', message: 'Enter an email address like sam@example.org' },
    { field: 'note', message: 'Use no more than 10 characters' },
    { field: 'when', message: 'Enter a real date' },
    { field: 'dose', message: 'Enter the dose in milligrams, using digits' },
    { field: 'role', message: 'Choose a role' },
  ],
};

describe('TextInput', () => {
  it('ties its label, hint and input together, with the name as the id the error summary links to', () => {
    const html = markup(TextInput, {
      name: 'email',
      label: 'Email address',
      hint: 'Your work address',
      autocomplete: 'username',
    });
    expect(element(html, 'label')).toMatchObject({ for: 'email', class: 'nhsuk-label nhsuk-label--s' });
    expect(textOfId(html, 'email-hint')).toBe('Your work address');
    expect(element(html, 'input')).toMatchObject({
      id: 'email',
      name: 'email',
      type: 'text',
      class: 'nhsuk-input',
      autocomplete: 'username',
      'aria-describedby': 'email-hint',
      value: '',
    });
    expect(element(html, 'input')).not.toHaveProperty('aria-invalid');
    expect(element(html, '.nhsuk-error-message')).toBeNull();
    expect(element(html, '.nhsuk-form-group--error')).toBeNull();
  });

  it('after a refused post: the message beside the field, "Error:" for screen readers, the value again', () => {
    const html = markup(TextInput, { name: 'email', label: 'Email address', hint: 'Work', form: refused });
    expect(element(html, 'div.nhsuk-form-group.nhsuk-form-group--error')).not.toBeNull();
    expect(textOfId(html, 'email-error')).toBe('Error: Enter an email address like sam@example.org');
    expect(element(html, '.nhsuk-u-visually-hidden')).not.toBeNull();
    expect(element(html, 'input')).toMatchObject({
      class: 'nhsuk-input nhsuk-input--error',
      value: 'sam@example',
      'aria-describedby': 'email-hint email-error',
      'aria-invalid': 'true',
    });
  });

  it('never writes a passphrase back into the page', () => {
    const html = markup(TextInput, {
      name: 'passphrase',
      label: 'Passphrase',
      type: 'password',
      value: 'kettle orbit gravel tulip',
      form: { values: { passphrase: 'kettle orbit gravel tulip' } },
    });
    expect(element(html, 'input')).toMatchObject({ type: 'password', value: '' });
    expect(html).not.toContain('kettle');
  });

  it('takes an id of its own, a width, a code style, an explicit error and value', () => {
    const html = markup(TextInput, {
      name: 'code',
      id: 'bg-code',
      label: 'Code',
      width: 10,
      code: true,
      value: '123456',
      error: 'That code is not right',
      inputmode: 'numeric',
    });
    expect(element(html, 'label')).toMatchObject({ for: 'bg-code' });
    expect(element(html, 'input')).toMatchObject({
      id: 'bg-code',
      name: 'code',
      class: 'nhsuk-input nhsuk-input--code nhsuk-input--width-10 nhsuk-input--error',
      value: '123456',
      inputmode: 'numeric',
      'aria-describedby': 'bg-code-error',
    });
  });

  it('can be the heading of a page that asks one question', () => {
    const html = markup(TextInput, { name: 'username', label: 'Choose a username', pageHeading: true });
    expect(element(html, 'h1')).toMatchObject({ class: 'nhsuk-label-wrapper' });
    expect(element(html, 'label')).toMatchObject({ class: 'nhsuk-label nhsuk-label--l', for: 'username' });
  });
});

describe('TextArea', () => {
  it('shows the text again inside the box, with its message', () => {
    const html = markup(TextArea, { name: 'note', label: 'Note (optional)', rows: 3, form: refused });
    expect(element(html, 'textarea')).toMatchObject({
      id: 'note',
      name: 'note',
      rows: '3',
      class: 'nhsuk-textarea nhsuk-textarea--error',
      'aria-describedby': 'note-error',
      'aria-invalid': 'true',
    });
    expect(html).toMatch(/<textarea[^>]*>Seen at the hub<\/textarea>/);
    expect(textOfId(html, 'note-error')).toBe('Error: Use no more than 10 characters');
  });
});

describe('DateInput', () => {
  it("is the browser's date input, posting YYYY-MM-DD, with its range", () => {
    const html = markup(DateInput, {
      name: 'when',
      label: 'Date of the overdose',
      max: '2026-03-28',
      form: refused,
    });
    expect(element(html, 'input')).toMatchObject({
      type: 'date',
      id: 'when',
      value: '2026-03-27',
      max: '2026-03-28',
      'aria-describedby': 'when-error',
      'aria-invalid': 'true',
    });
  });
});

describe('NumberInput', () => {
  it('shows its unit beside the box, hidden from screen readers, and says it in the label instead', () => {
    const html = markup(NumberInput, {
      name: 'dose',
      label: 'Daily dose',
      unit: 'mg',
      unitName: 'milligrams',
      form: refused,
    });
    expect(element(html, 'input')).toMatchObject({
      type: 'text',
      inputmode: 'decimal',
      class: 'nhsuk-input nhsuk-input--width-5 nhsuk-input--error',
      value: '6o',
      'aria-describedby': 'dose-error',
    });
    expect(element(html, '.nhsuk-input-wrapper__suffix')).toMatchObject({ 'aria-hidden': 'true' });
    expect(textOfId(html, 'dose-error')).toBe('Error: Enter the dose in milligrams, using digits');
    expect(html).toMatch(
      /<label[^>]*>\s*Daily dose<span class="nhsuk-u-visually-hidden">, in milligrams<\/span>/,
    );
  });

  it('offers a keyboard without a decimal point for whole numbers, and a prefix', () => {
    const html = markup(NumberInput, { name: 'days', label: 'Days', integer: true, prefix: '£' });
    expect(element(html, 'input')).toMatchObject({ inputmode: 'numeric', value: '' });
    expect(element(html, '.nhsuk-input-wrapper__prefix')).toMatchObject({ 'aria-hidden': 'true' });
    expect(element(html, '.nhsuk-input-wrapper__suffix')).toBeNull();
  });
});

describe('Select', () => {
  const options = [
    { value: 'keyworker', label: 'Keyworker' },
    { value: 'nurse', label: 'Nurse' },
  ];

  it('marks the option chosen before, and its problem', () => {
    const html = markup(Select, {
      name: 'role',
      label: 'Role',
      options,
      placeholder: 'Choose a role',
      form: refused,
    });
    expect(element(html, 'select')).toMatchObject({
      id: 'role',
      class: 'nhsuk-select nhsuk-select--error',
      'aria-describedby': 'role-error',
      'aria-invalid': 'true',
    });
    expect(html).toMatch(/<option value="nurse" selected[^>]*>Nurse<\/option>/);
    expect(html).toMatch(/<option value=""[^>]*>Choose a role<\/option>/);
    expect(html).not.toMatch(/<option value=""[^>]*selected/);
  });

  it('chooses the placeholder when nothing was chosen', () => {
    const html = markup(Select, { name: 'role', label: 'Role', options, placeholder: 'Choose a role' });
    expect(html).toMatch(/<option value="" selected[^>]*>Choose a role<\/option>/);
  });
});
