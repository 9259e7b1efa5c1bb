import { describe, expect, it } from 'vitest';
import { homePathFor, sectionsFor } from './home.ts';

const clinical = [
  'team:read',
  'caseload:read',
  'person:read',
  'person:break_glass',
  'person:search',
  'record:write',
  'selfcheck:enrol',
  'coverage:read',
  'protocol:read',
  'tasks:mine',
  'account:self',
];

describe('homePathFor', () => {
  it.each([
    ['a keyworker', clinical, '/caseload'],
    ['the Caldicott guardian', ['alerts:review', 'audit:review', 'account:self'], '/alerts'],
    [
      'an administrator',
      ['team:read', 'accounts:manage', 'pharmacies:manage', 'competencies:manage', 'account:self'],
      '/admin/accounts',
    ],
    ['a pharmacist', ['pharmacy:dispense', 'account:self'], '/pharmacy'],
    [
      'a service manager',
      [
        'team:read',
        'coverage:read',
        'coverage:organisation',
        'protocol:read',
        'protocol:manage',
        'tasks:mine',
        'account:self',
      ],
      '/team',
    ],
    ['nobody', [], null],
  ])('%s starts on %s', (_who, permissions, expected) => {
    expect(homePathFor(permissions)).toBe(expected);
  });
});

describe('sectionsFor', () => {
  it('offers only the pages the role may use, in order', () => {
    expect(sectionsFor(clinical).map((s) => s.label)).toEqual([
      'Caseload',
      'My tasks',
      'Team tasks',
      'Naloxone coverage',
      'Case reviews',
      'Overdose protocol',
      'Find a person',
    ]);
    // A nurse (or team lead) also runs the health-check clinics.
    expect(sectionsFor([...clinical, 'clinics:manage']).map((s) => s.label)).toEqual([
      'Caseload',
      'My tasks',
      'Team tasks',
      'Naloxone coverage',
      'Case reviews',
      'Overdose protocol',
      'Find a person',
      'Clinics',
    ]);
    expect(sectionsFor(['alerts:review', 'accounts:manage']).map((s) => s.label)).toEqual([
      'Alerts',
      'Accounts',
    ]);
    expect(sectionsFor(['alerts:review', 'audit:review', 'account:self']).map((s) => s.label)).toEqual([
      'Alerts',
      'Audit',
    ]);
    // An administrator: accounts, then where pharmacists are placed, then competencies.
    expect(
      sectionsFor(['team:read', 'accounts:manage', 'pharmacies:manage', 'competencies:manage']).map(
        (s) => s.label,
      ),
    ).toEqual(['Accounts', 'Pharmacies', 'Competencies']);
    expect(sectionsFor(['account:self'])).toEqual([]);
  });
});
