import { asc, gt, sql } from 'drizzle-orm';
import { rowsOf, type Executor } from './client.ts';
import { auditEvent } from './schema/audit.ts';

/** The first row at which the audit chain does not hold, and what is wrong there, in plain words. */
export interface BrokenLink {
  seq: number;
  /** The row's id; '' when the chain's tail is missing and there is no row at all to name. */
  id: string;
  problem: string;
}

export type AuditChainResult =
  { ok: true; rows: number } | { ok: false; rows: number; firstBroken: BrokenLink };

/** Rows read per query, so a large audit table is never held in memory at once. */
export const AUDIT_VERIFY_PAGE_SIZE = 5_000;

/**
 * Walks audit_event in `seq` order (migration 0002) and checks that seq runs 1, 2, 3… without gaps, that each
 * row's `prev_hash` is the previous row's `hash` ('' for row 1), and that each `hash` is what
 * `harbour_audit_hash` computes from the row now, so a changed field shows up at its own row. Finally it checks
 * the rows against the chain head the insert trigger keeps, so rows removed from the end are caught too.
 * Stops at the first broken row; `rows` counts the rows read.
 *
 * Needs to see every row and the chain head: run it as the owner or an administrator, not as the application
 * role (row-level security would hide other organisations' rows). Rows committed while it runs are checked too:
 * writers are numbered in commit order, so a reader never meets a gap that a later commit fills.
 */
export async function verifyAuditChain(
  db: Executor,
  options: { pageSize?: number } = {},
): Promise<AuditChainResult> {
  const pageSize = options.pageSize ?? AUDIT_VERIFY_PAGE_SIZE;
  // Read before the rows: whatever the head records had committed by now, so the walk must find it.
  const head = rowsOf<{ last_seq: string; last_hash: string }>(
    await db.execute(sql`select last_seq::text as last_seq, last_hash from harbour_private.audit_chain_head`),
  )[0];
  const headSeq = head ? Number(head.last_seq) : 0;

  let rows = 0;
  // A cast, not an annotation: annotated, the loop analysis (circular through the query below) makes it `never`.
  let previous = null as { seq: number; id: string; hash: string } | null;
  const broken = (seq: number, id: string, problem: string): AuditChainResult => ({
    ok: false,
    rows,
    firstBroken: { seq, id, problem },
  });

  for (;;) {
    const page = await db
      .select({
        seq: auditEvent.seq,
        id: auditEvent.id,
        prevHash: auditEvent.prevHash,
        hash: auditEvent.hash,
        expected: sql<string>`harbour_audit_hash(${auditEvent})`,
      })
      .from(auditEvent)
      .where(gt(auditEvent.seq, previous?.seq ?? Number.MIN_SAFE_INTEGER))
      .orderBy(asc(auditEvent.seq))
      .limit(pageSize);

    for (const row of page) {
      rows += 1;
      const expectedSeq = (previous?.seq ?? 0) + 1;
      if (row.seq < expectedSeq) return broken(row.seq, row.id, `seq ${row.seq} is not a place in the chain`);
      if (row.seq > expectedSeq)
        return broken(
          row.seq,
          row.id,
          row.seq === expectedSeq + 1
            ? `row ${expectedSeq} is missing`
            : `rows ${expectedSeq} to ${row.seq - 1} are missing`,
        );
      if (previous === null && row.prevHash !== '')
        return broken(row.seq, row.id, 'previous hash is not empty, but this is the first row');
      if (previous !== null && row.prevHash !== previous.hash)
        return broken(row.seq, row.id, `previous hash does not match row ${previous.seq}`);
      if (row.hash !== row.expected) return broken(row.seq, row.id, "hash does not match the row's contents");
      if (row.seq === headSeq && row.hash !== head?.last_hash)
        return broken(row.seq, row.id, 'hash does not match the chain head');
      previous = { seq: row.seq, id: row.id, hash: row.hash };
    }
    if (page.length < pageSize) break;
  }

  const lastSeq = previous?.seq ?? 0;
  if (lastSeq < headSeq) {
    const missing =
      lastSeq + 1 === headSeq ? `row ${headSeq} is missing` : `rows ${lastSeq + 1} to ${headSeq} are missing`;
    const problem = `${missing}: the chain head records ${headSeq} rows`;
    return previous === null ? broken(1, '', problem) : broken(previous.seq, previous.id, problem);
  }
  return { ok: true, rows };
}
