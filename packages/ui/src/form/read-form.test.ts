import { CONTROL_CHARACTER_MESSAGE, multiLine, singleLine } from '@harbour/domain/text';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readForm, textOf } from './read-form.ts';

/** A submitted form, as the browser sends it: every value text, a field repeated for each ticked box. */
function posted(fields: Record<string, string | string[]>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields))
    for (const one of Array.isArray(value) ? value : [value]) form.append(name, one);
  return form;
}

/** An overdose report as a clinical form might ask for it: every kind of field there is. */
const OverdoseForm = z
  .strictObject({
    occurredOn: z.iso.date({
      error: (issue) => (issue.input === undefined ? 'Enter the date' : 'Enter a real date'),
    }),
    place: z.enum(['home', 'street', 'hostel'], { error: 'Select where it happened' }),
    naloxoneDoses: z.int({ error: 'Enter how many doses of naloxone were given' }).min(0).max(20).optional(),
    substances: z.array(z.enum(['heroin', 'methadone', 'alcohol'], { error: 'Select from the list' })),
    ambulanceCalled: z.boolean(),
    details: multiLine({ max: 200 }).optional(),
    witness: singleLine({ max: 50 }).nullable(),
    confirmed: z.literal(true, { error: 'Confirm the details are right' }),
  })
  .refine((form) => !(form.place === 'home' && form.details === undefined), {
    message: 'Say who was there',
    path: ['details'],
    // Checked even while other fields are wrong, so that every problem is shown at once.
    when: () => true,
  });

const valid = {
  occurredOn: '2026-03-27',
  place: 'street',
  naloxoneDoses: '2',
  substances: ['heroin', 'alcohol'],
  ambulanceCalled: 'yes',
  details: 'Found by a friend.\r\nGiven naloxone.',
  witness: '  A friend  ',
  confirmed: 'yes',
};

