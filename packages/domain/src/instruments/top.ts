import type { InstrumentDefinition, InstrumentItem } from './definition.ts';

/** The TOP's published rule for every field: "Use NA only if information is not disclosed or not answered". */
const NA = { notAnsweredAllowed: true } as const;

const SUBSTANCE = 'Section 1: Substance use';
const INJECTING = 'Section 2: Injecting risk behaviour';
const CRIME = 'Section 3: Crime';
const HEALTH = 'Section 4: Health and social functioning';

function days(id: string, number: string, section: string, text: string, hint?: string): InstrumentItem {
  const item: InstrumentItem = {
    id,
    number,
    section,
    kind: 'integer',
    unit: 'days',
    min: 0,
    max: 28,
    text,
    ...NA,
  };
  return hint === undefined ? item : { ...item, hint };
}

function yesNo(id: string, number: string, section: string, text: string): InstrumentItem {
  return { id, number, section, kind: 'yes_no', text, ...NA };
}

function rating(id: string, number: string, text: string, hint: string): InstrumentItem {
  return {
    id,
    number,
    section: HEALTH,
    kind: 'integer',
    unit: 'rating',
    min: 0,
    max: 20,
    anchors: { low: 'Poor', high: 'Good' },
    text,
    hint,
    ...NA,
  };
}

/**
 * Treatment Outcomes Profile (Marsden et al. 2008): England's national outcome form, completed with the
 * keyworker at the start of treatment, at reviews and at exit. Everything is recalled over the past four weeks
 * (28 days). It has no total and no cut-offs. A self-check version may only pre-fill it for the keyworker to
 * confirm, so it is staff-administered here.
 */
export const top: InstrumentDefinition = {
  id: 'top',
  name: 'TOP',
  title: 'Treatment Outcomes Profile',
  version: '2026.1',
  purpose:
    'Tracks outcomes of drug treatment over time: substance use, injecting, crime, health and wellbeing.',
  instructions:
    'Ask about the past four weeks (28 days). Use "not answered" only if the information is not disclosed or ' +
    'not answered.',
  administeredBy: ['staff'],
  validated: true,
  items: [
    days('top_alcohol_days', '1a', SUBSTANCE, 'Alcohol: days used in the past four weeks'),
    days(
      'top_opiates_days',
      '1b',
      SUBSTANCE,
      'Opiates/opioids (illicit): days used in the past four weeks',
      'Includes street heroin and any non-prescribed opioid, such as methadone and buprenorphine.',
    ),
    days('top_crack_days', '1c', SUBSTANCE, 'Crack: days used in the past four weeks'),
    days('top_cocaine_days', '1d', SUBSTANCE, 'Cocaine: days used in the past four weeks'),
    days('top_amphetamines_days', '1e', SUBSTANCE, 'Amphetamines: days used in the past four weeks'),
    days('top_cannabis_days', '1f', SUBSTANCE, 'Cannabis: days used in the past four weeks'),
    days('top_other_days', '1g', SUBSTANCE, 'Other problem substance: days used in the past four weeks'),
    days(
      'top_tobacco_days',
      '1h',
      SUBSTANCE,
      'Tobacco: days used in the past four weeks',
      'Includes ready-made and hand-rolled cigarettes, cannabis joints with tobacco, cigars, pipe tobacco, ' +
        'shisha/waterpipes, etc. Not nicotine replacement therapy or e-cigarettes.',
    ),
    days(
      'top_injected_days',
      '2a',
      INJECTING,
      'Injected: days the client injected non-prescribed drugs in the past four weeks',
    ),
    yesNo('top_shared_needle', '2b', INJECTING, 'Inject with needle or syringe used by someone else?'),
    yesNo(
      'top_shared_paraphernalia',
      '2c',
      INJECTING,
      'Inject using a spoon, water or filter used by someone else?',
    ),
    days('top_shoplifting_days', '3a', CRIME, 'Shoplifting: days in the past four weeks'),
    days('top_drug_selling_days', '3b', CRIME, 'Drug selling: days in the past four weeks'),
    yesNo('top_vehicle_theft', '3c', CRIME, 'Theft from or of a vehicle'),
    yesNo('top_property_theft', '3d', CRIME, 'Other property theft or burglary'),
    yesNo('top_fraud', '3e', CRIME, 'Fraud, forgery and handling stolen goods'),
    yesNo('top_violence', '3f', CRIME, 'Committing assault or violence'),
    rating(
      'top_psychological_health',
      '4a',
      "Client's rating: psychological health status",
      'Anxiety, depression and problem emotions and feelings. 0 is poor, 20 is good.',
    ),
    days('top_paid_work_days', '4b', HEALTH, 'Days in paid work in the past four weeks'),
    days('top_education_days', '4c', HEALTH, 'Days attending college or school in the past four weeks'),
    rating(
      'top_physical_health',
      '4d',
      "Client's rating: physical health status",
      'Extent of physical symptoms and bothered by illness. 0 is poor, 20 is good.',
    ),
    yesNo('top_acute_housing_problem', '4e', HEALTH, 'Acute housing problem'),
    yesNo('top_eviction_risk', '4f', HEALTH, 'At risk of eviction'),
    rating(
      'top_quality_of_life',
      '4g',
      "Client's rating: overall quality of life",
      'Able to enjoy life, gets on with family and partner, etc. 0 is poor, 20 is good.',
    ),
  ],
  scoring: {
    kind: 'none',
    explanation:
      'The TOP has no total and no cut-offs. It records outcomes at the start of treatment, at reviews and at ' +
      'exit, so change can be tracked over time.',
  },
  alerts: [
    {
      id: 'top_shared_equipment',
      level: 'action',
      when: [
        { kind: 'is_yes', item: 'top_shared_needle' },
        { kind: 'is_yes', item: 'top_shared_paraphernalia' },
      ],
      forStaff:
        'Shared injecting equipment in the past four weeks: offer blood-borne virus tests, hepatitis B ' +
        'vaccination, new injecting equipment and safer injecting advice.',
      forPerson: 'Your keyworker will talk with you about free tests, vaccines and new injecting kit.',
    },
  ],
  proposedFacts: [
    {
      code: 'INJECTING',
      when: [{ kind: 'item_at_least', item: 'top_injected_days', value: 1 }],
      use: 'keyworker_confirms',
      evidence: 'TOP: injected on at least one day in the past four weeks.',
    },
    {
      code: 'HOMELESS',
      when: [{ kind: 'is_yes', item: 'top_acute_housing_problem' }],
      use: 'keyworker_confirms',
      evidence: 'TOP: acute housing problem in the past four weeks.',
    },
  ],
  advice: [],
  source:
    'Marsden J, Farrell M, Bradbury C, et al. Development of the Treatment Outcomes Profile. Addiction ' +
    '2008;103:1450–60. Fields from the Treatment Outcomes Profile form (National Treatment Agency for ' +
    'Substance Misuse; now the Office for Health Improvement and Disparities) used for NDTMS returns.',
  licence: 'Crown copyright. Published for use by drug treatment services reporting to NDTMS in England.',
  attribution: 'Treatment Outcomes Profile © Crown copyright. Developed for the National Treatment Agency.',
};
