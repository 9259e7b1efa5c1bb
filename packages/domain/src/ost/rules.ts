import { z } from 'zod';

/**
 * The catalogue of OST safety rules. Every finding names one of these ids and the source it rests on, so a
 * refusal or warning shown to a prescriber (and kept in the audit trail) can be traced to the guideline, the
 * product information or our own brief. docs/ost-rules.md describes each rule; a test keeps the two in step.
 */
export const ruleSources = [
  'Orange Book 2017',
  'ost.md',
  'drd-risk.md',
  'product information (Buvidal SmPC)',
  'product information (buprenorphine SmPC)',
  'Misuse of Drugs Regulations 2001',
  'Home Office instalment wording',
] as const;
export const RuleSource = z.enum(ruleSources);
export type RuleSource = z.infer<typeof RuleSource>;

interface RuleEntry {
  title: string;
  source: RuleSource;
}

/** Rule id → what it checks and where the rule comes from. Ids are stable: never reuse or rename one. */
export const ostRules = {
  'OST-METH-START-RANGE': { title: 'Methadone start dose 10–30 mg', source: 'Orange Book 2017' },
  'OST-METH-START-SEDATIVES': {
    title: 'Methadone start ≤ 20 mg with sedatives, alcohol or uncertain tolerance',
    source: 'Orange Book 2017',
  },
  'OST-METH-TITRATION-STEP': {
    title: 'No single methadone increase above 10 mg in the first two weeks',
    source: 'Orange Book 2017',
  },
  'OST-METH-TITRATION-WEEK': {
    title: 'At most 30 mg of methadone increases in any 7 consecutive days of induction',
    source: 'Orange Book 2017',
  },
  'OST-METH-POST-INDUCTION-INCREASE': {
    title: 'After induction, a methadone increase above 10 mg in one change or 30 mg in 7 days',
    source: 'ost.md',
  },
  'OST-METH-MAINTENANCE-RANGE': {
    title: 'Methadone usual maintenance 60–120 mg',
    source: 'Orange Book 2017',
  },
  'OST-ECG-QTC': {
    title: 'ECG (QTc) check above the methadone threshold or with QT-prolonging co-medication',
    source: 'Orange Book 2017',
  },
  'OST-COPRESCRIBED-SEDATIVE': {
    title: 'Benzodiazepine, gabapentinoid or Z-drug co-prescription',
    source: 'drd-risk.md',
  },
  'OST-BUP-FIRST-DOSE-COWS': {
    title: 'First buprenorphine dose only in objective withdrawal (COWS > 12)',
    source: 'Orange Book 2017',
  },
  'OST-BUP-FIRST-DOSE-HEROIN-INTERVAL': {
    title: 'First buprenorphine dose at least 6–12 hours after heroin',
    source: 'Orange Book 2017',
  },
  'OST-BUP-FIRST-DOSE-FROM-METHADONE-DOSE': {
    title: 'Transfer from methadone only from 30 mg or less',
    source: 'Orange Book 2017',
  },
  'OST-BUP-FIRST-DOSE-FROM-METHADONE-INTERVAL': {
    title: 'Transfer from methadone at least 24 hours after the last methadone dose',
    source: 'Orange Book 2017',
  },
  'OST-BUP-MAINTENANCE-RANGE': {
    title: 'Buprenorphine usual maintenance 12–16 mg',
    source: 'Orange Book 2017',
  },
  'OST-BUP-LICENSED-MAX': {
    title: 'Buprenorphine at most the upper licensed dose of the product',
    source: 'product information (buprenorphine SmPC)',
  },
  'OST-REVIEW-INTERVAL': { title: 'Prescribing review at least every 3 months', source: 'ost.md' },
  'OST-PRB-DOSE-STRENGTH': {
    title: 'Prolonged-release injection: weekly 8/16/24/32 mg, monthly 64/96/128/160 mg',
    source: 'product information (Buvidal SmPC)',
  },
  'OST-PRB-TEST-DOSE': {
    title: 'New starters have a 4 mg sublingual test dose before the first injection',
    source: 'product information (Buvidal SmPC)',
  },
  'OST-PRB-WEEK-ONE': {
    title: 'Week one for new starters: 16 mg, then up to two 8 mg doses a day or more apart',
    source: 'product information (Buvidal SmPC)',
  },
  'OST-PRB-WEEKLY-BEFORE-MONTHLY': {
    title: 'Weekly injections for at least 4 weeks before monthly',
    source: 'ost.md',
  },
  'OST-PRB-CONVERSION': {
    title: 'Conversion from daily sublingual buprenorphine to weekly or monthly injection',
    source: 'product information (Buvidal SmPC)',
  },
  'OST-PRB-DUE-WINDOW': {
    title: 'Injection given within its due window (±2 days weekly, ±7 days monthly)',
    source: 'product information (Buvidal SmPC)',
  },
  'OST-PRB-DUE-ALERT': { title: 'Injection due and overdue alerts', source: 'ost.md' },
  'OST-PRB-NEVER-TAKE-HOME': {
    title: 'Prolonged-release injection is given by a clinician, never taken home',
    source: 'product information (Buvidal SmPC)',
  },
  'OST-SUP-TAKE-HOME-INDUCTION': { title: 'Take-home doses during induction', source: 'ost.md' },
  'OST-SUP-TAKE-HOME-RISK': { title: 'Take-home doses at high or very high risk', source: 'ost.md' },
  'OST-SUP-RE-REVIEW': {
    title: 'Re-review supervision after a dose change, missed doses, intoxication or a restart',
    source: 'ost.md',
  },
  'OST-SUP-FIRST-REVIEW': {
    title: 'First supervision review within 4 weeks (methadone) or 1 week (buprenorphine)',
    source: 'ost.md',
  },
  'OST-INST-MAX-DAYS': { title: 'At most 14 days of instalments per form', source: 'ost.md' },
  'OST-INST-AMOUNT-INTERVAL': {
    title: 'Instalment amount and interval stated',
    source: 'Misuse of Drugs Regulations 2001',
  },
  'OST-INST-FIRST-WITHIN-28': {
    title: 'First instalment dispensed within 28 days of issue',
    source: 'Misuse of Drugs Regulations 2001',
  },
  'OST-INST-CONSULT-WORDING': {
    title: 'Prescription carries "consult the prescriber after 3 or more consecutive missed days"',
    source: 'Home Office instalment wording',
  },
  'OST-DISP-NO-LATE-DOSE': { title: 'Missed doses are never dispensed later', source: 'ost.md' },
  'OST-DISP-NOT-YET': { title: 'A daily dose is not dispensed before its day', source: 'ost.md' },
  'OST-DISP-ALREADY-SUPPLIED': { title: 'One dose per day: no second supply for a day', source: 'ost.md' },
  'OST-DISP-BLOCKED': {
    title: 'Dispensing blocked after 3 or more consecutive missed days until prescriber review',
    source: 'Home Office instalment wording',
  },
  'OST-DISP-MISSED-ALERT': {
    title: 'One missed pick-up in induction or within 7 days of a dose increase alerts the same day',
    source: 'ost.md',
  },
  'OST-DISP-INTOXICATED': {
    title: 'Intoxicated: dose withheld, prescriber and keyworker alerted',
    source: 'ost.md',
  },
  'OST-DISP-RESTART-LADDER': {
    title: 'Methadone restart ladder after 3, 4, 5 or more missed days (service setting)',
    source: 'ost.md',
  },
  'OST-DISP-REINDUCTION': {
    title: 'A restart after 5 or more days without a dose is a new induction',
    source: 'ost.md',
  },
  'OST-PLAN-PRESCRIBER': {
    title: 'Only a prescriber changes an OST plan, and every change gives its reason',
    source: 'ost.md',
  },
  'OST-PLAN-ACKNOWLEDGED': {
    title: 'Every warning acknowledged with a recorded reason before the change is saved',
    source: 'ost.md',
  },
  'OST-RED-AGREEMENT': {
    title: 'Reduction without the person’s agreement needs a second senior sign-off',
    source: 'ost.md',
  },
  'OST-RED-RISK': {
    title: 'Reduction at high or very high risk needs a second senior sign-off',
    source: 'ost.md',
  },
  'OST-RED-SIGN-OFF': {
    title: 'Second sign-off is by a different, senior clinician',
    source: 'ost.md',
  },
  'OST-RED-STEP': {
    title: 'Reduction step: 5–10 mg methadone or 2 mg buprenorphine, smaller at low doses',
    source: 'Orange Book 2017',
  },
  'OST-RED-INTERVAL': { title: 'Reduction steps every 1–2 weeks', source: 'Orange Book 2017' },
  'OST-EXIT-NON-ATTENDANCE': {
    title: 'Discharge for non-attendance only after the re-engagement cascade and a team lead’s sign-off',
    source: 'ost.md',
  },
} as const satisfies Record<string, RuleEntry>;

export type RuleId = keyof typeof ostRules;
export const ruleIds = Object.keys(ostRules) as RuleId[];
export const RuleId = z.enum(ruleIds as [RuleId, ...RuleId[]]);
