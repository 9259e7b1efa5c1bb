import { describe, expect, it } from 'vitest';
import type { KitStatus } from '../naloxone/kits.ts';
import { myPlan, naloxoneExpiryForMyPlan, plainTime, type MyPlanInput } from './my-plan.ts';
import { deanInstalments, deanPlan, steveInjection, stevePlan, TODAY } from './plan-testing.ts';

const input = (overrides: Partial<MyPlanInput> = {}): MyPlanInput => ({
  plan: deanPlan({ doseMg: 60, reviewOn: '2026-06-14' }),
  today: TODAY,
  pharmacyName: 'Boots, High Street',
  naloxoneExpiresOn: '2027-03-03',
  appointments: [],
  ...overrides,
});
const sentences = (i: MyPlanInput): string[] => myPlan(i).flatMap((s) => s.sentences);

describe('myPlan: the person’s plan in plain English', () => {
  it('tells Dean his medicine, where and when, his review, his naloxone and his appointments', () => {
    const plan = myPlan(
      input({
        appointments: [
          { on: '2026-03-20', time: '10:30', what: 'health check', where: 'Harbour Clinic, Mill Road' },
          { on: '2026-03-10', time: null, what: 'review', where: null },
        ],
      }),
    );
    expect(plan).toEqual([
      { heading: 'Your medicine', sentences: ['You take 60 mg of methadone every day.'] },
      {
        heading: 'Where and when',
        sentences: [
          'You take it at Boots, High Street, in front of the pharmacist on Monday, Wednesday and Friday.',
          'On the other days, you take it at home.',
        ],
      },
      { heading: 'Your next review', sentences: ['Your next review is on 14 June 2026.'] },
      { heading: 'Naloxone', sentences: ['Your naloxone kit runs out on 3 March 2027.'] },
      {
        heading: 'Your appointments',
        sentences: ['You have a health check on 20 March 2026 at 10:30am, at Harbour Clinic, Mill Road.'],
      },
    ]);
  });

  it('describes take-home collection, every-day visits and collections to take home', () => {
    const home = deanPlan({
      supervision: { ...deanPlan().supervision, mode: 'take_home', supervisedDays: [] },
    });
    expect(sentences(input({ plan: home, pharmacyName: null }))).toEqual(
      expect.arrayContaining([
        'You collect it from your pharmacy on Monday, Wednesday and Friday.',
        'You take it at home.',
      ]),
    );
    const everyDay = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
    const daily = deanPlan({
      supervision: { ...deanPlan().supervision, mode: 'daily_supervised', supervisedDays: [...everyDay] },
      instalments: { ...deanInstalments, pickupDays: [...everyDay] },
    });
    expect(sentences(input({ plan: daily }))).toContain(
      'You take it at Boots, High Street, in front of the pharmacist every day.',
    );
    const mixed = deanPlan({
      supervision: { ...deanPlan().supervision, supervisedDays: ['mon'] },
      instalments: { ...deanInstalments, pickupDays: ['mon', 'thu'] },
    });
    expect(sentences(input({ plan: mixed }))).toContain('You collect doses to take home on Thursday.');
  });

  it('says what changes in induction and a reduction, and describes an injection', () => {
    expect(
      sentences(input({ plan: deanPlan({ phase: 'induction', courseStartedOn: TODAY, doseMg: 30 }) })),
    ).toContain('Your dose may change in the first weeks, while we find the right dose for you.');
    expect(sentences(input({ plan: deanPlan({ phase: 'reduction' }) }))).toContain(
      'Your dose is going down slowly. You can ask to pause this at any time.',
    );
    const injection = stevePlan({
      injection: { ...steveInjection, lastGivenOn: null, nextDueOn: '2026-04-13' },
    });
    const plan = myPlan(input({ plan: injection }));
    expect(plan[0]?.sentences).toEqual([
      'You have a 96 mg buprenorphine injection every 4 weeks.',
      'A nurse or doctor gives you the injection.',
      'Your next injection is on 13 April 2026.',
    ]);
    expect(plan.map((s) => s.heading)).not.toContain('Where and when');
    const weekly = {
      ...injection,
      doseMg: 24,
      injection: { ...injection.injection, interval: 'weekly' as const, nextDueOn: '2026-03-01' },
    };
    expect(myPlan(input({ plan: weekly as typeof injection }))[0]?.sentences).toEqual([
      'You have a 24 mg buprenorphine injection every week.',
      'A nurse or doctor gives you the injection.',
    ]);
    expect(sentences(input({ plan: deanPlan({ medicine: 'buprenorphine_naloxone', doseMg: 16 }) }))[0]).toBe(
      'You take 16 mg of buprenorphine with naloxone every day.',
    );
  });

  it('asks them to act on a late review, naloxone running out or none on record', () => {
    expect(
      sentences(input({ plan: deanPlan({ lastReviewOn: '2025-12-01', reviewOn: '2026-03-01' }) })),
    ).toEqual(
      expect.arrayContaining(['Your review was due on 1 March 2026.', 'Ask your keyworker to book it.']),
    );
    expect(sentences(input({ naloxoneExpiresOn: '2026-04-10' }))).toContain(
      'Ask your keyworker for a new one soon.',
    );
    expect(sentences(input({ naloxoneExpiresOn: '2026-03-01' }))).toEqual(
      expect.arrayContaining([
        'Your naloxone kit ran out on 1 March 2026.',
        'Ask your keyworker for a new one.',
      ]),
    );
    expect(sentences(input({ naloxoneExpiresOn: null }))).toEqual(
      expect.arrayContaining([
        'We have no naloxone kit on record for you.',
        'Ask your keyworker for one. It can save a life.',
      ]),
    );
    expect(sentences(input())).toContain('You have no appointments booked.');
  });

  it('lists at most 5 upcoming appointments, soonest first', () => {
    const many = Array.from({ length: 7 }, (_, n) => ({
      on: `2026-04-${String(10 - n).padStart(2, '0')}`,
      time: '09:00',
      what: 'health check',
      where: null,
    }));
    const listed = myPlan(input({ appointments: many })).at(-1)?.sentences ?? [];
    expect(listed).toHaveLength(5);
    expect(listed[0]).toBe('You have a health check on 4 April 2026 at 9am.');
  });

  it('keeps to short sentences, speaks to the person and uses no clinical jargon (reading age about 9: the brief’s own example is 17 words)', () => {
    const all = [
      ...sentences(input()),
      ...sentences(input({ plan: deanPlan({ phase: 'reduction' }), naloxoneExpiresOn: null })),
    ];
    for (const sentence of all) {
      expect(sentence.split(/\s+/).length, sentence).toBeLessThanOrEqual(17);
      expect(sentence).not.toMatch(/supervis|instalment|consumption|\bOST\b|titrat|induction|prescriber/i);
    }
    expect(all.every((s) => /\b(you|your)\b/i.test(s))).toBe(true);
  });

  it.each([
    ['09:00', '9am'],
    ['10:30', '10:30am'],
    ['12:00', 'midday'],
    ['00:00', 'midnight'],
    ['12:15', '12:15pm'],
    ['14:00', '2pm'],
    ['00:05', '12:05am'],
  ])('writes %s as %s', (time, words) => {
    expect(plainTime(time)).toBe(words);
  });

  it('refuses a malformed appointment time (zod)', () => {
    expect(() =>
      myPlan(input({ appointments: [{ on: TODAY, time: '25:00', what: 'check', where: null }] })),
    ).toThrow(/a time like 09:30/);
  });
});

describe('naloxoneExpiryForMyPlan: which kit "My plan" talks about', () => {
  const kit = (status: KitStatus, expiresOn: string) => ({ status, expiresOn });

  it('names the in-date kit that lasts longest', () => {
    expect(
      naloxoneExpiryForMyPlan([
        kit('expiring', '2026-04-01'),
        kit('held', '2027-01-01'),
        kit('expired', '2026-01-01'),
      ]),
    ).toBe('2027-01-01');
  });

  it('with none in date, the latest that ran out, so the person is told it ran out', () => {
    expect(
      naloxoneExpiryForMyPlan([
        kit('expired', '2026-01-01'),
        kit('expired', '2026-02-01'),
        kit('used', '2027-01-01'),
      ]),
    ).toBe('2026-02-01');
  });

  it('none when every kit was used, lost or taken away, or none was ever given', () => {
    expect(
      naloxoneExpiryForMyPlan([
        kit('used', '2027-01-01'),
        kit('lost', '2027-02-01'),
        kit('confiscated', '2027-03-01'),
      ]),
    ).toBeNull();
    expect(naloxoneExpiryForMyPlan([])).toBeNull();
  });
});
