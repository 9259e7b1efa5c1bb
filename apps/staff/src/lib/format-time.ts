import { formatDate } from '@harbour/ui/format';

const londonClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The time of an instant on a London clock, 24-hour: "09:05", "14:30". Empty for a value that is not a time. */
export function londonTime(instant: string | Date): string {
  const date = instant instanceof Date ? instant : new Date(instant);
  return Number.isNaN(date.getTime()) ? '' : londonClock.format(date);
}

/** An instant as staff read it: "14:30 on 12 Nov 2026" (London time). */
export function londonDateTime(instant: string | Date): string {
  const date = instant instanceof Date ? instant : new Date(instant);
  if (Number.isNaN(date.getTime())) return '';
  return `${londonTime(date)} on ${formatDate(date)}`;
}
