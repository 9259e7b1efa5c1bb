import { PGlite } from '@electric-sql/pglite';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from './audit-chain.ts';
import { migrationsFolder, rowsOf, wrapPglite } from './client.ts';

// Migrations 0007 and 0008 (administrators' actions in the audit trail, alerts of two kinds) and 0019 (sixteen
// audit chains) applied to a database that already holds audit rows and a break-glass alert: the old rows must
// still verify, and the old alert must say whom it is about.

const scratch = mkdtempSync(join(tmpdir(), 'harbour-migration-0007-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of the migrations folder holding only the first `count` migrations. */
function migrationsUpTo(count: number): string {
  const folder = join(scratch, `first-${count}`);
  cpSync(migrationsFolder, folder, { recursive: true });
  const journalFile = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  for (const later of journal.entries.slice(count)) rmSync(join(folder, `${later.tag}.sql`));
  journal.entries = journal.entries.slice(0, count);
  writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

describe('migrations 0007, 0008 and 0019 on a database written before them', () => {
  it('keep the old audit rows verifying, and say whom an old alert is about', async () => {
    const client = await PGlite.create();
    const handle = wrapPglite(client);
    try {
      await migrate(handle.db as never, { migrationsFolder: migrationsUpTo(7) });
      // Written as a database from before them held it: an organisation, a member of staff, a person (plain
      // inserts against the tables of that time, not today's demo loader, which writes later tables too).
      const organisationId = '018d117f-ba80-7b09-b174-3842639f88a5';
      const member = '018d117f-ba80-7b09-b174-3842639f8801';
      const personId = '018d117f-ba80-7b09-b174-3842639f8802';
      await handle.db.execute(
        sql`insert into organisation (id, name) values (${organisationId}, 'Northshire Recovery Partnership')`,
      );
      await handle.db.execute(sql`insert into staff (id, organisation_id, display_name, email, role) values
        (${member}, ${organisationId}, 'Sam Carter', 'sam@example.test', 'keyworker')`);
      await handle.db.execute(sql`insert into person (id, organisation_id, reference, given_name, family_name,
        date_of_birth, sex) values (${personId}, ${organisationId}, 'NRP-000001', 'Dean', 'Walsh', '1985-04-02',
        'male')`);
      for (const outcome of ['allowed', 'denied', 'allowed'])
        await handle.db.execute(sql`insert into audit_event (id, organisation_id, actor_id, person_id, action,
          procedure, outcome) values (gen_random_uuid(), ${organisationId}, ${member}, ${personId}, 'view',
          'person.summary', ${outcome})`);
      await handle.db.execute(sql`insert into break_glass_grant (id, organisation_id, staff_id, person_id,
        reason_code, reason_text, expires_at) values ('00000000-0000-7000-8000-00000000b001', ${organisationId},
        ${member}, ${personId}, 'duty_worker', 'Before the migration', now() + interval '4 hours')`);
      await handle.db.execute(sql`insert into caldicott_alert (id, organisation_id, grant_id) values
        (gen_random_uuid(), ${organisationId}, '00000000-0000-7000-8000-00000000b001')`);
      await handle.migrate();

      expect(await verifyAuditChain(handle.db)).toEqual({ ok: true, rows: 3 });
      const alerts = rowsOf<{ kind: string; subject_staff_id: string }>(
        await handle.db.execute(sql`select kind, subject_staff_id from caldicott_alert`),
      );
      expect(alerts).toEqual([{ kind: 'break_glass', subject_staff_id: member }]);
      // A row written after them (and after 0019's sixteen chains), naming an account and what changed, joins
      // one of the new chains and verifies too; the old rows stay in the first chain.
      await handle.db.execute(sql`insert into audit_event (id, organisation_id, actor_id, action, procedure,
        outcome, target_staff_id, changes) values (gen_random_uuid(), ${organisationId}, ${member},
        'account_disable', 'accounts.disable', 'allowed', ${member}, '{"active": {"from": true, "to": false}}')`);
      expect(await verifyAuditChain(handle.db)).toEqual({ ok: true, rows: 4 });
      const chains = rowsOf<{ chain: number | null; chain_seq: string | null }>(
        await handle.db.execute(
          sql`select chain, chain_seq::text as chain_seq from audit_event order by seq`,
        ),
      );
      expect(chains.slice(0, 3)).toEqual([0, 1, 2].map(() => ({ chain: null, chain_seq: null })));
      expect(chains[3]).toMatchObject({ chain: expect.any(Number), chain_seq: '1' });
    } finally {
      await handle.close();
    }
  });
});
