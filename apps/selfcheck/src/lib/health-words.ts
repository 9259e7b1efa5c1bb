import type { HealthNeedCode } from '@harbour/domain/health/catalogue';
import type { HealthNeedStatus } from '@harbour/domain/health/needs';

/**
 * Each health check in plain words for the person (reading age about 9): what it is called and what it is for.
 * The catalogue's own names are for staff ("Liver function tests", "Spirometry").
 */
export const checkWords: Readonly<Record<HealthNeedCode, { title: string; about: string }>> = {
  hcv_antibody_test: {
    title: 'Blood test for hepatitis C',
    about: 'Hepatitis C is a virus that harms your liver. It can be cured with tablets.',
  },
  hcv_rna_test: {
    title: 'Second blood test for hepatitis C',
    about: 'This shows if the hepatitis C virus is in your blood now.',
  },
  hcv_treatment_referral: {
    title: 'Treatment for hepatitis C',
    about: 'Getting you the tablets that cure hepatitis C.',
  },
  hcv_cure_check: {
    title: 'Blood test to check hepatitis C has gone',
    about: 'A blood test 12 weeks after your treatment ends.',
  },
  hbv_test: {
    title: 'Blood test for hepatitis B',
    about: 'Hepatitis B is a virus that harms your liver. A vaccine can protect you.',
  },
  hbv_referral: {
    title: 'Care for hepatitis B',
    about: 'Getting you to the team that looks after hepatitis B.',
  },
  hbv_vaccination: {
    title: 'Hepatitis B vaccine',
    about: 'A few injections that protect you from hepatitis B.',
  },
  hiv_test: {
    title: 'Blood test for HIV',
    about: 'HIV is a virus. If you have it, treatment keeps you well.',
  },
  hiv_referral: {
    title: 'Care for HIV',
    about: 'Getting you to the team that looks after HIV.',
  },
  liver_function_tests: {
    title: 'Blood test for your liver',
    about: 'This shows how well your liver is working.',
  },
  respiratory_check: {
    title: 'Breathing and chest check',
    about: 'A check of your chest and breathing, because you smoke.',
  },
  spirometry: {
    title: 'Breathing test',
    about: 'You blow into a tube to show how well your lungs work.',
  },
  flu_vaccine: {
    title: 'Flu vaccine',
    about: 'An injection each autumn that protects you from flu.',
  },
  pneumococcal_vaccine: {
    title: 'Pneumonia vaccine',
    about: 'One injection that protects you from a kind of chest infection.',
  },
  injecting_site_check: {
    title: 'Check of where you inject',
    about: 'A nurse looks at your skin and veins to catch infections and clots early.',
  },
  ecg: {
    title: 'Heart check (ECG)',
    about: 'Stickers on your chest show how your heart beats. It does not hurt.',
  },
  dental_check: {
    title: 'Teeth check',
    about: 'A check of your teeth and gums by a dentist.',
  },
  nutrition_check: {
    title: 'Weight and eating check',
    about: 'We check your weight and talk about food.',
  },
  sexual_health_check: {
    title: 'Sexual health check',
    about: 'Tests and advice to keep you safe and well.',
  },
  phq9_screen: {
    title: 'How you have been feeling',
    about: 'Some questions about your mood.',
  },
  gad7_screen: {
    title: 'Worry and anxiety',
    about: 'Some questions about worry.',
  },
  suicide_risk_review: {
    title: 'A talk about how you are',
    about: 'A talk with your keyworker today about how you are feeling.',
  },
};

/** What a check's status means, in plain words. */
export function statusWords(status: HealthNeedStatus): string {
  switch (status) {
    case 'overdue':
      return 'Late. Please book soon.';
    case 'due':
      return 'Due now.';
    case 'booked':
      return 'Booked.';
    case 'declined':
      return 'You said no for now. You can still book it.';
    case 'upcoming':
      return 'Not due yet.';
    case 'met':
      return 'Done.';
    case 'not_applicable':
      return 'Not needed.';
  }
}

const dayFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const timeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h12',
});

/** "9:00am", in London time. */
export function clockTime(instant: string): string {
  return timeFormat.format(new Date(instant)).replace(' ', '').toLowerCase();
}

/** "Monday 7 December 2026", in London time. */
export function dayOf(instant: string): string {
  return dayFormat.format(new Date(instant)).replace(',', '');
}

/** "Monday 7 December 2026 at 9:00am", in London time. */
export function when(instant: string): string {
  return `${dayOf(instant)} at ${clockTime(instant)}`;
}
