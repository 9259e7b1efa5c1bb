import { and, asc, eq, gt, isNotNull, isNull, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Executor } from './client.ts';
import { auditEvent } from './schema/audit.ts';

/** The first row at which an audit chain does not hold, and what is wrong there, in plain words. */
export interface BrokenLink {
  /** The row's `seq`, or for a missing tail the last row read (1 when the chain has none). */
  seq: number;
  /** The row's id; '' when the chain's tail is missing and there is no row at all to name. */
  id: string;
  problem: string;
}

export type AuditChainResult =
  { ok: true; rows: number } | { ok: false; rows: number; firstBroken: BrokenLink };

/** Rows read per query, so a large audit table is never held in memory at once. */
export const AUDIT_VERIFY_PAGE_SIZE = 5_000;

/** The chains since migration 0019 (0 to 15); the first chain, of the rows written before it, has none. */
export const AUDIT_CHAINS = 16;

interface Head {
  chain: number | null;
  lastSeq: number;
  lastHash: string;
}

/**
 * Checks every audit chain (migrations 0002 and 0019). The first chain holds the rows written before 0019
 * (`chain` null), in `seq` order; each of the sixteen chains since holds its rows in `chain_seq` order. In each,
 * it checks that the place runs 1, 2, 3… without gaps, that each row's `prev_hash` is the previous row's `hash`
 * ('' for a chain's first row), and that each `hash` is what `harbour_audit_hash` computes from the row now, so
 * a changed field shows up at its own row; then the chain against its head, which the insert trigger keeps, so
 * rows removed from the end are caught too. Every chain must have its head, and no row may claim a chain that
 * does not exist or have no place in its chain. Stops at the first
 * broken row; `rows` counts the rows read.
 *
 * Needs to see every row and the heads: run it as the owner or an administrator, not as the application role
 * (row-level security would hide other organisations' rows). Rows committed while it runs are checked too:
 * a chain's writers are numbered in commit order, so a reader never meets a gap that a later commit fills.
 */
export async function verifyAuditChain(
  db: Executor,
  options: { pageSize?: number } = {},
): Promise<AuditChainResult> {
  const pageSize = options.pageSize ?? AUDIT_VERIFY_PAGE_SIZE;
  // Read before the rows: whatever the heads record had committed by now, so the walk must find it.
  const heads = rowsOf<{ chain: number | null; last_seq: string; last_hash: string }>(
    await db.execute(
      sql`select chain, last_seq::text as last_seq, last_hash from harbour_private.audit_chain_head
          order by chain nulls first`,
    ),
  ).map((h): Head => ({ chain: h.chain, lastSeq: Number(h.last_seq), lastHash: h.last_hash }));

  // Every chain must have its head: a head deleted (with or without its chain's rows) is itself tampering.
  const expected = [null, ...Array.from({ length: AUDIT_CHAINS }, (_, i) => i)];
  let rows = 0;
  for (const chain of expected) {
    const head = heads.find((h) => h.chain === chain);
    if (!head)
      return {
        ok: false,
        rows,
        firstBroken: {
          seq: 0,
          id: '',
          problem:
            chain === null ? "the first chain's head is missing" : `chain ${chain}: its head is missing`,
        },
      };
    const result = await verifyChain(db, head, pageSize);
    rows += result.rows;
    if (!result.ok) return { ...result, rows };
  }
  // A row the walks cannot meet: a chain that does not exist, or no place in its chain.
  const [stray] = await db
    .select({ seq: auditEvent.seq, id: auditEvent.id, chain: auditEvent.chain })
    .from(auditEvent)
    .where(
      and(
        isNotNull(auditEvent.chain),
        or(
          notInArray(
            auditEvent.chain,
            expected.filter((c) => c !== null),
          ),
          isNull(auditEvent.chainSeq),
        ),
      ),
    )
    .orderBy(asc(auditEvent.seq))
    .limit(1);
  if (stray)
    return {
      ok: false,
      rows,
      firstBroken: {
        seq: stray.seq,
        id: stray.id,
        problem:
          stray.chain !== null && stray.chain >= 0 && stray.chain < AUDIT_CHAINS
            ? `chain ${stray.chain}: the row has no place in the chain`
            : `chain ${stray.chain} does not exist`,
      },
    };
  return { ok: true, rows };
}

/** One chain: the first (`chain` null, placed by `seq`) or one of the sixteen (placed by `chain_seq`). */
async function verifyChain(db: Executor, head: Head, pageSize: number): Promise<AuditChainResult> {
  const first = head.chain === null;
  // How a problem names a place: the first chain's place is its seq, as it always was.
  const where = (text: string) => (first ? text : `chain ${head.chain}: ${text}`);
  const placeOf = (row: { seq: number; chainSeq: number | null }) => (first ? row.seq : (row.chainSeq ?? 0));
  let rows = 0;
  // A cast, not an annotation: annotated, the loop analysis (circular through the query below) makes it `never`.
  let previous = null as { seq: number; place: number; id: string; hash: string } | null;
  const broken = (seq: number, id: string, problem: string): AuditChainResult => ({
    ok: false,
    rows,
    firstBroken: { seq, id, problem: where(problem) },
  });

  for (;;) {
    const after = previous?.place ?? Number.MIN_SAFE_INTEGER;
    const inChain: SQL | undefined = first
      ? and(isNull(auditEvent.chain), gt(auditEvent.seq, after))
      : and(eq(auditEvent.chain, head.chain ?? -1), gt(auditEvent.chainSeq, after));
    const page = await db
      .select({
        seq: auditEvent.seq,
        chainSeq: auditEvent.chainSeq,
        id: auditEvent.id,
        prevHash: auditEvent.prevHash,
        hash: auditEvent.hash,
        expected: sql<string>`harbour_audit_hash(${auditEvent})`,
      })
      .from(auditEvent)
      .where(inChain)
      .orderBy(first ? asc(auditEvent.seq) : asc(auditEvent.chainSeq))
      .limit(pageSize);

    for (const row of page) {
      rows += 1;
      const place = placeOf(row);
      const expected = (previous?.place ?? 0) + 1;
      if (place < expected) return broken(row.seq, row.id, `place ${place} is not a place in the chain`);
      if (place > expected)
        return broken(
          row.seq,
          row.id,
          place === expected + 1
            ? `row ${expected} is missing`
            : `rows ${expected} to ${place - 1} are missing`,
        );
      if (previous === null && row.prevHash !== '')
        return broken(row.seq, row.id, 'previous hash is not empty, but this is the first row');
      if (previous !== null && row.prevHash !== previous.hash)
        return broken(row.seq, row.id, `previous hash does not match row ${previous.place}`);
      if (row.hash !== row.expected) return broken(row.seq, row.id, "hash does not match the row's contents");
      if (place === head.lastSeq && row.hash !== head.lastHash)
        return broken(row.seq, row.id, 'hash does not match the chain head');
      previous = { seq: row.seq, place, id: row.id, hash: row.hash };
    }
    if (page.length < pageSize) break;
  }

  const last = previous?.place ?? 0;
  if (last < head.lastSeq) {
    const missing =
      last + 1 === head.lastSeq
        ? `row ${head.lastSeq} is missing`
        : `rows ${last + 1} to ${head.lastSeq} are missing`;
    const problem = `${missing}: the chain head records ${head.lastSeq} rows`;
    return previous === null ? broken(1, '', problem) : broken(previous.seq, previous.id, problem);
  }
  return { ok: true, rows };
}
