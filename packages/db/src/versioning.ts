import { conflict, notFound } from '@harbour/domain/errors';
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from './client.ts';
import { treatmentEpisode } from './schema/episode.ts';
import { person } from './schema/person.ts';

/** Clinical tables with optimistic-concurrency versions. */
const versioned = { person, treatmentEpisode } as const;
type VersionedName = keyof typeof versioned;
type Values<N extends VersionedName> = Partial<
  Omit<(typeof versioned)[N]['$inferInsert'], 'id' | 'organisationId' | 'version'>
>;

/**
 * Amends a versioned clinical record only if nobody has changed it since the caller read `expectedVersion`.
 * A stale write is a CONFLICT, never a silent overwrite; a record outside the organisation is NOT_FOUND.
 */
export async function amendVersioned<N extends VersionedName>(
  db: Executor,
  name: N,
  where: { id: string; organisationId: string; expectedVersion: number },
  values: Values<N>,
): Promise<{ version: number }> {
  const table = versioned[name] as typeof person;
  const updated = await db
    .update(table)
    .set({ ...(values as Values<'person'>), version: sql`${table.version} + 1`, updatedAt: sql`now()` })
    .where(
      and(
        eq(table.id, where.id),
        eq(table.organisationId, where.organisationId),
        eq(table.version, where.expectedVersion),
      ),
    )
    .returning({ version: table.version });
  const row = updated[0];
  if (row) return row;
  const exists = await db
    .select({ version: table.version })
    .from(table)
    .where(and(eq(table.id, where.id), eq(table.organisationId, where.organisationId)));
  if (exists.length === 0) throw notFound(name === 'person' ? 'Person' : 'Treatment episode');
  throw conflict(name === 'person' ? 'Person' : 'Treatment episode', where.expectedVersion);
}
