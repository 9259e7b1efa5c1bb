import { describe, expect, it } from 'vitest';
import { instruments } from './registry.ts';

/**
 * The published wording, copied independently of the definitions so that any edit to an item or option shows up
 * here (hazard log HAZ-HLT-004). Sources are in each definition and docs/instruments.md.
 */
const texts = (id: keyof typeof instruments): string[] => instruments[id].items.map((item) => item.text);
const labels = (id: keyof typeof instruments, itemIndex: number): string[] => {
  const item = instruments[id].items[itemIndex];
  return item !== undefined && item.kind === 'scored_choice'
    ? item.options.map((o) => `${o.score} ${o.label}`)
    : [];
};

describe('published wording', () => {
  it('reproduces the PHQ-9 items, stem and answer options', () => {
    expect(instruments.phq9.instructions).toBe(
      'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
    );
    expect(texts('phq9')).toEqual([
      'Little interest or pleasure in doing things',
      'Feeling down, depressed, or hopeless',
      'Trouble falling or staying asleep, or sleeping too much',
      'Feeling tired or having little energy',
      'Poor appetite or overeating',
      'Feeling bad about yourself — or that you are a failure or have let yourself or your family down',
      'Trouble concentrating on things, such as reading the newspaper or watching television',
      'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual',
      'Thoughts that you would be better off dead or of hurting yourself in some way',
    ]);
    for (let i = 0; i < 9; i++) {
      expect(labels('phq9', i)).toEqual([
        '0 Not at all',
        '1 Several days',
        '2 More than half the days',
        '3 Nearly every day',
      ]);
    }
  });

  it('reproduces the GAD-7 items, stem and answer options', () => {
    expect(instruments.gad7.instructions).toBe(
      'Over the last 2 weeks, how often have you been bothered by the following problems?',
    );
    expect(texts('gad7')).toEqual([
      'Feeling nervous, anxious, or on edge',
      'Not being able to stop or control worrying',
      'Worrying too much about different things',
      'Trouble relaxing',
      'Being so restless that it is hard to sit still',
      'Becoming easily annoyed or irritable',
      'Feeling afraid, as if something awful might happen',
    ]);
    for (let i = 0; i < 7; i++) {
      expect(labels('gad7', i)).toEqual([
        '0 Not at all',
        '1 Several days',
        '2 More than half the days',
        '3 Nearly every day',
      ]);
    }
  });

  it('reproduces the WHO AUDIT items and answer options', () => {
    expect(texts('audit')).toEqual([
      'How often do you have a drink containing alcohol?',
      'How many drinks containing alcohol do you have on a typical day when you are drinking?',
      'How often do you have six or more drinks on one occasion?',
      'How often during the last year have you found that you were not able to stop drinking once you had started?',
      'How often during the last year have you failed to do what was normally expected from you because of drinking?',
      'How often during the last year have you needed a first drink in the morning to get yourself going after a heavy drinking session?',
      'How often during the last year have you had a feeling of guilt or remorse after drinking?',
      'How often during the last year have you been unable to remember what happened the night before because you had been drinking?',
      'Have you or someone else been injured as a result of your drinking?',
      'Has a relative or friend or a doctor or another health worker been concerned about your drinking or suggested you cut down?',
    ]);
    expect(labels('audit', 0)).toEqual([
      '0 Never',
      '1 Monthly or less',
      '2 2 to 4 times a month',
      '3 2 to 3 times a week',
      '4 4 or more times a week',
    ]);
    expect(labels('audit', 1)).toEqual(['0 1 or 2', '1 3 or 4', '2 5 or 6', '3 7, 8, or 9', '4 10 or more']);
    for (let i = 2; i < 8; i++) {
      expect(labels('audit', i)).toEqual([
        '0 Never',
        '1 Less than monthly',
        '2 Monthly',
        '3 Weekly',
        '4 Daily or almost daily',
      ]);
    }
    for (const i of [8, 9]) {
      expect(labels('audit', i)).toEqual([
        '0 No',
        '2 Yes, but not in the last year',
        '4 Yes, during the last year',
      ]);
    }
  });

  it('reproduces the UK AUDIT-C items and answer options, in units', () => {
    expect(texts('audit_c')).toEqual([
      'How often do you have a drink containing alcohol?',
      'How many units of alcohol do you drink on a typical day when you are drinking?',
      'How often have you had 6 or more units if female, or 8 or more if male, on a single occasion in the last year?',
    ]);
    expect(labels('audit_c', 0)).toEqual([
      '0 Never',
      '1 Monthly or less',
      '2 2 to 4 times per month',
      '3 2 to 3 times per week',
      '4 4 times or more per week',
    ]);
    expect(labels('audit_c', 1)).toEqual(['0 0 to 2', '1 3 to 4', '2 5 to 6', '3 7 to 9', '4 10 or more']);
    expect(labels('audit_c', 2)).toEqual([
      '0 Never',
      '1 Less than monthly',
      '2 Monthly',
      '3 Weekly',
      '4 Daily or almost daily',
    ]);
  });

  it('reproduces the SDS items and answer options', () => {
    expect(texts('sds')).toEqual([
      'Did you ever think your use of (named drug) was out of control?',
      'Did the prospect of missing a fix (or dose) make you anxious or worried?',
      'Did you worry about your use of (named drug)?',
      'Did you wish you could stop?',
      'How difficult did you find it to stop, or go without (named drug)?',
    ]);
    for (let i = 0; i < 4; i++) {
      expect(labels('sds', i)).toEqual([
        '0 Never or almost never',
        '1 Sometimes',
        '2 Often',
        '3 Always or nearly always',
      ]);
    }
    expect(labels('sds', 4)).toEqual([
      '0 Not difficult',
      '1 Quite difficult',
      '2 Very difficult',
      '3 Impossible',
    ]);
  });
});
