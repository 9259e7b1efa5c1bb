import type { InstrumentDefinition } from './definition.ts';
import { overLastTwoWeeks, PHQ_ATTRIBUTION } from './phq9.ts';

const items = [
  'Feeling nervous, anxious, or on edge',
  'Not being able to stop or control worrying',
  'Worrying too much about different things',
  'Trouble relaxing',
  'Being so restless that it is hard to sit still',
  'Becoming easily annoyed or irritable',
  'Feeling afraid, as if something awful might happen',
];

/** Generalised Anxiety Disorder-7 (Spitzer et al. 2006): anxiety, 7 items, total 0–21. */
export const gad7: InstrumentDefinition = {
  id: 'gad7',
  name: 'GAD-7',
  title: 'Generalised Anxiety Disorder Assessment-7',
  version: '2026.1',
  purpose: 'Screens for generalised anxiety disorder and measures its severity.',
  instructions: 'Over the last 2 weeks, how often have you been bothered by the following problems?',
  administeredBy: ['self', 'staff'],
  validated: true,
  items: items.map((text, index) => ({
    id: `gad7_${index + 1}`,
    number: String(index + 1),
    kind: 'scored_choice' as const,
    text,
    options: overLastTwoWeeks,
  })),
  scoring: {
    kind: 'sum',
    bands: [
      { id: 'minimal', label: 'Minimal', min: 0, max: 4 },
      { id: 'mild', label: 'Mild', min: 5, max: 9 },
      { id: 'moderate', label: 'Moderate', min: 10, max: 14 },
      { id: 'severe', label: 'Severe', min: 15, max: 21 },
    ],
  },
  // The brief sets no GAD-7 alert; anxiety alone does not trigger urgent contact. Bands guide the keyworker.
  alerts: [],
  proposedFacts: [],
  advice: [],
  source:
    'Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for assessing generalized anxiety disorder: ' +
    'the GAD-7. Arch Intern Med 2006;166:1092–7. Wording from the GAD-7 form at phqscreeners.com.',
  licence: 'Free to use: no permission required to reproduce, translate, display or distribute.',
  attribution: PHQ_ATTRIBUTION,
};
