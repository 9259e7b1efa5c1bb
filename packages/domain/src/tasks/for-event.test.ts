import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWorkingDay } from '../calendar/working-days.ts';
import { addDays } from '../dates.ts';
import { isDomainError } from '../errors.ts';
import { tasksForEvent } from './for-event.ts';
import { TaskToOpen } from './task.ts';
import { byKind, dean, event, id, kayleigh, overdose, release, stored, supply } from './test-fixtures.ts';

const summary = (tasks: readonly TaskToOpen[]) =>
  tasks.map((t) => ({ kind: t.kind, dueOn: t.dueOn, sameDay: t.sameDay, assignee: t.assignee.kind }));

const refusal = (run: () => unknown): { code: string; paths: string[] } => {
  try {
    run();
  } catch (error) {
    if (isDomainError(error)) return { code: error.code, paths: error.issues.map((i) => i.path.join('.')) };
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('prison release (Kayleigh)', () => {
  it('opens contact within 2 days, naloxone on release and a prescribing appointment within 21 days', () => {
    const tasks = tasksForEvent(release('2026-03-04'), { today: '2026-03-04' });
    expect(summary(tasks)).toEqual([
      { kind: 'release_contact', dueOn: '2026-03-06', sameDay: false, assignee: 'keyworker' },
      { kind: 'naloxone_supply', dueOn: '2026-03-04', sameDay: true, assignee: 'keyworker' },
      { kind: 'release_prescribing', dueOn: '2026-03-25', sameDay: false, assignee: 'prescriber' },
    ]);
    const { release_contact: contact, release_prescribing: prescribing } = byKind(tasks);
    expect(contact?.windowEndsOn).toBe('2026-03-18');
    expect(prescribing?.windowEndsOn).toBe('2026-05-27');
    expect(contact?.why).toBe('Released from prison on 4 March 2026: contact within 2 days');
    expect(contact?.source).toEqual({
      eventId: expect.any(String),
      eventType: 'prison_release',
      eventOn: '2026-03-04',
      ruleId: 'TSK-RELEASE-CONTACT',
    });
    expect(contact?.priority).toBe('urgent');
  });

  it('brings the 2-day contact forward over Easter, never later than the brief allows', () => {
    // Released on Maundy Thursday: Saturday is the deadline and Good Friday is a bank holiday.
    expect(byKind(tasksForEvent(release('2026-04-02'), { today: '2026-04-02' })).release_contact?.dueOn).toBe(
      '2026-04-02',
    );
    // Released on a Friday: due that Friday, not the Monday after the deadline.
    expect(byKind(tasksForEvent(release('2026-03-06'), { today: '2026-03-06' })).release_contact?.dueOn).toBe(
      '2026-03-06',
    );
  });

  it('brings the 21-day appointment forward when day 21 is the summer bank holiday', () => {
    const tasks = tasksForEvent(release('2026-08-10'), { today: '2026-08-10' });
    expect(byKind(tasks).release_prescribing?.dueOn).toBe('2026-08-28');
  });

  it('opens only the tasks whose window is still open when the release is recorded late', () => {
    const tasks = tasksForEvent(release('2026-03-04'), { today: '2026-03-24' });
    expect(tasks.map((t) => t.kind)).toEqual(['release_prescribing']);
  });
});

describe('hospital discharge', () => {
  const discharge = (on: string, selfDischarged = false) =>
    event('hospital_discharge', on, { admittedOn: null, selfDischarged }, { personId: dean });

  it('opens a contact within 1 working day, skipping Christmas and the Boxing Day substitute', () => {
    const tasks = tasksForEvent(discharge('2026-12-24'), { today: '2026-12-24' });
    expect(byKind(tasks).discharge_contact?.dueOn).toBe('2026-12-29');
    expect(byKind(tasks).discharge_contact?.windowEndsOn).toBe('2027-01-07');
  });

  it('asks for contact the same day after leaving against medical advice, for the 28-day window', () => {
    const tasks = tasksForEvent(discharge('2026-03-04', true), { today: '2026-03-04' });
    const contact = byKind(tasks).discharge_contact;
    expect(contact).toMatchObject({ dueOn: '2026-03-04', sameDay: true, windowEndsOn: '2026-04-01' });
    expect(contact?.source.ruleId).toBe('TSK-SELF-DISCHARGE-CONTACT');
    expect(tasks.filter((t) => t.kind === 'discharge_contact')).toHaveLength(1);
  });

  it('opens a naloxone supply unless a kit is held in date for more than 28 days', () => {
    const on = '2026-03-04';
    const none = tasksForEvent(discharge(on), { today: on });
    expect(byKind(none).naloxone_supply?.dueOn).toBe('2026-03-05');
    const held = supply('2025-06-01', '2026-04-02', { personId: dean });
    expect(
      byKind(tasksForEvent(discharge(on), { today: on, events: [held] })).naloxone_supply,
    ).toBeUndefined();
    const expiring = supply('2025-06-01', '2026-04-01', { personId: dean });
    expect(
      byKind(tasksForEvent(discharge(on), { today: on, events: [expiring] })).naloxone_supply,
    ).toBeDefined();
  });
});

describe('OST start, exit and detox', () => {
  it('opens a prescriber review within 7 days of a methadone start, and naloxone if none is held', () => {
    const start = event('ost_start', '2026-03-04', { medicine: 'methadone', doseMg: 20 }, { personId: dean });
    expect(summary(tasksForEvent(start, { today: '2026-03-04' }))).toEqual([
      { kind: 'induction_review', dueOn: '2026-03-11', sameDay: false, assignee: 'prescriber' },
      { kind: 'naloxone_supply', dueOn: '2026-03-11', sameDay: false, assignee: 'keyworker' },
    ]);
  });

  it('opens no induction review for buprenorphine (no early spike in deaths)', () => {
    const start = event(
      'ost_start',
      '2026-03-04',
      { medicine: 'buprenorphine', doseMg: 8 },
      { personId: dean },
    );
    const held = supply('2026-01-01', '2027-01-01', { personId: dean });
    expect(tasksForEvent(start, { today: '2026-03-04', events: [held] })).toEqual([]);
  });

  it('opens the exit checklist: contact and plan within 2 days, the GP within 1 working day, naloxone', () => {
    const exit = event('ost_exit', '2026-03-05', { reason: 'unplanned' }, { personId: dean });
    const tasks = tasksForEvent(exit, { today: '2026-03-05' });
    expect(summary(tasks)).toEqual([
      { kind: 'exit_contact', dueOn: '2026-03-06', sameDay: false, assignee: 'keyworker' },
      { kind: 'exit_gp_letter', dueOn: '2026-03-06', sameDay: false, assignee: 'prescriber' },
      { kind: 'naloxone_supply', dueOn: '2026-03-06', sameDay: false, assignee: 'keyworker' },
    ]);
    expect(byKind(tasks).exit_contact?.windowEndsOn).toBe('2026-04-02');
  });

  it('opens nothing for a transfer the receiving service continues with no gap, which is not an exit', () => {
    const transfer = event(
      'ost_exit',
      '2026-03-05',
      { reason: 'transferred', continuity: true },
      { personId: dean },
    );
    expect(tasksForEvent(transfer, { today: '2026-03-05' })).toEqual([]);
    const unconfirmed = event('ost_exit', '2026-03-05', { reason: 'transferred' }, { personId: dean });
    expect(tasksForEvent(unconfirmed, { today: '2026-03-05' }).map((t) => t.kind)).toContain('exit_contact');
  });

  it('opens contact within 2 days and naloxone the same day after detox', () => {
    const detox = event('detox_completion', '2026-03-04', { setting: 'residential' });
    expect(summary(tasksForEvent(detox, { today: '2026-03-04' }))).toEqual([
      { kind: 'detox_contact', dueOn: '2026-03-06', sameDay: false, assignee: 'keyworker' },
      { kind: 'naloxone_supply', dueOn: '2026-03-04', sameDay: true, assignee: 'keyworker' },
    ]);
  });
});

describe('non-fatal overdose', () => {
  it('opens a follow-up within 1 working day, a prescriber review within 2, and naloxone resupply', () => {
    const tasks = tasksForEvent(overdose('2026-04-02'), { today: '2026-04-02' });
    expect(summary(tasks)).toEqual([
      { kind: 'overdose_follow_up', dueOn: '2026-04-07', sameDay: false, assignee: 'keyworker' },
      { kind: 'dose_review', dueOn: '2026-04-08', sameDay: false, assignee: 'prescriber' },
      { kind: 'naloxone_supply', dueOn: '2026-04-07', sameDay: false, assignee: 'keyworker' },
    ]);
    expect(tasks.every((t) => t.escalation === null && t.windowEndsOn === '2026-04-30')).toBe(true);
  });

  it('asks for the follow-up the same day when the person reported it', () => {
    const tasks = tasksForEvent(overdose('2026-03-04', 'self_report'), { today: '2026-03-04' });
    expect(byKind(tasks).overdose_follow_up).toMatchObject({ dueOn: '2026-03-04', sameDay: true });
  });

  it('follows up on the first working day after a weekend overdose', () => {
    const tasks = tasksForEvent(overdose('2026-03-07', 'police'), { today: '2026-03-07' });
    expect(byKind(tasks).overdose_follow_up?.dueOn).toBe('2026-03-09');
  });

  it.each([
    [90, true],
    [89, true],
    [91, false],
  ])('escalates a second overdose %i days after the first to the team lead: %s', (days, escalates) => {
    const first = overdose('2026-01-05');
    const second = overdose(addDays('2026-01-05', days));
    const tasks = tasksForEvent(second, { today: second.occurredOn, events: [first] });
    const review = byKind(tasks).repeat_overdose_review;
    expect(review !== undefined).toBe(escalates);
    expect(byKind(tasks).overdose_follow_up?.escalation?.to ?? null).toBe(escalates ? 'team_lead' : null);
    if (review !== undefined)
      expect(review).toMatchObject({ assignee: { kind: 'team_lead' }, priority: 'urgent' });
  });

  it('escalates when an earlier overdose is recorded after a later one', () => {
    const later = overdose('2026-03-01');
    const earlier = overdose('2026-02-01');
    const tasks = tasksForEvent(earlier, { today: '2026-03-02', events: [later] });
    // The earlier overdose's own tasks are past its window; the escalation is counted from the later one.
    expect(tasks.map((t) => t.kind)).toEqual(['repeat_overdose_review']);
    expect(tasks[0]).toMatchObject({
      dueOn: '2026-03-02',
      windowEndsOn: '2026-03-29',
      why: 'A second overdose within 90 days (latest on 1 March 2026): team lead to review the plan',
    });
  });

  it('treats a second report of the same day’s overdose as the same overdose, opening nothing', () => {
    const ambulance = overdose('2026-03-04', 'ambulance');
    const police = overdose('2026-03-04', 'police');
    expect(tasksForEvent(police, { today: '2026-03-04', events: [ambulance] })).toEqual([]);
  });
});

describe('naloxone reports', () => {
  const report = (outcome: 'used' | 'lost', supplyEventId: string | null, usedFor?: 'someone_else') =>
    event('naloxone_report', '2026-03-04', {
      supplyEventId,
      outcome,
      ...(usedFor === undefined ? {} : { usedFor }),
    });

  it('opens a resupply when a kit is lost and no other in-date kit is held', () => {
    const kit = supply('2025-09-01', '2027-09-01', { id: id(70) });
    const tasks = tasksForEvent(report('lost', id(70)), { today: '2026-03-04', events: [kit] });
    expect(summary(tasks)).toEqual([
      { kind: 'naloxone_supply', dueOn: '2026-03-06', sameDay: false, assignee: 'keyworker' },
    ]);
    expect(tasks[0]?.priority).toBe('routine');
  });

  it('opens nothing when another in-date kit is still held', () => {
    const kits = [supply('2025-09-01', '2027-09-01', { id: id(70) }), supply('2026-01-01', '2027-12-01')];
    expect(tasksForEvent(report('lost', id(70)), { today: '2026-03-04', events: kits })).toEqual([]);
  });

  it('leaves a used kit of their own overdose to the overdose event, but resupplies a kit used on someone else', () => {
    const kit = supply('2025-09-01', '2027-09-01', { id: id(70) });
    expect(tasksForEvent(report('used', id(70)), { today: '2026-03-04', events: [kit] })).toEqual([]);
    const other = tasksForEvent(report('used', id(70), 'someone_else'), {
      today: '2026-03-04',
      events: [kit],
    });
    expect(other.map((t) => t.kind)).toEqual(['naloxone_supply']);
  });
});

describe('events that open nothing', () => {
  it.each([
    event('contact', '2026-03-04', { mode: 'phone', attended: true }),
    supply('2026-03-04', '2027-03-04'),
    event('ost_dose_change', '2026-03-04', {
      medicine: 'methadone',
      fromMg: 40,
      toMg: 50,
      reason: 'titration',
    }),
    event('suicidality', '2026-03-04', { source: 'phq9_item9' }),
    event('case_review', '2026-03-04', { actionsAgreed: 2 }),
  ])('$type opens no task', (e) => {
    expect(tasksForEvent(e, { today: '2026-03-04' })).toEqual([]);
  });
});

describe('open tasks already cover a need', () => {
  it('does not open a task again for the same event, so running it twice is safe', () => {
    const e = release('2026-03-04');
    const first = tasksForEvent(e, { today: '2026-03-04' });
    expect(tasksForEvent(e, { today: '2026-03-05', openTasks: stored(first) })).toEqual([]);
  });

  it('does not open a naloxone supply when one is open and due no later, but does when the open one is later', () => {
    const start = event('ost_start', '2026-03-02', { medicine: 'methadone', doseMg: 20 });
    const open = stored(tasksForEvent(start, { today: '2026-03-02' }));
    expect(byKind(open).naloxone_supply?.dueOn).toBe('2026-03-09');
    const later = tasksForEvent(overdose('2026-03-10'), { today: '2026-03-10', openTasks: open });
    expect(byKind(later).naloxone_supply).toBeUndefined();
    const sooner = tasksForEvent(overdose('2026-03-04'), { today: '2026-03-04', openTasks: open });
    expect(byKind(sooner).naloxone_supply?.dueOn).toBe('2026-03-05');
  });
});

describe('bad input opens nothing and says why', () => {
  it('refuses an event dated after today', () => {
    expect(refusal(() => tasksForEvent(release('2026-03-05'), { today: '2026-03-04' }))).toEqual({
      code: 'INVALID_INPUT',
      paths: ['event.occurredOn'],
    });
  });

  it('refuses a malformed event and names the field', () => {
    const bad = { ...release('2026-03-04'), occurredOn: '2026-02-30' };
    expect(refusal(() => tasksForEvent(bad, { today: '2026-03-04' }))).toEqual({
      code: 'INVALID_INPUT',
      paths: ['event.occurredOn'],
    });
  });

  it('refuses context about another person', () => {
    const other = overdose('2026-02-01', 'ambulance', dean);
    expect(
      refusal(() => tasksForEvent(overdose('2026-03-04'), { today: '2026-03-04', events: [other] })),
    ).toEqual({
      code: 'INVALID_INPUT',
      paths: ['events.0.personId'],
    });
  });

  it('refuses a today that is not a date', () => {
    expect(refusal(() => tasksForEvent(release('2026-03-04'), { today: 'tomorrow' })).paths).toEqual([
      'today',
    ]);
  });
});

describe('every task a transition opens (property)', () => {
  const onArb = fc.integer({ min: 0, max: 6 * 365 }).map((n) => addDays('2023-01-01', n));
  const eventArb = fc.oneof(
    onArb.map((on) => release(on)),
    onArb.map((on) => event('hospital_discharge', on, { admittedOn: null, selfDischarged: false })),
    onArb.map((on) => event('hospital_discharge', on, { admittedOn: null, selfDischarged: true })),
    onArb.map((on) => event('ost_start', on, { medicine: 'methadone', doseMg: 20 })),
    onArb.map((on) => event('ost_exit', on, { reason: 'planned' })),
    onArb.map((on) => event('detox_completion', on, { setting: 'inpatient' })),
    fc
      .tuple(onArb, fc.constantFrom('ambulance', 'self_report', 'police') as fc.Arbitrary<'ambulance'>)
      .map(([on, source]) => overdose(on, source)),
  );

  it('is valid, about the person, due on a working day from the event on, and due inside its window', () => {
    fc.assert(
      fc.property(eventArb, (e) => {
        const tasks = tasksForEvent(e, { today: e.occurredOn });
        expect(tasks.length).toBeGreaterThan(0);
        for (const task of tasks) {
          expect(TaskToOpen.safeParse(task).success).toBe(true);
          expect(task.personId).toBe(kayleigh);
          expect(isWorkingDay(task.dueOn)).toBe(true);
          expect(task.dueOn >= e.occurredOn).toBe(true);
          expect(task.windowEndsOn === null || task.dueOn <= task.windowEndsOn).toBe(true);
        }
      }),
    );
  });
});
