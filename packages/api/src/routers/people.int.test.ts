import type { Actor } from '@harbour/domain/access/policy';
import type { DatabaseHandle } from '@harbour/db/client';
import type { DemoOrganisation, PersonRow } from '@harbour/db/demo/generate';
import { createTestOrganisation } from '@harbour/db/testing/factories';
import { testDatabases } from '@harbour/db/testing/databases';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSearch } from '../services/search-people.ts';
import { auditRows } from '../testing/audit.ts';
import { actorWithRole, callerFor } from '../testing/callers.ts';
import { refusal } from '../testing/refusal.ts';

describe('parseSearch', () => {
  it('reads a reference, a date of birth in either form, and the words of a name', () => {
    expect(parseSearch('hbr7k3qp2')).toEqual({ reference: 'HBR-7K3Q-P2', dateOfBirth: null, words: [] });
    expect(parseSearch('Dean  WALSH 12/3/1974')).toEqual({
      reference: null,
      dateOfBirth: '1974-03-12',
      words: ['dean', 'walsh'],
    });
    expect(parseSearch('1974-03-12').dateOfBirth).toBe('1974-03-12');
    expect(parseSearch('31/02/1980').dateOfBirth).toBeNull();
  });
});

describe.each(testDatabases())('people.search ($name)', ({ open }) => {
  let handle: DatabaseHandle;
  let org: DemoOrganisation;
  let sam: Actor;
  let dean: PersonRow;
  let outsider: PersonRow;
  let people: PersonRow[];

  beforeAll(async () => {
    handle = await open();
    org = await createTestOrganisation(handle.db, { people: 60, seed: 12 });
    // Another organisation: it has a Dean Walsh of its own (every generated organisation does).
    await createTestOrganisation(handle.db, { people: 20, seed: 13 });
    sam = actorWithRole(org, 'keyworker');
    const batches = [...org.batches(1000)];
    people = batches.flatMap((b) => b.people);
    const episodes = batches.flatMap((b) => b.episodes);
    const found = people.find((p) => p.givenName === 'Dean');
    const away = episodes.find((e) => !sam.teamIds.includes(e.teamId) && e.status !== 'discharged');
    const other = people.find((p) => p.id === away?.personId);
    if (!found || !other) throw new Error('the organisation lacks the people these tests need');
    dean = found;
    outsider = other;
  });
  afterAll(() => handle.close());

  const search = (query: string) => callerFor(handle.db, sam).people.search({ query });

  it('finds a person by name, by reference and by date of birth, in the caller’s organisation only', async () => {
    const byName = await search(`${dean.givenName} ${dean.familyName}`);
    expect(byName.results.map((r) => r.personId)).toEqual([dean.id]);
    expect(byName.results[0]).toMatchObject({
      access: 'open',
      displayName: `${dean.familyName}, ${dean.givenName}`,
    });
    expect((await search(dean.reference.toLowerCase())).results.map((r) => r.personId)).toEqual([dean.id]);
    const [y, m, d] = dean.dateOfBirth.split('-');
    const byBirth = await search(`${Number(d)}/${Number(m)}/${y}`);
    expect(byBirth.results.map((r) => r.personId)).toContain(dean.id);
    expect(byBirth.results.every((r) => r.dateOfBirth === dean.dateOfBirth)).toBe(true);
  });

  it('tells people of one name apart by date of birth and reference, and shows outsiders only that', async () => {
    const found = await search(outsider.familyName);
    const same = people.filter((p) => p.familyName === outsider.familyName);
    expect(found.results).toHaveLength(same.length);
    const row = found.results.find((r) => r.personId === outsider.id);
    expect(row).toEqual({
      personId: outsider.id,
      reference: outsider.reference,
      displayName: `${outsider.familyName}, ${outsider.givenName}`,
      dateOfBirth: outsider.dateOfBirth,
      access: 'break_glass',
      teamName: null,
    });
  });

  it('audits each person shown, keeping no search text, and a search that finds no one', async () => {
    const before = (await auditRows(handle.db, sam.organisationId)).length;
    await search(dean.reference);
    await search('Zzyzx');
    const rows = (await auditRows(handle.db, sam.organisationId)).slice(before);
    expect(rows.map((r) => [r.action, r.personId])).toEqual([
      ['search', dean.id],
      ['search', null],
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/Zzyzx|HBR-/);
  });

  it('treats a search for % or _ as those characters, not as wildcards', async () => {
    expect((await search('%%')).results).toEqual([]);
    expect((await search('_a')).results).toEqual([]);
  });

  it('refuses text too short or holding control characters, and roles that do not open records', async () => {
    expect((await refusal(search('a'))).code).toBe('BAD_REQUEST');
    expect((await refusal(search('Wa\u0000lsh'))).code).toBe('BAD_REQUEST');
    const pharmacist = actorWithRole(org, 'pharmacist');
    expect((await refusal(callerFor(handle.db, pharmacist).people.search({ query: 'Walsh' }))).code).toBe(
      'FORBIDDEN',
    );
  });
});
