import { DomainError } from '@harbour/domain/errors';
import { describe, expect, it } from 'vitest';
import { PLACE_TAKEN, writingPlace } from './pharmacy-places.ts';

/**
 * Two administrators adding the same pharmacy at once both pass the check before either commits; the unique
 * index then refuses the second write. That refusal reaches the administrator as the check's own CONFLICT (and
 * is audited as a denied change), never as a server error. Any other failure is passed on as it was.
 */
describe('a pharmacy place taken by a write at the same moment', () => {
  const indexError = () =>
    new Error('Failed query: insert into "pharmacy" …', {
      cause: new Error('duplicate key value violates unique constraint "pharmacy_organisation_place_unique"'),
    });

  it('is refused as the check refuses it: CONFLICT, in the same words', async () => {
    const refused = await writingPlace(() => Promise.reject(indexError())).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect([(refused as DomainError).code, (refused as DomainError).message]).toEqual([
      'CONFLICT',
      PLACE_TAKEN,
    ]);
  });

  it('passes on any other failure, and a write that succeeds', async () => {
    const other = new Error('connection ended');
    await expect(writingPlace(() => Promise.reject(other))).rejects.toBe(other);
    await expect(writingPlace(async () => 'written')).resolves.toBe('written');
  });
});
