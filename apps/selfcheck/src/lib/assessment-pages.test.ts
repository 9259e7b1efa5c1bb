import { instruments, selfReportInstruments } from '@harbour/domain/instruments/registry';
import { describe, expect, it } from 'vitest';
import {
  MAX_PER_PAGE,
  pageNumber,
  pagesOf,
  readPageAnswers,
  selfReportInstrument,
} from './assessment-pages.ts';

const form = (entries: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(entries)) data.set(name, value);
  return data;
};

describe('the pages of an instrument', () => {
  it('splits every self-report instrument into pages of at most 5, keeping every question once, in order', () => {
    for (const definition of selfReportInstruments()) {
      const pages = pagesOf(definition);
      expect(pages.flat().map((i) => i.id)).toEqual(definition.items.map((i) => i.id));
      for (const page of pages) expect(page.length).toBeLessThanOrEqual(MAX_PER_PAGE);
      expect(pages.every((page) => page.length > 0)).toBe(true);
    }
    expect(pagesOf(instruments.phq9).map((p) => p.length)).toEqual([5, 4]);
    expect(pagesOf(instruments.audit_c).map((p) => p.length)).toEqual([3]);
  });

  it("uses an instrument's own sections where it has them (TOP)", () => {
    const sections = pagesOf(instruments.top).map((page) => new Set(page.map((i) => i.section)).size);
    expect(sections.every((n) => n === 1)).toBe(true);
    expect(pagesOf(instruments.top).length).toBeGreaterThan(1);
  });

  it('offers only what a person may do themselves, and only pages that exist', () => {
    expect(selfReportInstrument('top')).toBeNull();
    expect(selfReportInstrument('nonsense')).toBeNull();
    expect(selfReportInstrument('phq9')?.id).toBe('phq9');
    expect(pageNumber(instruments.phq9, '2')).toBe(2);
    for (const bad of ['0', '3', '-1', '1.5', '01', 'x', ''])
      expect(pageNumber(instruments.phq9, bad)).toBeNull();
  });
});

describe('reading a page of answers from a form post', () => {
  const [first] = pagesOf(instruments.phq9);
  const items = first ?? [];

  it('turns scored options back into their scores, and a coded option into its code', () => {
    const read = readPageAnswers(
      items,
      form({ phq9_1: '0', phq9_2: '3', phq9_3: '1', phq9_4: '2', phq9_5: '0' }),
    );
    expect(read).toMatchObject({
      ok: true,
      answers: { phq9_1: 0, phq9_2: 3, phq9_3: 1, phq9_4: 2, phq9_5: 0 },
    });
    const check = pagesOf(instruments.overdose_self_check)[0] ?? [];
    const coded = readPageAnswers(
      check,
      form(
        Object.fromEntries(
          check.map((item) => [item.id, item.kind === 'choice' ? (item.options[0]?.value ?? '') : '']),
        ),
      ),
    );
    expect(coded.ok).toBe(true);
    if (coded.ok) expect(Object.values(coded.answers).every((v) => typeof v === 'string')).toBe(true);
  });

  it('names every question left out or sent with a value it does not offer, and keeps the good ones', () => {
    const read = readPageAnswers(items, form({ phq9_1: '1', phq9_2: '4', phq9_3: 'yes' }));
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems.map((p) => p.field)).toEqual(['phq9_2', 'phq9_3', 'phq9_4', 'phq9_5']);
    expect(read.problems.every((p) => p.message === 'Choose an answer')).toBe(true);
    expect(read.values).toEqual({ phq9_1: '1' });
  });
});
