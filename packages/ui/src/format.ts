// Imports nothing from the domain at run time but date arithmetic, so it is cheap to use in the browser.
import { londonDate } from '@harbour/domain/dates';
import type { CalendarDate } from '@harbour/domain/ids';

/**
 * Month abbreviations written out rather than taken from Intl: ICU's en-GB gives "Sept", which is not how
 * clinical letters or NHS pages write it, and the output must not change with the Node or browser version.
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A date as UK staff write it: "12 Nov 2026". A calendar date (`YYYY-MM-DD`) has no time zone and is shown as
 * it is; an instant is shown as the Europe/London date it falls on. Null (never, unknown) becomes `fallback`.
 */
export function formatDate(value: CalendarDate | Date | null, fallback = 'None'): string {
  if (value === null) return fallback;
  const date = value instanceof Date ? londonDate(value) : value;
  const match = CALENDAR_DATE.exec(date);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  if (!match || month === undefined) return fallback;
  return `${Number(match[3])} ${month} ${match[1]}`;
}

/** A dose in milligrams: "60 mg", "7.5 mg" (no trailing zeros). Null becomes `fallback`. */
export function formatDose(doseMg: number | null, fallback = 'None'): string {
  if (doseMg === null || !Number.isFinite(doseMg)) return fallback;
  return `${Number(doseMg.toFixed(2))} mg`;
}
