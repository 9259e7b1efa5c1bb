import type { InstrumentDefinition, ScoredOption } from './definition.ts';

/** The PHQ-9 and GAD-7 share their published answer options: frequency over the last 2 weeks. */
export const overLastTwoWeeks: ScoredOption[] = [
  { score: 0, label: 'Not at all' },
  { score: 1, label: 'Several days' },
  { score: 2, label: 'More than half the days' },
  { score: 3, label: 'Nearly every day' },
];

/** Attribution printed on the PHQ screeners (PHQ-9, GAD-7). */
export const PHQ_ATTRIBUTION =
  'Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational ' +
  'grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.';

const items = [
  'Little interest or pleasure in doing things',
  'Feeling down, depressed, or hopeless',
  'Trouble falling or staying asleep, or sleeping too much',
  'Feeling tired or having little energy',
  'Poor appetite or overeating',
  'Feeling bad about yourself — or that you are a failure or have let yourself or your family down',
  'Trouble concentrating on things, such as reading the newspaper or watching television',
  'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or ' +
    'restless that you have been moving around a lot more than usual',
  'Thoughts that you would be better off dead or of hurting yourself in some way',
];

/** Patient Health Questionnaire-9 (Kroenke, Spitzer & Williams 2001): depression, 9 items, total 0–27. */
export const phq9: InstrumentDefinition = {
  id: 'phq9',
  name: 'PHQ-9',
  title: 'Patient Health Questionnaire-9',
  version: '2026.1',
  purpose: 'Screens for depression and measures its severity.',
  instructions: 'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
  administeredBy: ['self', 'staff'],
  validated: true,
  items: items.map((text, index) => ({
    id: `phq9_${index + 1}`,
    number: String(index + 1),
    kind: 'scored_choice' as const,
    text,
    options: overLastTwoWeeks,
  })),
  scoring: {
    kind: 'sum',
    bands: [
      { id: 'none_minimal', label: 'None to minimal', min: 0, max: 4 },
      { id: 'mild', label: 'Mild', min: 5, max: 9 },
      { id: 'moderate', label: 'Moderate', min: 10, max: 14 },
      { id: 'moderately_severe', label: 'Moderately severe', min: 15, max: 19 },
      { id: 'severe', label: 'Severe', min: 20, max: 27 },
    ],
  },
  alerts: [
    {
      // health-and-instruments.md: item 9 > 0 is an urgent clinician alert the same day, whatever the total.
      id: 'phq9_item9',
      level: 'urgent',
      when: [{ kind: 'item_at_least', item: 'phq9_9', value: 1 }],
      forStaff:
        'PHQ-9 question 9 (thoughts of being better off dead or of self-harm) was answered above "Not at all". ' +
        'A clinician must contact the person today and complete a suicide risk review.',
      forPerson:
        'Thank you for telling us. Someone from your service will contact you today. ' +
        'If you are in danger now, call 999.',
    },
  ],
  proposedFacts: [
    {
      code: 'SUICIDALITY',
      when: [{ kind: 'item_at_least', item: 'phq9_9', value: 1 }],
      use: 'in_risk_model',
      evidence: 'PHQ-9 question 9 answered above "Not at all".',
    },
  ],
  advice: [],
  source:
    'Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression severity measure. ' +
    'J Gen Intern Med 2001;16:606–13. Wording from the PHQ-9 form at phqscreeners.com.',
  licence: 'Free to use: no permission required to reproduce, translate, display or distribute.',
  attribution: PHQ_ATTRIBUTION,
};
