import type { CodedOption, InstrumentDefinition, InstrumentItem } from './definition.ts';
import { selfCheckAdvice } from './overdose-self-check-advice.ts';

/**
 * Our overdose-risk self-check, written by the Harbour project in plain English (reading age about 9). It maps
 * each answer onto the risk factors in drd-risk.md, gives personal harm-reduction advice at once, and, if the
 * person chooses to share it, proposes facts for their keyworker to confirm. It is NOT a validated score: it
 * has no total and nothing it says is presented as a level of risk.
 */

const yes: CodedOption = { value: 'yes', label: 'Yes' };
const no: CodedOption = { value: 'no', label: 'No' };
const notSure: CodedOption = { value: 'not_sure', label: "I'm not sure" };
const howOften: CodedOption[] = [
  { value: 'often', label: 'Yes, most times' },
  { value: 'sometimes', label: 'Sometimes' },
  { value: 'no', label: 'No' },
];

function question(
  id: string,
  number: number,
  text: string,
  options: CodedOption[],
  hint?: string,
): InstrumentItem {
  const item: InstrumentItem = { id, number: String(number), kind: 'choice', text, options };
  return hint === undefined ? item : { ...item, hint };
}

export const overdoseSelfCheck: InstrumentDefinition = {
  id: 'overdose_self_check',
  name: 'Overdose-risk self-check',
  title: 'Overdose-risk self-check',
  version: '2026.1',
  purpose: 'Gives you advice to help you stay safe, based on your answers.',
  instructions:
    'These questions help us give you advice to stay safe. There are no right or wrong answers. ' +
    'Nothing is kept unless you choose to share it.',
  administeredBy: ['self', 'staff'],
  validated: false,
  items: [
    question('left_prison', 1, 'In the last 4 weeks, have you come out of prison or police custody?', [
      yes,
      no,
    ]),
    question('left_hospital', 2, 'In the last 4 weeks, have you come out of hospital?', [
      yes,
      { value: 'yes_early', label: 'Yes, and I left before they said I could go' },
      no,
    ]),
    question(
      'left_treatment',
      3,
      'In the last 4 weeks, have you done a detox, left rehab or stopped your script?',
      [
        { value: 'detox_or_rehab', label: 'Yes, a detox or rehab' },
        { value: 'stopped_script', label: 'Yes, I stopped my methadone or buprenorphine' },
        no,
      ],
      'Your script is methadone or buprenorphine prescribed for you.',
    ),
    question(
      'days_without',
      4,
      'In the last 2 weeks, have you gone 3 days or more without heroin or methadone?',
      [yes, no, notSure],
      'This means any opioid, like heroin, methadone or buprenorphine.',
    ),
    question('alcohol', 5, 'Do you drink alcohol on the same days you use drugs?', howOften),
    question('benzos', 6, "Do you take benzos, like diazepam, 'blues' or street Xanax?", howOften),
    question(
      'gabapentinoids',
      7,
      'Do you take pregabalin or gabapentin?',
      howOften,
      'Pregabalin is also called Lyrica.',
    ),
    question('using_alone', 8, 'Do you use on your own?', [
      { value: 'usually', label: 'Yes, most times' },
      { value: 'sometimes', label: 'Sometimes' },
      { value: 'no', label: 'No, someone is nearly always with me' },
    ]),
    question(
      'overdose',
      9,
      'Have you ever had an overdose?',
      [
        { value: 'last_7_days', label: 'Yes, in the last 7 days' },
        { value: 'last_3_months', label: 'Yes, in the last 3 months' },
        { value: 'last_year', label: 'Yes, in the last year' },
        { value: 'longer_ago', label: 'Yes, more than a year ago' },
        { value: 'never', label: 'No, never' },
      ],
      'An overdose is when you passed out and could not be woken up. ' +
        'Or when someone had to give you naloxone. Think about the last time it happened.',
    ),
    question('injecting', 10, 'Have you injected in the last 4 weeks?', [yes, no]),
    question('breathing', 11, 'Do you have a bad chest or breathing problems, like COPD or asthma?', [
      yes,
      no,
      notSure,
    ]),
    question('liver', 12, 'Do you have liver problems, like hepatitis C?', [yes, no, notSure]),
    question('naloxone', 13, 'Do you have naloxone with you, or where you use?', [
      yes,
      { value: 'out_of_date', label: 'Yes, but it may be out of date or used' },
      no,
      { value: 'dont_know', label: "I don't know what naloxone is" },
    ]),
    question(
      'suicidal_thoughts',
      14,
      'Lately, have you thought about ending your life, or that you would be better off dead?',
      [yes, no, { value: 'rather_not_say', label: "I'd rather not say" }],
    ),
  ],
  scoring: {
    kind: 'none',
    explanation:
      'This self-check is not a validated score and gives no total. It gives advice for each answer. ' +
      'If you choose to share it, your keyworker checks your answers with you.',
  },
  alerts: [
    {
      id: 'recent_overdose',
      level: 'urgent',
      when: [{ kind: 'answer_is', item: 'overdose', values: ['last_7_days'] }],
      forStaff:
        'Overdose-risk self-check: reports an overdose in the last 7 days. Make contact today and follow the ' +
        'non-fatal overdose pathway (dose and co-prescription review, naloxone resupply).',
      forPerson:
        'You had an overdose in the last week. Your risk is high right now. Please talk to someone today. ' +
        'If you feel unwell now, call 999.',
    },
    {
      id: 'suicidal_thoughts',
      level: 'urgent',
      when: [{ kind: 'answer_is', item: 'suicidal_thoughts', values: ['yes'] }],
      forStaff:
        'Overdose-risk self-check: reports recent thoughts of ending their life or being better off dead. ' +
        'A clinician must make contact today and complete a suicide risk review.',
      forPerson:
        'Thank you for telling us. You do not have to cope with this alone. Please talk to someone today. ' +
        'If you are in danger now, call 999.',
    },
    {
      id: 'no_naloxone',
      level: 'action',
      when: [{ kind: 'answer_is', item: 'naloxone', values: ['no', 'out_of_date', 'dont_know'] }],
      forStaff: 'Overdose-risk self-check: no in-date naloxone. Offer a naloxone kit and training.',
      forPerson: 'We can give you a free naloxone kit and show you how to use it.',
    },
  ],
  proposedFacts: [
    {
      code: 'PRISON_RELEASE',
      when: [{ kind: 'answer_is', item: 'left_prison', values: ['yes'] }],
      use: 'keyworker_confirms',
      evidence: 'Says they came out of prison or police custody in the last 4 weeks. Confirm the date.',
    },
    {
      code: 'HOSPITAL_DISCHARGE',
      when: [{ kind: 'answer_is', item: 'left_hospital', values: ['yes', 'yes_early'] }],
      use: 'keyworker_confirms',
      evidence: 'Says they came out of hospital in the last 4 weeks. Confirm the date.',
    },
    {
      code: 'SELF_DISCHARGE',
      when: [{ kind: 'answer_is', item: 'left_hospital', values: ['yes_early'] }],
      use: 'keyworker_confirms',
      evidence: 'Says they left hospital before being discharged.',
    },
    {
      code: 'TOLERANCE_LOSS',
      when: [{ kind: 'answer_is', item: 'left_treatment', values: ['detox_or_rehab'] }],
      use: 'keyworker_confirms',
      evidence: 'Says they did a detox or left rehab in the last 4 weeks. Confirm the date.',
    },
    {
      code: 'OST_EXIT',
      when: [{ kind: 'answer_is', item: 'left_treatment', values: ['stopped_script'] }],
      use: 'keyworker_confirms',
      evidence: 'Says they stopped methadone or buprenorphine in the last 4 weeks. Confirm the date.',
    },
    {
      code: 'TOLERANCE_LOSS',
      when: [{ kind: 'answer_is', item: 'days_without', values: ['yes'] }],
      use: 'keyworker_confirms',
      evidence:
        'Says they went 3 or more days without opioids in the last 2 weeks. Check for missed doses or a detox.',
    },
    {
      code: 'ALCOHOL',
      when: [{ kind: 'answer_is', item: 'alcohol', values: ['often', 'sometimes'] }],
      use: 'keyworker_confirms',
      evidence: 'Says they drink on days they use drugs. Consider an AUDIT-C.',
    },
    {
      code: 'BENZODIAZEPINE',
      when: [{ kind: 'answer_is', item: 'benzos', values: ['often', 'sometimes'] }],
      use: 'keyworker_confirms',
      evidence: 'Says they take benzodiazepines.',
    },
    {
      code: 'GABAPENTINOID',
      when: [{ kind: 'answer_is', item: 'gabapentinoids', values: ['often', 'sometimes'] }],
      use: 'keyworker_confirms',
      evidence: 'Says they take pregabalin or gabapentin.',
    },
    {
      code: 'USING_ALONE',
      when: [{ kind: 'answer_is', item: 'using_alone', values: ['usually'] }],
      use: 'keyworker_confirms',
      evidence: 'Says they usually use alone.',
    },
    {
      code: 'NON_FATAL_OVERDOSE',
      when: [
        {
          kind: 'answer_is',
          item: 'overdose',
          values: ['last_7_days', 'last_3_months', 'last_year', 'longer_ago'],
        },
      ],
      use: 'keyworker_confirms',
      evidence: 'Says they have had an overdose. Record each one with its date.',
    },
    {
      code: 'INJECTING',
      when: [{ kind: 'answer_is', item: 'injecting', values: ['yes'] }],
      use: 'keyworker_confirms',
      evidence: 'Says they injected in the last 4 weeks.',
    },
    {
      code: 'CHRONIC_LUNG_DISEASE',
      when: [{ kind: 'answer_is', item: 'breathing', values: ['yes'] }],
      use: 'keyworker_confirms',
      evidence: 'Says they have a bad chest or breathing problems.',
    },
    {
      code: 'LIVER_DISEASE',
      when: [{ kind: 'answer_is', item: 'liver', values: ['yes'] }],
      use: 'keyworker_confirms',
      evidence: 'Says they have liver problems.',
    },
    {
      code: 'SUICIDALITY',
      when: [{ kind: 'answer_is', item: 'suicidal_thoughts', values: ['yes'] }],
      use: 'keyworker_confirms',
      evidence: 'Says they have recently thought about ending their life or being better off dead.',
    },
  ],
  advice: selfCheckAdvice,
  source:
    'Written by the Harbour project from the risk factors in its drug-related death risk model (drd-risk.md).',
  licence: 'Written by us: no licence restrictions beyond the Harbour project licence.',
  attribution: 'Overdose-risk self-check © the Harbour project.',
};
