/**
 * Bank holidays in England and Wales, as data: the `england-and-wales` events of gov.uk's published list
 * (https://www.gov.uk/bank-holidays.json), in its own field names so a new year can be pasted in from it.
 * Scotland and Northern Ireland have other days; they would be another list beside this one.
 *
 * Kept, not guessed: every date here is checked by `bank-holidays.test.ts` against the rules that produce the
 * standing holidays (Easter by the Gregorian computus, the fixed Mondays, and the weekend substitutes), and any
 * day those rules do not produce must be listed in `specialBankHolidays` (a one-off proclaimed holiday). A test
 * fails when the list no longer covers two years from today; docs/tasks.md "Bank holidays" says how to update it.
 *
 * `projected` years are not yet on gov.uk's list when written: they hold only the standing holidays, and must
 * be compared with the published list (which may add a one-off day) as soon as gov.uk publishes the year.
 */
export interface BankHoliday {
  date: string;
  title: string;
  /** gov.uk's notes: `Substitute day` when the holiday moves off a weekend, otherwise empty. */
  notes: '' | 'Substitute day';
}

/** The first and last year the list covers, and the years not yet confirmed against gov.uk's published list. */
export const bankHolidayYears = { first: 2023, last: 2029, projected: [2029] } as const;

/** One-off holidays proclaimed for an occasion: the only dates the standing rules do not produce. */
export const specialBankHolidays: readonly string[] = ['2023-05-08'];

const newYear = 'New Year’s Day';
const goodFriday = 'Good Friday';
const easterMonday = 'Easter Monday';
const earlyMay = 'Early May bank holiday';
const spring = 'Spring bank holiday';
const summer = 'Summer bank holiday';
const christmas = 'Christmas Day';
const boxingDay = 'Boxing Day';
const substitute = 'Substitute day';

export const englandAndWalesBankHolidays: readonly BankHoliday[] = [
  { date: '2023-01-02', title: newYear, notes: substitute },
  { date: '2023-04-07', title: goodFriday, notes: '' },
  { date: '2023-04-10', title: easterMonday, notes: '' },
  { date: '2023-05-01', title: earlyMay, notes: '' },
  { date: '2023-05-08', title: 'Bank holiday for the coronation of King Charles III', notes: '' },
  { date: '2023-05-29', title: spring, notes: '' },
  { date: '2023-08-28', title: summer, notes: '' },
  { date: '2023-12-25', title: christmas, notes: '' },
  { date: '2023-12-26', title: boxingDay, notes: '' },

  { date: '2024-01-01', title: newYear, notes: '' },
  { date: '2024-03-29', title: goodFriday, notes: '' },
  { date: '2024-04-01', title: easterMonday, notes: '' },
  { date: '2024-05-06', title: earlyMay, notes: '' },
  { date: '2024-05-27', title: spring, notes: '' },
  { date: '2024-08-26', title: summer, notes: '' },
  { date: '2024-12-25', title: christmas, notes: '' },
  { date: '2024-12-26', title: boxingDay, notes: '' },

  { date: '2025-01-01', title: newYear, notes: '' },
  { date: '2025-04-18', title: goodFriday, notes: '' },
  { date: '2025-04-21', title: easterMonday, notes: '' },
  { date: '2025-05-05', title: earlyMay, notes: '' },
  { date: '2025-05-26', title: spring, notes: '' },
  { date: '2025-08-25', title: summer, notes: '' },
  { date: '2025-12-25', title: christmas, notes: '' },
  { date: '2025-12-26', title: boxingDay, notes: '' },

  { date: '2026-01-01', title: newYear, notes: '' },
  { date: '2026-04-03', title: goodFriday, notes: '' },
  { date: '2026-04-06', title: easterMonday, notes: '' },
  { date: '2026-05-04', title: earlyMay, notes: '' },
  { date: '2026-05-25', title: spring, notes: '' },
  { date: '2026-08-31', title: summer, notes: '' },
  { date: '2026-12-25', title: christmas, notes: '' },
  { date: '2026-12-28', title: boxingDay, notes: substitute },

  { date: '2027-01-01', title: newYear, notes: '' },
  { date: '2027-03-26', title: goodFriday, notes: '' },
  { date: '2027-03-29', title: easterMonday, notes: '' },
  { date: '2027-05-03', title: earlyMay, notes: '' },
  { date: '2027-05-31', title: spring, notes: '' },
  { date: '2027-08-30', title: summer, notes: '' },
  { date: '2027-12-27', title: christmas, notes: substitute },
  { date: '2027-12-28', title: boxingDay, notes: substitute },

  { date: '2028-01-03', title: newYear, notes: substitute },
  { date: '2028-04-14', title: goodFriday, notes: '' },
  { date: '2028-04-17', title: easterMonday, notes: '' },
  { date: '2028-05-01', title: earlyMay, notes: '' },
  { date: '2028-05-29', title: spring, notes: '' },
  { date: '2028-08-28', title: summer, notes: '' },
  { date: '2028-12-25', title: christmas, notes: '' },
  { date: '2028-12-26', title: boxingDay, notes: '' },

  // Projected (see above): confirm against gov.uk's list once it publishes 2029.
  { date: '2029-01-01', title: newYear, notes: '' },
  { date: '2029-03-30', title: goodFriday, notes: '' },
  { date: '2029-04-02', title: easterMonday, notes: '' },
  { date: '2029-05-07', title: earlyMay, notes: '' },
  { date: '2029-05-28', title: spring, notes: '' },
  { date: '2029-08-27', title: summer, notes: '' },
  { date: '2029-12-25', title: christmas, notes: '' },
  { date: '2029-12-26', title: boxingDay, notes: '' },
];
