import { isDomainError } from '@harbour/domain/errors';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './client.ts';
import { treatmentEpisode } from './schema/episode.ts';
import { createTestOrganisation } from './testing/factories.ts';
import { testDatabases } from './testing/databases.ts';
import { amendVersioned } from './versioning.ts';

describe.each(testDatabases())('versioned clinical records ($name)', ({ open }) => {
  let handle: DatabaseHandle;
  let organisationId: string;
  let episodeId: string;

  beforeAll(async () => {
    handle = await open();
    const org = await createTestOrganisation(handle.db, { people: 3 });
    organisationId = org.structure.organisation.id;
    const [first] = await handle.db
      .select()
      .from(treatmentEpisode)
      .where(eq(treatmentEpisode.organisationId, organisationId));
    if (!first) throw new Error('no episode');
    episodeId = first.id;
  });
  afterAll(() => handle.close());

  const where = (expectedVersion: number) => ({ id: episodeId, organisationId, expectedVersion });

  it('amends at the expected version and bumps it', async () => {
    const { version } = await amendVersioned(handle.db, 'treatmentEpisode', where(1), { keyworkerId: null });
    expect(version).toBe(2);
  });

  it('refuses a stale write with a conflict and leaves the record unchanged', async () => {
    const before = await handle.db.select().from(treatmentEpisode).where(eq(treatmentEpisode.id, episodeId));
    const error = await amendVersioned(handle.db, 'treatmentEpisode', where(1), { status: 'referred' }).catch(
      (e: unknown) => e,
    );
    expect(isDomainError(error) && error.code).toBe('CONFLICT');
    const after = await handle.db.select().from(treatmentEpisode).where(eq(treatmentEpisode.id, episodeId));
    expect(after).toEqual(before);
  });

  it('lets exactly one of two concurrent edits at the same version win', async () => {
    const current =
      (await handle.db.select().from(treatmentEpisode).where(eq(treatmentEpisode.id, episodeId)))[0]
        ?.version ?? 0;
    const results = await Promise.allSettled([
      amendVersioned(handle.db, 'treatmentEpisode', where(current), { keyworkerId: null }),
      amendVersioned(handle.db, 'treatmentEpisode', where(current), { keyworkerId: null }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect(rejected?.status === 'rejected' && isDomainError(rejected.reason) && rejected.reason.code).toBe(
      'CONFLICT',
    );
  });

  it("treats another organisation's record as not found", async () => {
    const error = await amendVersioned(
      handle.db,
      'treatmentEpisode',
      { id: episodeId, organisationId: '0190a6b2-0000-7000-8000-000000000000', expectedVersion: 1 },
      {},
    ).catch((e: unknown) => e);
    expect(isDomainError(error) && error.code).toBe('NOT_FOUND');
  });
});
