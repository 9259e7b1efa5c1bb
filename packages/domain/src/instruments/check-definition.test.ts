import { describe, expect, it } from 'vitest';
import { auditC } from './audit-c.ts';
import { definitionProblems } from './check-definition.ts';
import type { InstrumentDefinition, InstrumentItem } from './definition.ts';
import { gad7 } from './gad7.ts';
import { overdoseSelfCheck } from './overdose-self-check.ts';
import { sds } from './sds.ts';
import { top } from './top.ts';

const first = (definition: InstrumentDefinition): InstrumentItem => {
  const [item] = definition.items;
  if (item === undefined) throw new Error('no items');
  return item;
};

describe('definition checks (for a developer adding an instrument)', () => {
  it('reports schema errors first, with their path', () => {
    expect(definitionProblems({ ...gad7, version: 'v1' })).toEqual(['version: a version like 2026.1']);
  });

  it('catches a repeated item id, a repeated score and a repeated option', () => {
    const gadItem = first(gad7);
    const repeated: InstrumentDefinition = {
      ...gad7,
      items: [
        ...gad7.items,
        gadItem.kind === 'scored_choice'
          ? { ...gadItem, options: [...gadItem.options, { score: 3, label: 'Again' }] }
          : gadItem,
      ],
    };
    expect(definitionProblems(repeated)).toContain('item id "gad7_1" is used twice');
    expect(definitionProblems(repeated)).toContain('item "gad7_1" repeats the score 3');
    const selfItem = first(overdoseSelfCheck);
    const options =
      selfItem.kind === 'choice' ? [...selfItem.options, { value: 'yes', label: 'Yes again' }] : [];
    const coded = {
      ...overdoseSelfCheck,
      items: [{ ...selfItem, options }, ...overdoseSelfCheck.items.slice(1)],
    };
    expect(definitionProblems(coded)).toEqual(['item "left_prison" repeats the option yes']);
  });

  it('refuses "not answered" on a scored item, and unscored items in a totalled instrument', () => {
    const item = { ...first(gad7), notAnsweredAllowed: true };
    expect(definitionProblems({ ...gad7, items: [item, ...gad7.items.slice(1)] })).toEqual([
      'scored item "gad7_1" allows "not answered"',
    ]);
    const yesNo: InstrumentItem = { id: 'gad7_extra', number: '8', kind: 'yes_no', text: 'Extra?' };
    expect(definitionProblems({ ...gad7, items: [...gad7.items, yesNo] })).toEqual([
      'item "gad7_extra" has no score but the instrument is totalled',
    ]);
  });

  it('catches an integer item whose min is above its max', () => {
    const item = first(top);
    const broken = item.kind === 'integer' ? { ...item, min: 5, max: 1 } : item;
    expect(definitionProblems({ ...top, items: [broken, ...top.items.slice(1)] })).toEqual([
      'item "top_alcohol_days" has min above max',
    ]);
  });

  it('catches bands with a gap, an overlap, a backwards band or a short end', () => {
    const bands = (list: [number, number][]): InstrumentDefinition => ({
      ...gad7,
      scoring: {
        kind: 'sum',
        bands: list.map(([min, max], i) => ({ id: `b${i}`, label: `B${i}`, min, max })),
      },
    });
    expect(
      definitionProblems(
        bands([
          [0, 4],
          [6, 21],
        ]),
      ),
    ).toEqual(['band "b1" should start at 5']);
    expect(
      definitionProblems(
        bands([
          [0, 4],
          [4, 21],
        ]),
      ),
    ).toEqual(['band "b1" should start at 5']);
    expect(
      definitionProblems(
        bands([
          [0, 4],
          [5, 3],
          [4, 21],
        ]),
      ),
    ).toEqual(['band "b1" ends before it starts']);
    expect(definitionProblems(bands([[0, 20]]))).toEqual(['the bands must end at the highest total, 21']);
  });

  it('catches cut-offs outside the totals and a missing placeholder', () => {
    if (sds.scoring.kind !== 'sum_with_cut_off') throw new Error('SDS has cut-offs');
    const broken: InstrumentDefinition = {
      ...sds,
      scoring: { ...sds.scoring, otherCutOff: 16, placeholder: '[drug]' },
    };
    expect(definitionProblems(broken)).toEqual([
      'cut-off 16 is outside the totals',
      'no item contains the subject placeholder',
    ]);
  });

  it('insists that an unvalidated self-check can raise an urgent alert', () => {
    const silent = {
      ...overdoseSelfCheck,
      alerts: overdoseSelfCheck.alerts.filter((a) => a.level !== 'urgent'),
    };
    expect(definitionProblems(silent)).toEqual(['an unvalidated self-check must have an urgent alert']);
  });

  it('checks every condition against the items and the total', () => {
    const rule = (when: InstrumentDefinition['alerts'][number]['when']): InstrumentDefinition['alerts'] => [
      { id: 'rule', level: 'info', when, forStaff: 'x', forPerson: 'x' },
    ];
    expect(definitionProblems({ ...auditC, alerts: rule([{ kind: 'total_at_least', value: 13 }]) })).toEqual([
      'alert rule: total ≥ 13 is outside the possible totals 0–12',
    ]);
    expect(definitionProblems({ ...auditC, alerts: rule([{ kind: 'total_at_least', value: 0 }]) })).toEqual([
      'alert rule: total ≥ 0 is outside the possible totals 0–12',
    ]);
    expect(definitionProblems({ ...top, alerts: rule([{ kind: 'total_at_least', value: 1 }]) })).toEqual([
      'alert rule: a total condition on an instrument with no total',
    ]);
    expect(definitionProblems({ ...top, alerts: rule([{ kind: 'is_yes', item: 'nope' }]) })).toEqual([
      'alert rule: condition on unknown item "nope"',
    ]);
    expect(
      definitionProblems({ ...top, alerts: rule([{ kind: 'item_at_least', item: 'top_fraud', value: 1 }]) }),
    ).toEqual(['alert rule: item_at_least on "top_fraud", which has no number']);
    expect(
      definitionProblems({ ...top, alerts: rule([{ kind: 'is_yes', item: 'top_alcohol_days' }]) }),
    ).toEqual(['alert rule: is_yes on "top_alcohol_days", which is not a yes/no question']);
    expect(
      definitionProblems({
        ...top,
        alerts: rule([{ kind: 'answer_is', item: 'top_fraud', values: ['yes'] }]),
      }),
    ).toEqual(['alert rule: answer_is on "top_fraud", which has no coded options']);
    const selfCheck = {
      ...overdoseSelfCheck,
      proposedFacts: [
        {
          code: 'INJECTING' as const,
          when: [{ kind: 'answer_is' as const, item: 'injecting', values: ['daily'] }],
          use: 'keyworker_confirms' as const,
          evidence: 'x',
        },
      ],
      advice: [
        { id: 'tip', when: [{ kind: 'item_at_least' as const, item: 'injecting', value: 1 }], text: ['x'] },
      ],
    };
    expect(definitionProblems(selfCheck)).toEqual([
      'fact INJECTING: answer_is on "injecting" names unknown options daily',
      'advice tip: item_at_least on "injecting", which has no number',
    ]);
  });

  it('only lets an action alert ask for another instrument', () => {
    const alerts = auditC.alerts.map((a) => ({ ...a, level: 'urgent' as const }));
    expect(definitionProblems({ ...auditC, alerts })).toEqual([
      'alert audit_c_positive: only an action alert can ask for another instrument',
    ]);
  });
});
