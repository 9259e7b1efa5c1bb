import { createRawSnippet } from 'svelte';
import { describe, expect, it } from 'vitest';
import { element, elements, markup, textOf } from '../testing/markup.ts';
import Button from './Button.svelte';
import ErrorSummary from './ErrorSummary.svelte';
import SummaryList from './SummaryList.svelte';

const snippet = (html: string) => createRawSnippet(() => ({ render: () => html }));

describe('ErrorSummary', () => {
  it('lists every problem, each linked to the id of its field, and a problem with the whole form unlinked', () => {
    const html = markup(ErrorSummary, {
      problems: [
        { field: 'email', message: 'Enter your email address' },
        { field: 'passphrase', message: 'Enter your passphrase' },
        { field: null, message: 'Too many attempts. Wait 30 seconds, then try again.' },
      ],
    });
    expect(element(html, 'div.nhsuk-error-summary')).toMatchObject({ tabindex: '-1' });
    expect(element(html, 'div.nhsuk-error-summary')).not.toHaveProperty('role');
    expect(html).toMatch(
      /<div role="alert"><h2 class="nhsuk-error-summary__heading">There is a problem<\/h2>/,
    );
    expect(elements(html, 'a').map((link) => link.href)).toEqual(['#email', '#passphrase']);
    expect(textOf(html)).toContain('Too many attempts. Wait 30 seconds, then try again.');
    expect(elements(html, 'li')).toHaveLength(3);
  });

  it('is not there at all when there is nothing wrong', () => {
    expect(markup(ErrorSummary, { problems: [] })).toBe('');
    expect(markup(ErrorSummary, { problems: undefined })).toBe('');
  });

  it('takes a heading of its own', () => {
    const html = markup(ErrorSummary, {
      problems: [{ field: null, message: 'x' }],
      title: 'Check the record',
    });
    expect(textOf(html)).toMatch(/^Check the record/);
  });
});

describe('Button', () => {
  it('submits its form, as the main action or a secondary one', () => {
    expect(element(markup(Button, { children: snippet('<span>Continue</span>') }), 'button')).toEqual({
      tag: 'button',
      class: 'nhsuk-button',
      type: 'submit',
    });
    const secondary = markup(Button, {
      variant: 'secondary',
      small: true,
      name: 'step',
      value: 'back',
      children: snippet('<span>Back</span>'),
    });
    expect(element(secondary, 'button')).toMatchObject({
      class: 'nhsuk-button nhsuk-button--secondary nhsuk-button--small',
      name: 'step',
      value: 'back',
    });
    expect(textOf(secondary)).toBe('Back');
    expect(
      element(
        markup(Button, { variant: 'warning', type: 'button', children: snippet('<span>x</span>') }),
        'button',
      ),
    ).toMatchObject({
      class: 'nhsuk-button nhsuk-button--warning',
      type: 'button',
    });
  });
});

describe('SummaryList', () => {
  it('shows facts as keys and values, a value as text or richer markup', () => {
    const html = markup(SummaryList, {
      rows: [
        { key: 'Name', value: 'Sam Carter' },
        { key: 'Email address', value: snippet('<span>sam@example.org</span>') },
      ],
    });
    expect(element(html, 'dl')).toMatchObject({ class: 'nhsuk-summary-list' });
    expect(elements(html, 'dt').every((dt) => dt.class === 'nhsuk-summary-list__key')).toBe(true);
    expect(textOf(html)).toBe('Name Sam Carter Email address sam@example.org');
    expect(element(markup(SummaryList, { rows: [], noBorder: true }), 'dl')).toMatchObject({
      class: 'nhsuk-summary-list nhsuk-summary-list--no-border',
    });
  });
});
