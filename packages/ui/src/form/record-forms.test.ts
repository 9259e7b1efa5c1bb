import { eventForms } from '@harbour/domain/record/event-forms';
import { factForms } from '@harbour/domain/record/fact-forms';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { readForm } from './read-form.ts';

// The clinical record's forms (packages/domain/src/record) read as the staff portal will read them.
const forms = Object.entries({ ...eventForms, ...factForms }).map(
  ([name, form]) => [name, (form as { schema: z.ZodType }).schema] as const,
);

describe("the clinical record's forms, read by readForm", () => {
  it.each(forms)('%s: sent empty, every problem is named in words, each on a field', (_name, schema) => {
    const read = readForm(new FormData(), schema);
    expect(read.ok).toBe(false);
    const problems = read.ok ? [] : read.failure.problems;
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) {
      expect(problem.field).not.toBeNull();
      expect(problem.message).not.toMatch(/^Invalid|expected|received/i);
    }
  });
});
