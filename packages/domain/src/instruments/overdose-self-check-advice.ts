import type { AdviceRule } from './definition.ts';

/**
 * The self-check's personal advice, in the order it is shown. Plain English for a reading age of about 9:
 * short sentences, everyday words, spoken to "you" (workflows.md "The self-check portal"). Every answer that
 * raises a risk has advice; the naloxone information is shown to everyone.
 */
export const selfCheckAdvice: AdviceRule[] = [
  {
    id: 'recent_overdose',
    when: [{ kind: 'answer_is', item: 'overdose', values: ['last_7_days'] }],
    text: [
      'You had an overdose in the last week.',
      'Your risk is very high right now.',
      'Please talk to someone today.',
    ],
  },
  {
    id: 'suicidal_thoughts',
    when: [{ kind: 'answer_is', item: 'suicidal_thoughts', values: ['yes'] }],
    text: [
      'Thank you for telling us.',
      'You do not have to cope alone.',
      'You can call Samaritans free on 116 123, day or night.',
      'If you are in danger now, call 999.',
    ],
  },
  {
    id: 'tolerance',
    when: [
      { kind: 'answer_is', item: 'left_prison', values: ['yes'] },
      { kind: 'answer_is', item: 'left_hospital', values: ['yes', 'yes_early'] },
      { kind: 'answer_is', item: 'left_treatment', values: ['detox_or_rehab', 'stopped_script'] },
      { kind: 'answer_is', item: 'days_without', values: ['yes', 'not_sure'] },
    ],
    text: [
      "Your body can't handle as much after time away.",
      'Start with a much smaller amount.',
      'Go slowly. Wait to feel it before you take more.',
    ],
  },
  {
    id: 'after_prison',
    when: [{ kind: 'answer_is', item: 'left_prison', values: ['yes'] }],
    text: ['The first 2 weeks out of prison are the most risky time.', 'Carry naloxone with you.'],
  },
  {
    id: 'after_hospital',
    when: [{ kind: 'answer_is', item: 'left_hospital', values: ['yes', 'yes_early'] }],
    text: [
      'New medicines from hospital can mix badly with drugs.',
      'Ask a pharmacist or your keyworker about them.',
    ],
  },
  {
    id: 'left_hospital_early',
    when: [{ kind: 'answer_is', item: 'left_hospital', values: ['yes_early'] }],
    text: ['You may still be unwell.', 'You can go back to hospital.', 'Call NHS 111 if you are not sure.'],
  },
  {
    id: 'stopped_script',
    when: [{ kind: 'answer_is', item: 'left_treatment', values: ['stopped_script'] }],
    text: ['Without your script, your body soon handles less.', 'You can ask to start your script again.'],
  },
  {
    id: 'alcohol',
    when: [{ kind: 'answer_is', item: 'alcohol', values: ['often', 'sometimes'] }],
    text: [
      'Alcohol and opioids together slow your breathing.',
      'Try not to drink on days you use.',
      'If you do, use less and go slowly.',
    ],
  },
  {
    id: 'benzos',
    when: [{ kind: 'answer_is', item: 'benzos', values: ['often', 'sometimes'] }],
    text: [
      'Benzos and opioids together can stop your breathing.',
      'Street benzos can be much stronger than you think.',
      'Use less, and leave time between them.',
    ],
  },
  {
    id: 'gabapentinoids',
    when: [{ kind: 'answer_is', item: 'gabapentinoids', values: ['often', 'sometimes'] }],
    text: [
      'Pregabalin or gabapentin with opioids can stop your breathing.',
      'Only take what is prescribed for you.',
      'Use less opioid on days you take them.',
    ],
  },
  {
    id: 'using_alone',
    when: [{ kind: 'answer_is', item: 'using_alone', values: ['usually', 'sometimes'] }],
    text: [
      'If you use alone, nobody can help if you overdose.',
      'Try to use with someone you trust. Take turns, so one of you is always awake.',
      'If you do use alone, ask someone to check on you.',
    ],
  },
  {
    id: 'overdose_before',
    when: [
      {
        kind: 'answer_is',
        item: 'overdose',
        values: ['last_7_days', 'last_3_months', 'last_year', 'longer_ago'],
      },
    ],
    text: [
      'One overdose makes another more likely.',
      'Keep naloxone with you.',
      'Show the people you use with where it is.',
    ],
  },
  {
    id: 'injecting',
    when: [{ kind: 'answer_is', item: 'injecting', values: ['yes'] }],
    text: [
      'Use a new needle and new kit every time.',
      'Never share, not even spoons, water or filters.',
      'Try a small test amount first.',
      'Smoking is safer than injecting.',
      'You can get free kit at a needle exchange.',
    ],
  },
  {
    id: 'breathing',
    when: [{ kind: 'answer_is', item: 'breathing', values: ['yes'] }],
    text: [
      'Opioids slow your breathing.',
      'With a bad chest, this is more dangerous.',
      'Use less, and try not to use alone.',
      'Ask us about a free chest check.',
    ],
  },
  {
    id: 'breathing_check',
    when: [{ kind: 'answer_is', item: 'breathing', values: ['not_sure'] }],
    text: ['Do you cough a lot, or get out of breath?', 'Ask us for a free chest check.'],
  },
  {
    id: 'liver',
    when: [{ kind: 'answer_is', item: 'liver', values: ['yes'] }],
    text: [
      'If your liver is not well, drugs and alcohol stay in your body longer.',
      'Use less.',
      'Hep C can be cured with tablets. Ask us about it.',
    ],
  },
  {
    id: 'liver_test',
    when: [{ kind: 'answer_is', item: 'liver', values: ['not_sure'] }],
    text: ['You can have a free test for hep C and your liver.', 'Hep C can be cured with tablets.'],
  },
  {
    id: 'naloxone_held',
    when: [{ kind: 'answer_is', item: 'naloxone', values: ['yes'] }],
    text: [
      'Good. Keep your naloxone where you use.',
      'Tell people where it is.',
      'Check the date on the box.',
    ],
  },
  {
    id: 'naloxone_replace',
    when: [{ kind: 'answer_is', item: 'naloxone', values: ['out_of_date'] }],
    text: [
      'Your naloxone may not work if it is out of date.',
      'Get a new kit for free from us, a needle exchange or a pharmacy.',
    ],
  },
  {
    id: 'naloxone_get',
    when: [{ kind: 'answer_is', item: 'naloxone', values: ['no', 'dont_know'] }],
    text: ['Naloxone is free.', 'Ask us, a needle exchange or a pharmacy for a kit.', 'Carry it with you.'],
  },
  {
    id: 'samaritans',
    when: [{ kind: 'answer_is', item: 'suicidal_thoughts', values: ['rather_not_say'] }],
    text: [
      'If you ever think about ending your life, please call Samaritans.',
      'It is free on 116 123, day or night.',
    ],
  },
  {
    // The naloxone question is always answered, so everyone gets this.
    id: 'naloxone_information',
    when: [{ kind: 'answer_is', item: 'naloxone', values: ['yes', 'out_of_date', 'no', 'dont_know'] }],
    text: [
      'Naloxone can bring someone back from an opioid overdose for a short time.',
      'It comes as an injection or a nose spray.',
      'If you find someone who will not wake up, call 999.',
      'Give them naloxone and put them on their side.',
      'Stay with them. Naloxone wears off, so they still need an ambulance.',
    ],
  },
];
