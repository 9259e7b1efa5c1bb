import { RISK_MODEL_VERSION } from '@harbour/domain/risk/codes';
import type { Actor } from '@harbour/domain/access/policy';
import type { DatabaseHandle } from '@harbour/db/client';
import type { DemoOrganisation, PersonRow } from '@harbour/db/demo/generate';
import { clinicalEvent } from '@harbour/db/schema/clinical-event';
import { treatmentEpisode } from '@harbour/db/schema/episode';
import { createTestOrganisation } from '@harbour/db/testing/factories';
import { testDatabases } from '@harbour/db/testing/databases';
import { type TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, breakAuditWrites } from '../testing/audit.ts';
import { actorWithRole, callerFor } from '../testing/callers.ts';

describe.each(testDatabases())('person.summary ($name)', ({ open }) => {
  let handle: DatabaseHandle;
  let org: DemoOrganisation;
  let other: DemoOrganisation;
  let sam: Actor;
  let dean: PersonRow;
  let teamBPerson: PersonRow;

  beforeAll(async () => {
    handle = await open();
    org = await createTestOrganisation(handle.db, { people: 40, seed: 9 });
    other = await createTestOrganisation(handle.db, { people: 4, seed: 10 });
    sam = actorWithRole(org, 'keyworker');
    const batches = [...org.batches(1000)];
    const people = batches.flatMap((b) => b.people);
    const episodes = batches.flatMap((b) => b.episodes);
    const found = people.find((p) => p.givenName === 'Dean');
    if (!found) throw new Error('the generator always includes Dean');
    dean = found;
    const teamB = org.structure.teams[1]?.id;
    const inTeamB = episodes.find((e) => e.teamId === teamB && e.status !== 'discharged');
    const inOtherTeam = people.find((p) => p.id === inTeamB?.personId);
    if (!inOtherTeam) throw new Error('expected someone open in the second team');
    teamBPerson = inOtherTeam;
  });
  afterAll(() => handle.close());

  it("shows a keyworker their own caseload's person, with current OST, and audits it as caseload access", async () => {
    const summary = await callerFor(handle.db, sam).person.summary({ personId: dean.id });
    expect(summary).toMatchObject({
      reference: dean.reference,
      givenName: 'Dean',
      episode: { status: 'active' },
    });
    expect(summary.currentOst?.medicine).toBe('methadone');
    expect(summary.currentOst?.doseMg).toBeGreaterThanOrEqual(60);
    expect(summary.history.entries.length).toBeGreaterThan(0);
    expect(summary.risk?.assessment.modelVersion).toBe(RISK_MODEL_VERSION);
    const row = (await auditRows(handle.db, sam.organisationId)).at(-1);
    expect(row).toMatchObject({
      personId: dean.id,
      action: 'view',
      accessBasis: 'caseload',
      outcome: 'allowed',
      procedure: 'person.summary',
    });
  });

  it('refuses a person with no care relationship, sends no record data, and audits the refusal', async () => {
    const error = await callerFor(handle.db, sam)
      .person.summary({ personId: teamBPerson.id })
      .catch((e: unknown) => e);
    expect((error as TRPCError).code).toBe('FORBIDDEN');
    const text = JSON.stringify({ message: (error as Error).message, error });
    expect(text).not.toContain(teamBPerson.familyName);
    expect(text).not.toContain(teamBPerson.reference);
    const row = (await auditRows(handle.db, sam.organisationId)).at(-1);
    expect(row).toMatchObject({ personId: teamBPerson.id, outcome: 'denied' });
  });

  it("does not find another organisation's person, even by its exact id", async () => {
    const foreign = [...other.batches(10)][0]?.people[0];
    const error = await callerFor(handle.db, sam)
      .person.summary({ personId: foreign?.id ?? '' })
      .catch((e: unknown) => e);
    expect((error as TRPCError).code).toBe('NOT_FOUND');
  });

  it('fails the read when the audit write fails, and leaves no trace', async () => {
    const before = await auditRows(handle.db, sam.organisationId);
    const restore = await breakAuditWrites(handle.db);
    try {
      const error = await callerFor(handle.db, sam)
        .person.summary({ personId: dean.id })
        .catch((e: unknown) => e);
      expect((error as TRPCError).code).toBe('INTERNAL_SERVER_ERROR');
      expect((error as TRPCError).message).toBe('Something went wrong');
    } finally {
      await restore();
    }
    expect(await auditRows(handle.db, sam.organisationId)).toEqual(before);
  });

  it('refuses a malformed id before touching the database', async () => {
    const error = await callerFor(handle.db, sam)
      .person.summary({ personId: "1' or '1'='1" })
      .catch((e: unknown) => e);
    expect((error as TRPCError).code).toBe('BAD_REQUEST');
  });

  it('fails the read, and audits no view, when a stored event breaks its schema', async () => {
    // Showing the record with that event left out could show a wrong dose: the read fails loudly instead.
    const [bad] = await handle.db
      .insert(clinicalEvent)
      .values({
        organisationId: sam.organisationId,
        personId: dean.id,
        type: 'ost_dose_change',
        occurredOn: '2026-01-05',
        details: { medicine: 'methadone', unexpected: true },
      })
      .returning({ id: clinicalEvent.id });
    const before = await auditRows(handle.db, sam.organisationId);
    try {
      const error = await callerFor(handle.db, sam)
        .person.summary({ personId: dean.id })
        .catch((e: unknown) => e);
      expect((error as TRPCError).code).toBe('INTERNAL_SERVER_ERROR');
      expect((error as TRPCError).message).toBe('Something went wrong');
      expect(await auditRows(handle.db, sam.organisationId)).toEqual(before);
    } finally {
      await handle.db.delete(clinicalEvent).where(eq(clinicalEvent.id, bad?.id ?? ''));
    }
    await expect(callerFor(handle.db, sam).person.summary({ personId: dean.id })).resolves.toMatchObject({
      givenName: 'Dean',
    });
  });

  it("opens a person through any open episode: a second one in the keyworker's team grants team access", async () => {
    const teamA = org.structure.teams[0];
    if (!teamA) throw new Error('no first team');
    const [moving] = await handle.db
      .insert(treatmentEpisode)
      .values({
        organisationId: sam.organisationId,
        personId: teamBPerson.id,
        serviceId: teamA.serviceId,
        teamId: teamA.id,
        status: 'referred',
        referredOn: '2020-01-01',
      })
      .returning({ id: treatmentEpisode.id });
    try {
      const summary = await callerFor(handle.db, sam).person.summary({ personId: teamBPerson.id });
      expect(summary.episode).toMatchObject({ id: moving?.id, teamName: teamA.name });
      expect((await auditRows(handle.db, sam.organisationId)).at(-1)).toMatchObject({
        personId: teamBPerson.id,
        outcome: 'allowed',
        accessBasis: 'team',
      });
    } finally {
      await handle.db.delete(treatmentEpisode).where(eq(treatmentEpisode.id, moving?.id ?? ''));
    }
  });
});
