import type { InstrumentDefinition, ScoredOption } from './definition.ts';

const howOften: ScoredOption[] = [
  { score: 0, label: 'Never or almost never' },
  { score: 1, label: 'Sometimes' },
  { score: 2, label: 'Often' },
  { score: 3, label: 'Always or nearly always' },
];

/** The placeholder in the published items, replaced by the drug asked about (`itemText`). */
export const SDS_PLACEHOLDER = '(named drug)';

/**
 * Severity of Dependence Scale (Gossop et al. 1995): psychological dependence on one named drug, 5 items,
 * total 0–15. Dependence is likely at or above a substance-specific cut-off (health-and-instruments.md).
 */
export const sds: InstrumentDefinition = {
  id: 'sds',
  name: 'SDS',
  title: 'Severity of Dependence Scale',
  version: '2026.1',
  purpose: 'Measures psychological dependence on one named drug.',
  instructions: `These questions are about your use of ${SDS_PLACEHOLDER} during the past year.`,
  administeredBy: ['self', 'staff'],
  validated: true,
  items: [
    {
      id: 'sds_1',
      number: '1',
      kind: 'scored_choice',
      text: `Did you ever think your use of ${SDS_PLACEHOLDER} was out of control?`,
      options: howOften,
    },
    {
      id: 'sds_2',
      number: '2',
      kind: 'scored_choice',
      text: 'Did the prospect of missing a fix (or dose) make you anxious or worried?',
      options: howOften,
    },
    {
      id: 'sds_3',
      number: '3',
      kind: 'scored_choice',
      text: `Did you worry about your use of ${SDS_PLACEHOLDER}?`,
      options: howOften,
    },
    {
      id: 'sds_4',
      number: '4',
      kind: 'scored_choice',
      text: 'Did you wish you could stop?',
      options: howOften,
    },
    {
      id: 'sds_5',
      number: '5',
      kind: 'scored_choice',
      text: `How difficult did you find it to stop, or go without ${SDS_PLACEHOLDER}?`,
      options: [
        { score: 0, label: 'Not difficult' },
        { score: 1, label: 'Quite difficult' },
        { score: 2, label: 'Very difficult' },
        { score: 3, label: 'Impossible' },
      ],
    },
  ],
  scoring: {
    kind: 'sum_with_cut_off',
    placeholder: SDS_PLACEHOLDER,
    subjects: [
      {
        value: 'heroin',
        label: 'heroin',
        cutOff: 3,
        source: 'González-Sáiz F et al. Eur Addict Res 2009;15:87–93 (a score of 3 or more).',
      },
      {
        value: 'cocaine',
        label: 'cocaine',
        cutOff: 4,
        source:
          'González-Sáiz F et al. Eur Addict Res 2009;15:87–93 (4 or more). Kaye & Darke, Addiction ' +
          '2002;97:727–31, found 3 or more; a service may configure 3.',
      },
      {
        value: 'amphetamine',
        label: 'amphetamine',
        cutOff: 5,
        source: 'Topp L, Mattick RP. Addiction 1997;92:839–45 (a score greater than 4).',
      },
    ],
    // No published cut-off: default to the lowest one above (3), so that nobody is missed; configurable.
    otherCutOff: 3,
    atOrAbove: { id: 'dependence_likely', label: 'Dependence likely' },
    below: { id: 'below_cut_off', label: 'Below the cut-off for dependence' },
  },
  alerts: [],
  proposedFacts: [],
  advice: [],
  source:
    'Gossop M, Darke S, Griffiths P, et al. The Severity of Dependence Scale (SDS): psychometric properties of ' +
    'the SDS in English and Australian samples of heroin, cocaine and amphetamine users. Addiction ' +
    '1995;90:607–14.',
  licence: 'Free for non-commercial clinical use.',
  attribution:
    'Severity of Dependence Scale © Gossop et al. 1995. Used for non-commercial clinical purposes.',
};
