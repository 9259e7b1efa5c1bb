import { EventPayload } from '@harbour/domain/events';
import { HistoryQuery } from '@harbour/domain/record/inputs';
import type { Transaction } from '@harbour/db/client';
import { clinicalEvent } from '@harbour/db/schema/clinical-event';
import { staff } from '@harbour/db/schema/staff';
import { and, count, desc, eq, inArray, type SQL } from 'drizzle-orm';

/** One entry of a person's history. */
export interface HistoryEntry {
  id: string;
  occurredOn: string;
  event: EventPayload;
  status: 'active' | 'entered_in_error';
  version: number;
  recordedAt: string;
  recordedByName: string | null;
}

export interface HistoryPage {
  entries: HistoryEntry[];
  page: number;
  pageSize: number;
  total: number;
  pageCount: number;
  /** The kinds shown (empty: every kind). */
  types: EventPayload['type'][];
}

/**
 * A page of a person's history, newest first: every event, entered-in-error ones included (struck out), never
 * cut short. Runs inside the caller's transaction, after the caller has decided and audited access. A stored
 * event that fails its schema fails the read loudly rather than leaving a gap in the history.
 */
export async function historyPage(
  tx: Transaction,
  organisationId: string,
  input: HistoryQuery,
): Promise<HistoryPage> {
  const query = HistoryQuery.parse(input);
  const filters: SQL[] = [
    eq(clinicalEvent.organisationId, organisationId),
    eq(clinicalEvent.personId, query.personId),
  ];
  if (query.types.length > 0) filters.push(inArray(clinicalEvent.type, query.types));
  const where = and(...filters);
  const [counted] = await tx.select({ n: count() }).from(clinicalEvent).where(where);
  const total = counted?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / query.pageSize));
  // A page past the end shows the last page (a bookmark can outlive entries), never "page 9 of 2".
  const page = Math.min(query.page, pageCount);
  const rows = await tx
    .select({
      id: clinicalEvent.id,
      type: clinicalEvent.type,
      occurredOn: clinicalEvent.occurredOn,
      details: clinicalEvent.details,
      status: clinicalEvent.status,
      version: clinicalEvent.version,
      recordedAt: clinicalEvent.recordedAt,
      recordedByName: staff.displayName,
    })
    .from(clinicalEvent)
    .leftJoin(staff, and(eq(staff.id, clinicalEvent.recordedBy), eq(staff.organisationId, organisationId)))
    .where(where)
    .orderBy(desc(clinicalEvent.occurredOn), desc(clinicalEvent.recordedAt), desc(clinicalEvent.id))
    .limit(query.pageSize)
    .offset((page - 1) * query.pageSize);
  return {
    entries: rows.map((row) => ({
      id: row.id,
      occurredOn: row.occurredOn,
      event: EventPayload.parse({ type: row.type, details: row.details }),
      status: row.status,
      version: row.version,
      recordedAt: new Date(row.recordedAt).toISOString(),
      recordedByName: row.recordedByName,
    })),
    page,
    pageSize: query.pageSize,
    total,
    pageCount,
    types: query.types,
  };
}
