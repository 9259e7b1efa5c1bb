import { describe, expect, it } from 'vitest';
import type { EventDetails } from '../events.ts';
import { mayDischargeForNonAttendance } from './reengagement.ts';
import { cascadeFromContacts } from './reengagement-contacts.ts';

const by = '0190a6b2-0000-7000-8000-000000000001';
const lead = { by: '0190a6b2-0000-7000-8000-000000000002', role: 'team_lead', on: '2026-03-20' } as const;
const missed = (on: string, mode: EventDetails<'contact'>['mode']) => ({
  on,
  by,
  details: { mode, attended: false },
});
const every = [
  missed('2026-03-02', 'phone'),
  missed('2026-03-03', 'text'),
  missed('2026-03-05', 'pharmacy_liaison'),
  missed('2026-03-09', 'home_visit'),
  missed('2026-03-10', 'nominated_contact'),
];

describe('the cascade from recorded contacts (issue 10: no premature discharge)', () => {
  it('allows a discharge only when every route was tried since the task opened, with a team lead', () => {
    expect(mayDischargeForNonAttendance(cascadeFromContacts('2026-03-01', every), lead).allowed).toBe(true);
  });

  it('refuses with the steps still to try, and ignores contacts before the cascade started', () => {
    const decision = mayDischargeForNonAttendance(cascadeFromContacts('2026-03-04', every), lead);
    expect(decision.allowed).toBe(false);
    expect(decision.finding.message).toContain('still to try phone call and text message');
  });

  it('refuses once they attended any contact', () => {
    const attended = { on: '2026-03-12', by, details: { mode: 'face_to_face' as const, attended: true } };
    const decision = mayDischargeForNonAttendance(
      cascadeFromContacts('2026-03-01', [...every, attended]),
      lead,
    );
    expect(decision.allowed).toBe(false);
    expect(decision.finding.message).toContain('They were reached');
  });

  it('reads a contact recorded as not possible as that step not possible, with why: it counts as tried', () => {
    const noContact = {
      on: '2026-03-10',
      by,
      details: {
        mode: 'nominated_contact' as const,
        attended: false,
        notPossible: 'No nominated contact on file.',
      },
    };
    const cascade = cascadeFromContacts('2026-03-01', [...every.slice(0, 4), noContact]);
    expect(cascade.attempts.at(-1)).toEqual({
      step: 'nominated_contact',
      on: '2026-03-10',
      by,
      result: 'not_possible',
      why: 'No nominated contact on file.',
    });
    expect(mayDischargeForNonAttendance(cascade, lead).allowed).toBe(true);
  });

  it('does not count a missed face-to-face appointment as a cascade step', () => {
    const cascade = cascadeFromContacts('2026-03-01', [missed('2026-03-02', 'face_to_face')]);
    expect(cascade.attempts).toEqual([]);
  });
});
