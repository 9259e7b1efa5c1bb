import type { Actor } from '@harbour/domain/access/policy';
import { addDays, londonDate } from '@harbour/domain/dates';
import {
  checklistFor,
  defaultOverdoseProtocol,
  type PublishProtocol,
} from '@harbour/domain/protocol/overdose-protocol';
import type { DatabaseHandle } from '@harbour/db/client';
import type { DemoOrganisation } from '@harbour/db/demo/generate';
import { createTestOrganisation } from '@harbour/db/testing/factories';
import { testDatabases } from '@harbour/db/testing/databases';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, countRows } from '../testing/audit.ts';
import { actorWithRole, callerFor } from '../testing/callers.ts';
import { refusal } from '../testing/refusal.ts';

const today = (): string => londonDate(new Date());
const TABLE = 'overdose_protocol_version';

const release = (text: string, effectiveFrom: string, changeNote: string, basedOn = 0): PublishProtocol => ({
  basedOn,
  effectiveFrom,
  changeNote,
  checklists: [
    { situation: 'prison_release', items: [{ id: 'contact', text }] },
    { situation: 'after_overdose', items: [{ id: 'follow-up', text: 'See them the same day' }] },
  ],
});

describe.each(testDatabases())('the service’s overdose-risk protocol ($name)', ({ open }) => {
  let handle: DatabaseHandle;
  let org: DemoOrganisation;
  let alex: Actor;
  let sam: Actor;
  let admin: Actor;

  beforeAll(async () => {
    handle = await open();
    org = await createTestOrganisation(handle.db, { people: 4, seed: 131 });
    alex = actorWithRole(org, 'service_manager');
    sam = actorWithRole(org, 'keyworker');
    admin = actorWithRole(org, 'administrator');
  });
  afterAll(() => handle.close());

  const as = (actor: Actor) => callerFor(handle.db, actor);
  const written = () => countRows(handle.db, TABLE, alex.organisationId);

  it('shows Harbour’s default until the service publishes its own', async () => {
    const page = await as(sam).protocol.page();
    expect(page).toMatchObject({ isDefault: true, history: [], canPublish: false });
    expect(page.inForce.checklists).toEqual(defaultOverdoseProtocol.checklists);
    expect(await as(sam).protocol.inForce()).toEqual(defaultOverdoseProtocol);
  });

  it('refuses bad input with the field named and writes nothing', async () => {
    const before = await written();
    const noNote = await refusal(as(alex).protocol.publish(release('Contact within 2 days', today(), ' ')));
    expect(noNote.code).toBe('BAD_REQUEST');
    expect(JSON.stringify(noNote.cause ?? noNote.message)).toContain('Say what changed and why');

    const past = await refusal(
      as(alex).protocol.publish(release('Contact within 2 days', addDays(today(), -1), 'Back-dated')),
    );
    expect(past.code).toBe('UNPROCESSABLE_CONTENT');
    expect(past.message).toBe(`A new version can take effect from ${today()} at the earliest`);

    const twice = release('Contact within 2 days', today(), 'Two lists for one situation');
    twice.checklists.push({ situation: 'prison_release', items: [{ id: 'again', text: 'Again' }] });
    expect((await refusal(as(alex).protocol.publish(twice))).code).toBe('BAD_REQUEST');
    expect(await written()).toBe(before);
  });

  it('refuses roles without the permission, writing nothing', async () => {
    const before = await written();
    for (const actor of [sam, admin, actorWithRole(org, 'team_lead')]) {
      const refused = await refusal(
        as(actor).protocol.publish(release('Contact today', today(), 'Not mine')),
      );
      expect(refused.code).toBe('FORBIDDEN');
    }
    expect((await refusal(as(admin).protocol.page())).code).toBe('FORBIDDEN');
    expect(await written()).toBe(before);
  });

  it('publishes a version in force from today, shown where staff act, with who and why, audited', async () => {
    const published = await as(alex).protocol.publish(
      release('Contact on the day of release', today(), 'Same-day contact after release'),
    );
    expect(published).toEqual({ version: 1, effectiveFrom: today() });

    const inForce = await as(sam).protocol.inForce();
    expect(inForce).toMatchObject({ serviceId: alex.organisationId, version: 1, effectiveFrom: today() });
    expect(checklistFor(inForce, 'prison_release')?.items).toEqual([
      { id: 'contact', text: 'Contact on the day of release' },
    ]);

    // The case review form shows the service's version too.
    const jo = actorWithRole(org, 'team_lead');
    const episode = [...org.batches(1000)]
      .flatMap((b) => b.episodes)
      .find((e) => e.status !== 'discharged' && e.teamId === jo.teamIds[0]);
    if (!episode) throw new Error('the organisation needs a person in Jo’s team');
    const draft = await as(jo).reviews.draft({ personId: episode.personId });
    expect(draft.protocol).toEqual(inForce);

    const page = await as(alex).protocol.page();
    const alexName = org.structure.staff.find((s) => s.id === alex.staffId)?.displayName;
    expect(page.isDefault).toBe(false);
    expect(page.canPublish).toBe(true);
    expect(page.history).toMatchObject([
      {
        version: 1,
        standing: 'in_force',
        changeNote: 'Same-day contact after release',
        publishedByName: alexName,
      },
    ]);

    const audit = (await auditRows(handle.db, alex.organisationId)).filter(
      (r) => r.procedure === 'protocol.publish',
    );
    expect(audit).toMatchObject([
      {
        actorId: alex.staffId,
        action: 'create',
        outcome: 'allowed',
        personId: null,
        changes: { protocol: { version: 1, effectiveFrom: today() } },
      },
    ]);
  });

  it('keeps every version: a later one is scheduled and the one in force stays as it was', async () => {
    const later = addDays(today(), 30);
    expect(
      await as(alex).protocol.publish(
        release('Contact within 1 working day', later, 'Relaxed after audit', 1),
      ),
    ).toEqual({ version: 2, effectiveFrom: later });
    const page = await as(alex).protocol.page();
    expect(page.history.map((h) => [h.version, h.standing, h.checklists[0]?.items[0]?.text])).toEqual([
      [2, 'scheduled', 'Contact within 1 working day'],
      [1, 'in_force', 'Contact on the day of release'],
    ]);
    expect(page.earliestEffectiveFrom).toBe(later);
    expect((await as(sam).protocol.inForce()).version).toBe(1);
    // No version may now take effect before the scheduled one's day.
    const early = await refusal(
      as(alex).protocol.publish(release('Sooner', addDays(later, -1), 'Too early', 2)),
    );
    expect(early.code).toBe('UNPROCESSABLE_CONTENT');
    expect(await written()).toBe(2);
    // A change started from version 1 (another manager's page, opened before version 2) is refused, not
    // published over version 2's changes.
    const stale = await refusal(
      as(alex).protocol.publish(release('Contact within 3 days', addDays(later, 1), 'From an old page', 1)),
    );
    expect(stale).toMatchObject({
      code: 'CONFLICT',
      message:
        'Version 2 was published after you started this change. Reload the page to see it, then make your change again.',
    });
    expect(await written()).toBe(2);
  });
});
