// A naloxone kit in words, for the record's "Naloxone" panel and the coverage page. Pure (no server state), so
// the server makes the words and the browser only shows them; unit-tested beside it.
import type { CalendarDate } from '@harbour/domain/ids';
import type { KitStatus } from '@harbour/domain/naloxone/kits';
import { formatDate } from '@harbour/ui/format';

export interface KitForWords {
  status: KitStatus;
  statusLabel: string;
  expiresOn: CalendarDate;
  daysLeft: number | null;
  report: { on: CalendarDate } | null;
}

const days = (n: number): string => (n === 1 ? '1 day' : `${n} days`);

/** "In date", "Expires soon", "Expired", "Used"…: the status, then what it means today. */
export function kitStatusWords(kit: KitForWords): { label: string; detail: string } {
  switch (kit.status) {
    case 'held':
      return { label: kit.statusLabel, detail: `Expires ${formatDate(kit.expiresOn)}` };
    case 'expiring':
      return {
        label: kit.statusLabel,
        detail:
          kit.daysLeft === 0
            ? `Expires today, ${formatDate(kit.expiresOn)}`
            : `Expires ${formatDate(kit.expiresOn)}, in ${days(kit.daysLeft ?? 0)}`,
      };
    case 'expired':
      return kit.report === null
        ? { label: kit.statusLabel, detail: `Expired on ${formatDate(kit.expiresOn)}` }
        : { label: kit.statusLabel, detail: `Reported expired on ${formatDate(kit.report.on)}` };
    case 'used':
    case 'lost':
    case 'confiscated':
      return {
        label: kit.statusLabel,
        detail: kit.report ? `Reported ${kit.status} on ${formatDate(kit.report.on)}` : '',
      };
  }
}

/** Whether the status is one to act on (not in date, or about to run out): the panel marks it. */
export function kitNeedsAction(status: KitStatus): boolean {
  return status !== 'held';
}
