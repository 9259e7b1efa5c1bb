/**
 * Methadone dose rules (ost.md "Medicines" and "Dose changes"; Orange Book 2017). The induction limits are
 * guideline limits, not service settings: a service cannot loosen them. Doses are mg/day of oral solution.
 */
export const methadoneLimits = {
  startMinMg: 10,
  startMaxMg: 30,
  /** With sedatives, alcohol or uncertain tolerance. */
  cautiousStartMaxMg: 20,
  /**
   * Last day of induction for the titration limits, counting the first dose as day 0. "The first two weeks"
   * is applied as days 0–14, the same window as drd-risk.md METHADONE_INDUCTION (one day longer: safer).
   */
  inductionLastDay: 14,
  maxSingleIncreaseMg: 10,
  windowDays: 7,
  maxIncreasesPerWindowMg: 30,
  maintenanceMinMg: 60,
  maintenanceMaxMg: 120,
} as const;
