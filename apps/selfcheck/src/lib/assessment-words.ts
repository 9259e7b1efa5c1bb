import type { InstrumentId } from '@harbour/domain/instruments/definition';

/**
 * The plain-English words the portal uses for each instrument (reading age about 9): what it is called on the
 * portal, and what its score is about. The published name (PHQ-9…) is shown too, beside these words. The
 * questions themselves are always the published wording, from the domain's definitions.
 */
export interface InstrumentWords {
  /** The link text and page heading. */
  title: string;
  /** One sentence: what the questions are about. */
  about: string;
  /** What a higher score means, for instruments with a score. */
  scoreMeans: string | null;
}

export const instrumentWords: Readonly<Record<InstrumentId, InstrumentWords>> = {
  phq9: {
    title: 'How you have been feeling',
    about: 'These questions are about your mood over the last 2 weeks.',
    scoreMeans: 'A higher score means more signs of low mood (depression).',
  },
  gad7: {
    title: 'Worry and feeling anxious',
    about: 'These questions are about worry and feeling nervous over the last 2 weeks.',
    scoreMeans: 'A higher score means more signs of anxiety.',
  },
  audit_c: {
    title: 'Your drinking: 3 short questions',
    about: 'These questions are about how much alcohol you drink.',
    scoreMeans: 'A higher score means your drinking is more likely to harm your health.',
  },
  audit: {
    title: 'Your drinking: 10 questions',
    about: 'These questions are about how much you drink and how it affects you.',
    scoreMeans: 'A higher score means your drinking is more likely to harm your health.',
  },
  sds: {
    title: 'How much you depend on a drug',
    about: 'These questions are about how much you feel you need a drug, over the past year.',
    scoreMeans: 'A higher score means you may depend on the drug more.',
  },
  overdose_self_check: {
    title: 'Check your risk of overdose',
    about: 'These questions help us give you tips to stay safe.',
    scoreMeans: null,
  },
  top: {
    title: 'Treatment Outcomes Profile',
    about: 'You do this with your keyworker.',
    scoreMeans: null,
  },
};

/** "5 out of 27" for a total in its range. */
export function scoreWords(total: number, range: { min: number; max: number } | null): string {
  return range === null ? String(total) : `${total} out of ${range.max}`;
}
