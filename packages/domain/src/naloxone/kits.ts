import { daysBetween } from '../dates.ts';
import type { EventDetails, EventPayload } from '../events.ts';
import type { CalendarDate } from '../ids.ts';
import type { NaloxoneProduct } from '../medicines.ts';

/**
 * A person's take-home naloxone kits, from their supply and report events (workflows.md "Naloxone"). The risk
 * model's mitigation and the naloxone pages read the same kits, so a kit is never "held" on one screen and
 * "lost" on another.
 */

/** A stored event with its London day and, when stored, its id (a report names its kit by the supply's id). */
export type KitEvent = EventPayload & { occurredOn: CalendarDate; id?: string };

export type NaloxoneReportOutcome = EventDetails<'naloxone_report'>['outcome'];
type Supply = EventDetails<'naloxone_supply'>;

export interface NaloxoneKit {
  supplyEventId: string | null;
  suppliedOn: CalendarDate;
  product: NaloxoneProduct;
  recipient: Supply['recipient'];
  supplyType: Supply['supplyType'];
  repeatReason: Supply['repeatReason'];
  trainingGiven: boolean;
  /** In date up to and including this day. */
  expiresOn: CalendarDate;
  /** The first report about this kit (used, lost, expired or confiscated); `null` while none. */
  report: { on: CalendarDate; outcome: NaloxoneReportOutcome; eventId: string | null } | null;
}

/** Kits being built from events in date order (the risk mapper feeds it from its own loop). */
export interface KitLedger {
  kits: NaloxoneKit[];
  byId: Map<string, NaloxoneKit>;
}

export function newKitLedger(): KitLedger {
  return { kits: [], byId: new Map() };
}

/**
 * Applies one event, in date order: a supply adds a kit; a report closes the kit it names, or else the latest
 * kit still unreported on the report's day; a report that matches no kit, or names a kit already reported,
 * changes nothing (the first report stands). Other events are ignored.
 */
export function recordKitEvent(ledger: KitLedger, event: KitEvent): void {
  const on = event.occurredOn;
  if (event.type === 'naloxone_supply') {
    const d = event.details;
    const kit: NaloxoneKit = {
      supplyEventId: event.id ?? null,
      suppliedOn: on,
      product: d.product,
      recipient: d.recipient,
      supplyType: d.supplyType,
      repeatReason: d.repeatReason,
      trainingGiven: d.trainingGiven,
      expiresOn: d.expiresOn,
      report: null,
    };
    ledger.kits.push(kit);
    if (event.id !== undefined) ledger.byId.set(event.id, kit);
  } else if (event.type === 'naloxone_report') {
    const named =
      event.details.supplyEventId === null ? undefined : ledger.byId.get(event.details.supplyEventId);
    const kit = named ?? ledger.kits.findLast((k) => k.report === null && k.suppliedOn <= on);
    if (kit !== undefined && kit.report === null)
      kit.report = { on, outcome: event.details.outcome, eventId: event.id ?? null };
  }
}

/** The kits, oldest supply first, from events in any order (same-day events keep their given order). */
export function naloxoneKits(events: readonly KitEvent[]): NaloxoneKit[] {
  const sorted = [...events].sort((a, b) =>
    a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : 0,
  );
  const ledger = newKitLedger();
  for (const event of sorted) recordKitEvent(ledger, event);
  return ledger.kits;
}

/**
 * A kit's status on a day: `held` (in date, more than 28 days left), `expiring` (in date, 28 days or fewer
 * left: its reminder is open), `expired`, or what it was reported as (`used`, `lost`, `expired`,
 * `confiscated`).
 */
export const kitStatuses = ['held', 'expiring', 'expired', 'used', 'lost', 'confiscated'] as const;
export type KitStatus = (typeof kitStatuses)[number];

/** The words the record and the coverage page use (the issue's: in date, expires soon, expired, used…). */
export const kitStatusLabels: Readonly<Record<KitStatus, string>> = {
  held: 'In date',
  expiring: 'Expires soon',
  expired: 'Expired',
  used: 'Used',
  lost: 'Lost',
  confiscated: 'Confiscated',
};

/** Days before expiry from which a kit is "expiring" and its reminder opens (the issue: 28 days ahead). */
export const EXPIRY_REMINDER_DAYS = 28;

/** The status on `on` of a kit supplied on or before it. A report dated after `on` is not yet known. */
export function kitStatus(kit: NaloxoneKit, on: CalendarDate): KitStatus {
  if (kit.report !== null && kit.report.on <= on) return kit.report.outcome;
  const left = daysBetween(on, kit.expiresOn);
  if (left < 0) return 'expired';
  return left <= EXPIRY_REMINDER_DAYS ? 'expiring' : 'held';
}

export interface KitOnDate extends NaloxoneKit {
  status: KitStatus;
}

/** The person's kits supplied on or before `on`, newest supply first, each with its status that day. */
export function kitsOn(events: readonly KitEvent[], on: CalendarDate): KitOnDate[] {
  return naloxoneKits(events.filter((e) => e.occurredOn <= on))
    .map((kit) => ({ ...kit, status: kitStatus(kit, on) }))
    .reverse();
}

/** In date and not reported: what "holds naloxone" means for the mitigation and for coverage. */
export function isInDate(status: KitStatus): boolean {
  return status === 'held' || status === 'expiring';
}

/** True when any of the kits (with their statuses on one day) is in date. */
export function holdsInDateKit(kits: readonly Pick<KitOnDate, 'status'>[]): boolean {
  return kits.some((k) => isInDate(k.status));
}
