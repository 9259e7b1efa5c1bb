import type { InstrumentDefinition, ScoredOption } from './definition.ts';

/** The frequency options of AUDIT questions 3 to 8, the same in the WHO and UK versions. */
export const auditFrequency: ScoredOption[] = [
  { score: 0, label: 'Never' },
  { score: 1, label: 'Less than monthly' },
  { score: 2, label: 'Monthly' },
  { score: 3, label: 'Weekly' },
  { score: 4, label: 'Daily or almost daily' },
];

/** Questions 9 and 10 score 0, 2 or 4: there is no 1 or 3. */
const yesInLastYear: ScoredOption[] = [
  { score: 0, label: 'No' },
  { score: 2, label: 'Yes, but not in the last year' },
  { score: 4, label: 'Yes, during the last year' },
];

const duringLastYear = [
  'How often during the last year have you found that you were not able to stop drinking once you had started?',
  'How often during the last year have you failed to do what was normally expected from you because of drinking?',
  'How often during the last year have you needed a first drink in the morning to get yourself going after a ' +
    'heavy drinking session?',
  'How often during the last year have you had a feeling of guilt or remorse after drinking?',
  'How often during the last year have you been unable to remember what happened the night before because you ' +
    'had been drinking?',
];

/**
 * AUDIT, the WHO's 10-question Alcohol Use Disorders Identification Test (Babor et al. 2001), total 0–40, with
 * the WHO wording ("drinks"). The UK AUDIT-C (units) is a separate definition: its questions 2 and 3 differ.
 */
export const audit: InstrumentDefinition = {
  id: 'audit',
  name: 'AUDIT',
  title: 'Alcohol Use Disorders Identification Test',
  version: '2026.1',
  purpose: 'Identifies hazardous and harmful drinking and possible alcohol dependence.',
  instructions:
    'Because alcohol use can affect your health and can interfere with certain medications and treatments, it ' +
    'is important that we ask some questions about your use of alcohol. Your answers will remain confidential ' +
    'so please be honest.',
  administeredBy: ['self', 'staff'],
  validated: true,
  items: [
    {
      id: 'audit_1',
      number: '1',
      kind: 'scored_choice',
      text: 'How often do you have a drink containing alcohol?',
      options: [
        { score: 0, label: 'Never' },
        { score: 1, label: 'Monthly or less' },
        { score: 2, label: '2 to 4 times a month' },
        { score: 3, label: '2 to 3 times a week' },
        { score: 4, label: '4 or more times a week' },
      ],
    },
    {
      id: 'audit_2',
      number: '2',
      kind: 'scored_choice',
      text: 'How many drinks containing alcohol do you have on a typical day when you are drinking?',
      options: [
        { score: 0, label: '1 or 2' },
        { score: 1, label: '3 or 4' },
        { score: 2, label: '5 or 6' },
        { score: 3, label: '7, 8, or 9' },
        { score: 4, label: '10 or more' },
      ],
    },
    {
      id: 'audit_3',
      number: '3',
      kind: 'scored_choice',
      text: 'How often do you have six or more drinks on one occasion?',
      options: auditFrequency,
    },
    ...duringLastYear.map((text, index) => ({
      id: `audit_${index + 4}`,
      number: String(index + 4),
      kind: 'scored_choice' as const,
      text,
      options: auditFrequency,
    })),
    {
      id: 'audit_9',
      number: '9',
      kind: 'scored_choice',
      text: 'Have you or someone else been injured as a result of your drinking?',
      options: yesInLastYear,
    },
    {
      id: 'audit_10',
      number: '10',
      kind: 'scored_choice',
      text:
        'Has a relative or friend or a doctor or another health worker been concerned about your drinking or ' +
        'suggested you cut down?',
      options: yesInLastYear,
    },
  ],
  scoring: {
    kind: 'sum',
    bands: [
      { id: 'lower_risk', label: 'Lower risk', min: 0, max: 7 },
      { id: 'increasing_risk', label: 'Increasing risk', min: 8, max: 15 },
      { id: 'higher_risk', label: 'Higher risk', min: 16, max: 19 },
      { id: 'possible_dependence', label: 'Possible dependence', min: 20, max: 40 },
    ],
  },
  alerts: [
    {
      // Not in the brief: stopping suddenly when dependent can cause seizures, so dependence needs assessing.
      id: 'audit_possible_dependence',
      level: 'action',
      when: [{ kind: 'total_at_least', value: 20 }],
      forStaff:
        'AUDIT 20 or more: possible alcohol dependence. Arrange a clinical assessment, including withdrawal ' +
        'risk, before any plan to cut down or stop.',
      forPerson:
        'Your answers suggest your body may depend on alcohol. Do not stop drinking suddenly without help: it ' +
        'can be dangerous. We will talk with you about it.',
    },
  ],
  proposedFacts: [
    {
      code: 'ALCOHOL',
      when: [{ kind: 'total_at_least', value: 16 }],
      use: 'in_risk_model',
      evidence: 'AUDIT total 16 or more (harmful drinking in the risk model).',
    },
  ],
  advice: [],
  source:
    'Babor TF, Higgins-Biddle JC, Saunders JB, Monteiro MG. AUDIT: The Alcohol Use Disorders Identification ' +
    'Test. Guidelines for Use in Primary Care. 2nd ed. Geneva: World Health Organization; 2001 ' +
    '(WHO/MSD/MSB/01.6a).',
  licence: 'Public (World Health Organization): may be used and reproduced without permission.',
  attribution: 'AUDIT © World Health Organization 2001.',
};
