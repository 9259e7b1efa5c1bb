import { describe, expect, it } from 'vitest';
import { assigneeKindLabels, assigneeKinds } from './assignee.ts';
import {
  closingEvents,
  outcomeAllowed,
  taskKindCatalogue,
  taskKindDefinition,
  taskKindLabels,
  taskKinds,
} from './kinds.ts';
import { taskRule, taskRuleIds, windowLastDay } from './rules.ts';
import { cancelReasonLabels, cancelReasons, taskOutcomeCatalogue, taskOutcomes } from './vocabulary.ts';

describe('the task kind catalogue', () => {
  it('gives every kind a label, an assignee, at least one outcome and known closing events', () => {
    for (const kind of taskKinds) {
      const d = taskKindDefinition(kind);
      expect(taskKindLabels[kind]).toBe(d.label);
      expect(d.label).toMatch(/^[A-Z]/);
      expect(assigneeKinds).toContain(d.assignee);
      expect(d.outcomes.length).toBeGreaterThan(0);
      for (const c of d.closedBy) expect(closingEvents).toContain(c.on);
    }
  });

  it('has the kinds other issues will open, ready to use', () => {
    expect(taskKinds).toEqual(
      expect.arrayContaining([
        'missed_dose_review',
        'reengagement',
        'self_assessment_contact',
        'contact_request',
        'missed_booking_outreach',
      ]),
    );
    expect(taskKindCatalogue.contact_request.subject).toBe('anonymous');
  });

  it('allows only a kind’s own outcomes', () => {
    expect(outcomeAllowed('release_contact', 'contacted')).toBe(true);
    expect(outcomeAllowed('release_contact', 'naloxone_supplied')).toBe(false);
  });

  it('labels every outcome, cancel reason and assignee', () => {
    for (const o of taskOutcomes) expect(taskOutcomeCatalogue[o].label).toMatch(/\w/);
    for (const r of cancelReasons) expect(cancelReasonLabels[r]).toMatch(/\w/);
    for (const a of assigneeKinds) expect(assigneeKindLabels[a]).toMatch(/\w/);
  });
});

describe('the task rule catalogue', () => {
  it('names a known kind for each rule, with a basis and words for the list', () => {
    for (const ruleId of taskRuleIds) {
      const rule = taskRule(ruleId);
      expect(taskKinds).toContain(rule.kind);
      expect(rule.basis.length).toBeGreaterThan(10);
      expect(rule.why).toContain('{date}');
    }
  });

  it('reads each rule’s window from the risk model, so tasks follow the model version', () => {
    expect(windowLastDay({ factor: 'PRISON_RELEASE', part: 'override' })).toBe(14);
    expect(windowLastDay({ factor: 'PRISON_RELEASE', part: 'whole' })).toBe(84);
    expect(windowLastDay({ factor: 'SELF_DISCHARGE', part: 'whole' })).toBe(28);
    expect(windowLastDay({ factor: 'METHADONE_INDUCTION', part: 'whole' })).toBe(14);
    expect(windowLastDay(null)).toBeNull();
    for (const ruleId of taskRuleIds) expect(() => windowLastDay(taskRule(ruleId).window)).not.toThrow();
  });

  it('refuses a window the risk model does not have', () => {
    expect(() => windowLastDay({ factor: 'SELF_DISCHARGE', part: 'override' })).toThrow(RangeError);
    expect(() => windowLastDay({ factor: 'MALE', part: 'whole' })).toThrow(RangeError);
  });
});
