import type { Actor } from '@harbour/domain/access/policy';
import { daysBetween, londonDate } from '@harbour/domain/dates';
import type { CalendarDate } from '@harbour/domain/ids';
import type { NaloxoneProduct } from '@harbour/domain/medicines';
import {
  holdsInDateKit,
  kitsOn,
  kitStatusLabels,
  type KitOnDate,
  type KitStatus,
  type NaloxoneReportOutcome,
} from '@harbour/domain/naloxone/kits';
import {
  naloxoneOutcomeLabels,
  naloxoneProductLabels,
  naloxoneRecipientLabels,
} from '@harbour/domain/record/labels';
import type { Database } from '@harbour/db/client';
import { naloxoneEvents } from '@harbour/db/tasks/naloxone-reminders';
import { withTenant } from '@harbour/db/tenant';
import { writeAudit } from '../audit/write-audit.ts';
import { personAccess } from './person-access.ts';
import { settle, type Outcome, type WriteContext } from './record-event.ts';

/**
 * A person's take-home naloxone kits with their status today (workflows.md "Naloxone"; issue 9), for the
 * record's "Naloxone" panel: built by the domain's kit rules from the supplies and reports on the record, so the
 * panel, the risk model's mitigation and the coverage page never disagree about a kit.
 */

export interface KitView {
  /** The supply's event id (a report names it). */
  supplyEventId: string | null;
  product: NaloxoneProduct;
  productLabel: string;
  suppliedOn: CalendarDate;
  /** `first` or `repeat`, with the reason for a repeat (used, lost, expired, confiscated). */
  supplyType: 'first' | 'repeat';
  repeatReasonLabel: string | null;
  recipientLabel: string;
  expiresOn: CalendarDate;
  status: KitStatus;
  statusLabel: string;
  /** Days from today to the expiry (negative once expired); null once reported. */
  daysLeft: number | null;
  report: { on: CalendarDate; outcome: NaloxoneReportOutcome } | null;
}

export interface PersonKits {
  today: CalendarDate;
  /** Newest supply first. */
  kits: KitView[];
  /** True when any kit is in date and not reported. */
  holdsInDate: boolean;
}

export function kitView(kit: KitOnDate, today: CalendarDate): KitView {
  return {
    supplyEventId: kit.supplyEventId,
    product: kit.product,
    productLabel: naloxoneProductLabels[kit.product],
    suppliedOn: kit.suppliedOn,
    supplyType: kit.supplyType,
    repeatReasonLabel: kit.repeatReason === null ? null : naloxoneOutcomeLabels[kit.repeatReason],
    recipientLabel: naloxoneRecipientLabels[kit.recipient],
    expiresOn: kit.expiresOn,
    status: kit.status,
    statusLabel: kitStatusLabels[kit.status],
    daysLeft: kit.report !== null && kit.report.on <= today ? null : daysBetween(today, kit.expiresOn),
    report:
      kit.report === null || kit.report.on > today
        ? null
        : { on: kit.report.on, outcome: kit.report.outcome },
  };
}

/** The person's kits, for whoever may open their record; audited on it as a view (refusals too). */
export async function listPersonKits(
  db: Database,
  actor: Actor,
  personId: string,
  context: WriteContext,
): Promise<PersonKits> {
  const today = londonDate(context.now);
  const tenant = { organisationId: actor.organisationId, actorId: actor.staffId };
  const outcome = await withTenant(db, tenant, async (tx): Promise<Outcome<PersonKits>> => {
    const access = await personAccess(tx, {
      actor,
      personId,
      mode: 'read',
      action: 'view',
      procedure: 'naloxone.kits',
      requestId: context.requestId,
      now: context.now,
    });
    if (access.kind !== 'allowed') return access;
    const events = await naloxoneEvents(tx, actor.organisationId, [personId]);
    const kits = kitsOn(events.get(personId) ?? [], today);
    await writeAudit(tx, {
      actor,
      personId,
      action: 'view',
      procedure: 'naloxone.kits',
      requestId: context.requestId,
      basis: access.basis,
      outcome: 'allowed',
    });
    return {
      kind: 'ok',
      value: { today, kits: kits.map((k) => kitView(k, today)), holdsInDate: holdsInDateKit(kits) },
    };
  });
  return settle(outcome);
}
