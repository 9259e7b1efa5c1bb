import { createRawSnippet } from 'svelte';
import { describe, expect, it } from 'vitest';
import { element, elements, markup, textOf, textOfId } from '../testing/markup.ts';
import Checkboxes from './Checkboxes.svelte';
import Fieldset from './Fieldset.svelte';
import Radios from './Radios.svelte';

const reasons = [
  { value: 'urgent_clinical_care', label: 'Urgent clinical care', hint: 'An overdose or a crisis' },
  { value: 'safeguarding', label: 'Safeguarding concern' },
  { value: 'other', label: 'Other' },
];

/** A snippet of fixed markup, as a page would write one inline. */
const snippet = (html: string) => createRawSnippet(() => ({ render: () => html }));

describe('Radios', () => {
  it('asks its question in a legend; the first option has the id the error summary links to', () => {
    const html = markup(Radios, {
      name: 'reasonCode',
      legend: 'Why do you need to open this record?',
      options: reasons,
    });
    expect(element(html, 'fieldset')).toMatchObject({ class: 'nhsuk-fieldset' });
    expect(element(html, 'fieldset')).not.toHaveProperty('aria-describedby');
    expect(textOf(html)).toContain('Why do you need to open this record?');
    expect(elements(html, 'input').map((input) => input.id)).toEqual([
      'reasonCode',
      'reasonCode-2',
      'reasonCode-3',
    ]);
    expect(elements(html, 'label').map((label) => label.for)).toEqual([
      'reasonCode',
      'reasonCode-2',
      'reasonCode-3',
    ]);
    expect(
      elements(html, 'input').every((input) => input.name === 'reasonCode' && input.type === 'radio'),
    ).toBe(true);
    expect(elements(html, 'input').some((input) => 'checked' in input)).toBe(false);
    // An option's own hint describes that option.
    expect(element(html, '#reasonCode')).toMatchObject({ 'aria-describedby': 'reasonCode-item-hint' });
    expect(textOfId(html, 'reasonCode-item-hint')).toBe('An overdose or a crisis');
    expect(element(html, '#reasonCode-2')).not.toHaveProperty('aria-describedby');
  });

  it('after a refused post: the choice made again, the message, and the group described by both', () => {
    const html = markup(Radios, {
      name: 'reasonCode',
      legend: 'Why?',
      hint: 'Choose one',
      options: reasons,
      form: {
        values: { reasonCode: 'safeguarding' },
        problems: [{ field: 'reasonCode', message: 'Choose why you need to open this record' }],
      },
    });
    expect(element(html, 'div.nhsuk-form-group.nhsuk-form-group--error')).not.toBeNull();
    expect(element(html, 'fieldset')).toMatchObject({
      'aria-describedby': 'reasonCode-hint reasonCode-error',
    });
    expect(textOfId(html, 'reasonCode-error')).toBe('Error: Choose why you need to open this record');
    expect(element(html, '#reasonCode-2')).toHaveProperty('checked');
    expect(element(html, '#reasonCode')).not.toHaveProperty('checked');
  });

  it('shows more questions under an option, a page heading, and the inline and small styles', () => {
    const html = markup(Radios, {
      name: 'place',
      id: 'alert-1-place',
      legend: 'Where did it happen?',
      pageHeading: true,
      inline: true,
      small: true,
      value: 'other',
      options: [
        { value: 'home', label: 'At home' },
        { value: 'other', label: 'Somewhere else', conditional: snippet('<p>Say where</p>') },
      ],
    });
    expect(element(html, 'legend')).toMatchObject({
      class: 'nhsuk-fieldset__legend nhsuk-fieldset__legend--l',
    });
    expect(element(html, 'h1')).toMatchObject({ class: 'nhsuk-fieldset__heading' });
    expect(element(html, 'div.nhsuk-radios')).toMatchObject({
      class: 'nhsuk-radios nhsuk-radios--inline nhsuk-radios--small',
    });
    expect(element(html, '#alert-1-place-2')).toHaveProperty('checked');
    expect(textOfId(html, 'conditional-alert-1-place-2')).toBe('Say where');
    expect(element(html, '#conditional-alert-1-place')).toBeNull();
  });
});

