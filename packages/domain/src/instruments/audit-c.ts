import { auditFrequency } from './audit.ts';
import type { InstrumentDefinition } from './definition.ts';

/**
 * AUDIT-C, the UK version (units), as published by the Office for Health Improvement and Disparities in
 * "Alcohol use screening tests": the first three AUDIT questions, total 0–12. A total of 5 or more is a
 * positive screen: the full AUDIT follows.
 */
export const auditC: InstrumentDefinition = {
  id: 'audit_c',
  name: 'AUDIT-C',
  title: 'Alcohol Use Disorders Identification Test – Consumption (UK version)',
  version: '2026.1',
  purpose:
    'A short screen for increasing and higher risk drinking; a positive screen leads to the full AUDIT.',
  instructions:
    'These questions are about units of alcohol. One unit is, for example, half a pint of regular beer, ' +
    'lager or cider, or a single 25 ml measure of spirits. A pint of regular beer, or a 175 ml glass of ' +
    'wine, is about 2 units.',
  administeredBy: ['self', 'staff'],
  validated: true,
  items: [
    {
      id: 'audit_c_1',
      number: '1',
      kind: 'scored_choice',
      text: 'How often do you have a drink containing alcohol?',
      options: [
        { score: 0, label: 'Never' },
        { score: 1, label: 'Monthly or less' },
        { score: 2, label: '2 to 4 times per month' },
        { score: 3, label: '2 to 3 times per week' },
        { score: 4, label: '4 times or more per week' },
      ],
    },
    {
      id: 'audit_c_2',
      number: '2',
      kind: 'scored_choice',
      text: 'How many units of alcohol do you drink on a typical day when you are drinking?',
      options: [
        { score: 0, label: '0 to 2' },
        { score: 1, label: '3 to 4' },
        { score: 2, label: '5 to 6' },
        { score: 3, label: '7 to 9' },
        { score: 4, label: '10 or more' },
      ],
    },
    {
      id: 'audit_c_3',
      number: '3',
      kind: 'scored_choice',
      text: 'How often have you had 6 or more units if female, or 8 or more if male, on a single occasion in the last year?',
      options: auditFrequency,
    },
  ],
  scoring: {
    kind: 'sum',
    bands: [
      { id: 'lower_risk', label: 'Lower risk', min: 0, max: 4 },
      { id: 'increasing_risk', label: 'Increasing risk', min: 5, max: 7 },
      { id: 'higher_risk', label: 'Higher risk', min: 8, max: 10 },
      { id: 'possible_dependence', label: 'Possible dependence', min: 11, max: 12 },
    ],
  },
  alerts: [
    {
      id: 'audit_c_positive',
      level: 'action',
      when: [{ kind: 'total_at_least', value: 5 }],
      followUp: 'audit',
      forStaff: 'AUDIT-C 5 or more: a positive screen. Complete the full AUDIT.',
      forPerson: 'Thank you. We have a few more questions about drinking for you.',
    },
  ],
  proposedFacts: [
    {
      code: 'ALCOHOL',
      when: [{ kind: 'total_at_least', value: 8 }],
      use: 'in_risk_model',
      evidence: 'AUDIT-C total 8 or more (harmful drinking in the risk model).',
    },
  ],
  advice: [],
  source:
    'Office for Health Improvement and Disparities. Alcohol use disorders identification test for consumption ' +
    '(AUDIT C), in "Alcohol use screening tests" (gov.uk), adapted from the WHO AUDIT (Babor et al. 2001).',
  licence: 'Crown copyright, Open Government Licence v3.0.',
  attribution:
    'Contains public sector information licensed under the Open Government Licence v3.0. Adapted from AUDIT ' +
    '© World Health Organization.',
};