describe('readForm', () => {
  it('reads every kind of field into the typed values of the schema', () => {
    const read = readForm(posted(valid), OverdoseForm);
    expect(read).toEqual({
      ok: true,
      data: {
        occurredOn: '2026-03-27',
        place: 'street',
        naloxoneDoses: 2,
        substances: ['heroin', 'alcohol'],
        ambulanceCalled: true,
        details: 'Found by a friend.\r\nGiven naloxone.',
        witness: 'A friend',
        confirmed: true,
      },
      values: { ...valid, ambulanceCalled: 'yes' },
    });
  });

  it('makes empty fields undefined or null as the schema wants, and an unticked box false', () => {
    const read = readForm(
      posted({
        ...valid,
        naloxoneDoses: '  ',
        details: '',
        witness: ' ',
        ambulanceCalled: [],
        substances: [],
      }),
      OverdoseForm,
    );
    expect(read.ok && read.data).toMatchObject({
      naloxoneDoses: undefined,
      details: undefined,
      witness: null,
      ambulanceCalled: false,
      substances: [],
    });
  });

  it('reports every problem at once, one per field, in the order of the form', () => {
    const read = readForm(
      posted({ occurredOn: '', place: 'home', naloxoneDoses: 'two', substances: ['cocaine'] }),
      OverdoseForm,
    );
    expect(read.ok).toBe(false);
    expect(!read.ok && read.failure.problems).toEqual([
      { field: 'occurredOn', message: 'Enter the date' },
      { field: 'naloxoneDoses', message: 'Enter how many doses of naloxone were given' },
      { field: 'substances', message: 'Select from the list' },
      // A rule across fields is checked too, even while other fields are wrong.
      { field: 'details', message: 'Say who was there' },
      { field: 'confirmed', message: 'Confirm the details are right' },
    ]);
  });

  it('sends back what was typed, and ticked, to show again', () => {
    const read = readForm(
      posted({ ...valid, occurredOn: '30/2/2026', substances: ['heroin'] }),
      OverdoseForm,
    );
    expect(!read.ok && read.failure.values).toMatchObject({
      occurredOn: '30/2/2026',
      place: 'street',
      substances: ['heroin'],
      witness: '  A friend  ',
    });
    expect(!read.ok && read.failure.problems).toEqual([
      { field: 'occurredOn', message: 'Enter a real date' },
    ]);
  });

  it('takes a date typed as day/month/year, where a browser shows a text box', () => {
    for (const typed of ['27/3/2026', '27.03.2026', '27-3-2026'])
      expect(readForm(posted({ ...valid, occurredOn: typed }), OverdoseForm)).toMatchObject({
        ok: true,
        data: { occurredOn: '2026-03-27' },
      });
  });

  it.each([
    ['60', 60],
    [' 7.5 ', 7.5],
    ['.5', 0.5],
    ['-2', -2],
    ['+3', 3],
  ])('reads the number %j as %d', (typed, value) => {
    const read = readForm(posted({ dose: typed }), z.object({ dose: z.number() }));
    expect(read.ok && read.data.dose).toBe(value);
  });

  it.each(['sixty', '1e3', '6 0', '0x10', '1,000', 'Infinity'])('refuses %j as a number', (typed) => {
    const read = readForm(posted({ dose: typed }), z.object({ dose: z.number() }));
    expect(!read.ok && read.failure.problems).toEqual([
      { field: 'dose', message: 'Enter a number, using digits' },
    ]);
  });

  it("refuses text holding a control character, naming the field, with the domain's words", () => {
    const Form = z.object({ name: singleLine({ min: 1, max: 50 }), note: multiLine({ max: 50 }) });
    const read = readForm(posted({ name: 'Dean\u0000', note: 'line one\nline two' }), Form);
    expect(!read.ok && read.failure.problems).toEqual([
      { field: 'name', message: CONTROL_CHARACTER_MESSAGE },
    ]);
  });

  it('refuses a control character even where the schema forgot singleLine, in a box ticked too', () => {
    const Form = z.object({ name: z.string(), teams: z.array(z.string()), agreed: z.boolean() });
    const read = readForm(posted({ name: 'a\u001bb', teams: ['ok', 'b\u0000'], agreed: '\u0007' }), Form);
    expect(!read.ok && read.failure.problems).toEqual([
      { field: 'name', message: CONTROL_CHARACTER_MESSAGE },
      { field: 'teams', message: CONTROL_CHARACTER_MESSAGE },
      { field: 'agreed', message: CONTROL_CHARACTER_MESSAGE },
    ]);
  });

  it('never sends back a secret field', () => {
    const Form = z.object({ email: singleLine({ max: 254 }), passphrase: singleLine({ min: 12, max: 128 }) });
    const read = readForm(posted({ email: 'sam@example.org', passphrase: 'short' }), Form, {
      secret: ['passphrase'],
    });
    expect(!read.ok && read.failure.values).toEqual({ email: 'sam@example.org' });
  });

  it("puts a hidden field's problems on the form as a whole, each message once", () => {
    const reload = 'Reload the page and try again.';
    const Form = z.object({
      alertId: z.uuid({ error: reload }),
      version: z.int({ error: reload }),
      outcome: z.enum(['appropriate'], { error: 'Choose an outcome' }),
    });
    const read = readForm(posted({ alertId: 'x', version: 'y' }), Form, { hidden: ['alertId', 'version'] });
    expect(!read.ok && read.failure.problems).toEqual([
      { field: null, message: reload },
      { field: 'outcome', message: 'Choose an outcome' },
    ]);
  });

  it('asks for a reload when a hidden field is wrong and its schema has no words for it', () => {
    const Form = z.object({ idempotencyKey: z.uuid(), note: singleLine({ max: 5 }) });
    const read = readForm(posted({ idempotencyKey: 'not-an-id', note: '' }), Form, {
      hidden: ['idempotencyKey'],
    });
    expect(!read.ok && read.failure.problems).toEqual([
      { field: null, message: 'Reload the page and try again.' },
    ]);
  });

  it('prefixes the ids of the fields of one of several forms on a page', () => {
    const Form = z.object({ note: singleLine({ min: 1, max: 5, tooShort: 'Enter a note' }) });
    const read = readForm(posted({ note: '' }), Form, { idPrefix: 'alert-1-' });
    expect(!read.ok && read.failure.problems).toEqual([{ field: 'alert-1-note', message: 'Enter a note' }]);
  });

  it("says what zod would not in plain English, and keeps the schema's own messages", () => {
    const Form = z.object({
      name: z.string().min(1),
      count: z.number(),
      when: z.iso.date(),
      choice: z.enum(['a', 'b']),
      many: z.array(z.enum(['a'])),
      agreed: z.literal(true),
      own: z.enum(['a'], { error: 'Choose A' }),
    });
    const read = readForm(posted({ name: '', count: 'x', when: 'soon', choice: 'c', many: ['z'] }), Form);
    expect(!read.ok && read.failure.problems).toEqual([
      { field: 'name', message: 'Enter an answer' },
      { field: 'count', message: 'Enter a number, using digits' },
      { field: 'when', message: 'Enter a real date' },
      { field: 'choice', message: 'Select one of the options' },
      { field: 'many', message: 'Select only from the options shown' },
      { field: 'agreed', message: 'Tick the box to confirm' },
      { field: 'own', message: 'Choose A' },
    ]);
  });

  it('reads a query string as well as a posted form, and treats a file as nothing typed', () => {
    const Form = z.object({ q: singleLine({ max: 20 }).optional(), size: z.int().default(25) });
    expect(readForm(new URLSearchParams('q=walsh'), Form)).toMatchObject({
      ok: true,
      data: { q: 'walsh', size: 25 },
    });
    const form = new FormData();
    form.set('q', new Blob(['walsh']));
    expect(readForm(form, Form)).toMatchObject({
      ok: true,
      data: { q: undefined },
      values: { q: undefined },
    });
  });

  it("reads a field through a transform as its input, and a form's whole-form rules without a path", () => {
    const Code = z
      .string()
      .transform((typed) => typed.replace(/\s/g, ''))
      .pipe(z.string().regex(/^\d{6}$/, 'Enter 6 digits'));
    const Form = z
      .object({ code: Code, choice: z.union([z.literal('a'), z.literal('b')]).catch('a') })
      .transform((form) => ({ ...form, checked: true }))
      .refine(() => false, 'Something is wrong with the form');
    const read = readForm(posted({ code: '123 456', choice: 'b' }), Form);
    expect(!read.ok && read.failure.problems).toEqual([
      { field: null, message: 'Something is wrong with the form' },
    ]);
    const ok = readForm(posted({ code: '123 456' }), z.object({ code: Code }).readonly());
    expect(ok).toMatchObject({ ok: true, data: { code: '123456' } });
  });

  it('reads a choice among numbers (a page size) as a number, and a choice among codes as text', () => {
    const Form = z.object({
      pageSize: z.union([z.literal(25), z.literal(50)]).default(25),
      only: z.literal(10).optional(),
      sort: z.union([z.literal('name'), z.literal('risk')]),
    });
    expect(readForm(posted({ pageSize: '50', only: '10', sort: 'risk' }), Form)).toMatchObject({
      ok: true,
      data: { pageSize: 50, only: 10, sort: 'risk' },
    });
    expect(readForm(posted({ sort: 'name' }), Form)).toMatchObject({ ok: true, data: { pageSize: 25 } });
    const refused = readForm(posted({ pageSize: '30', sort: 'age' }), Form);
    expect(!refused.ok && refused.failure.problems).toEqual([
      { field: 'pageSize', message: 'Select one of the options' },
      { field: 'sort', message: 'Select one of the options' },
    ]);
  });

  it('is a mistake in the route, reported at once, to read a form against a schema that is not an object', () => {
    expect(() => readForm(posted({}), z.string())).toThrow(/must be a zod object, not string/);
  });
});

describe('textOf', () => {
  it('reads a hidden value as sent, and nothing for a missing field or a file', () => {
    const form = posted({ next: '/my/who-looked ' });
    form.set('file', new Blob(['x']));
    expect(textOf(form, 'next')).toBe('/my/who-looked ');
    expect(textOf(form, 'missing')).toBe('');
    expect(textOf(form, 'file')).toBe('');
  });
});