describe('Checkboxes', () => {
  const teams = [
    { value: 't1', label: 'Riverside team' },
    { value: 't2', label: 'Castle team', hint: 'North of the river' },
  ];

  it('ticks again the boxes ticked before, in a fieldset described by its hint and error', () => {
    const html = markup(Checkboxes, {
      name: 'teamIds',
      legend: 'Teams',
      hint: 'Their caseloads',
      options: teams,
      form: { values: { teamIds: ['t2'] }, problems: [{ field: 'teamIds', message: 'Choose a team' }] },
    });
    expect(element(html, 'fieldset')).toMatchObject({ 'aria-describedby': 'teamIds-hint teamIds-error' });
    expect(element(html, '#teamIds')).toMatchObject({ type: 'checkbox', name: 'teamIds', value: 't1' });
    expect(element(html, '#teamIds')).not.toHaveProperty('checked');
    expect(element(html, '#teamIds-2')).toMatchObject({
      'aria-describedby': 'teamIds-2-item-hint',
      'aria-invalid': 'true',
      checked: '',
    });
    expect(textOfId(html, 'teamIds-error')).toBe('Error: Choose a team');
  });

  it('without a legend (one "I confirm" box), the hint and error describe the box itself', () => {
    const html = markup(Checkboxes, {
      name: 'identityChecked',
      hint: 'Photo identity, or a letter',
      options: [{ value: 'yes', label: "I have checked this person's identity in person" }],
      error: "Confirm that you have checked this person's identity in person",
    });
    expect(element(html, 'fieldset')).toBeNull();
    expect(element(html, 'input')).toMatchObject({
      id: 'identityChecked',
      value: 'yes',
      'aria-describedby': 'identityChecked-hint identityChecked-error',
      'aria-invalid': 'true',
    });
    expect(element(html, 'label')).toMatchObject({ for: 'identityChecked' });
  });

  it('shows more questions under a box, and the inline and small styles', () => {
    const html = markup(Checkboxes, {
      name: 'substances',
      legend: 'Substances',
      inline: true,
      small: true,
      values: ['other'],
      options: [{ value: 'other', label: 'Other', conditional: snippet('<p>Which?</p>') }],
    });
    expect(element(html, 'div.nhsuk-checkboxes')).toMatchObject({
      class: 'nhsuk-checkboxes nhsuk-checkboxes--inline nhsuk-checkboxes--small',
    });
    expect(element(html, '#substances')).toHaveProperty('checked');
    expect(textOfId(html, 'conditional-substances')).toBe('Which?');
  });
});

describe('Fieldset', () => {
  it('groups fields under a legend, with a hint and an error describing the group', () => {
    const html = markup(Fieldset, {
      legend: 'Where they live',
      id: 'address',
      hint: 'Their current address',
      error: 'Enter the postcode',
      legendSize: 'm',
      children: snippet('<p>fields</p>'),
    });
    expect(element(html, 'fieldset')).toMatchObject({ 'aria-describedby': 'address-hint address-error' });
    expect(element(html, 'legend')).toMatchObject({
      class: 'nhsuk-fieldset__legend nhsuk-fieldset__legend--m',
    });
    expect(textOfId(html, 'address-hint')).toBe('Their current address');
    expect(textOf(html)).toContain('fields');
  });

  it('has no description without an id to give it', () => {
    const html = markup(Fieldset, { legend: 'Contact', hint: 'Unused', children: snippet('<p>x</p>') });
    expect(element(html, 'fieldset')).not.toHaveProperty('aria-describedby');
    expect(element(html, '.nhsuk-hint')).toBeNull();
  });
});
