import { describe, expect, it } from 'vitest';
import {
  describeAccess,
  describeAction,
  describeWho,
  londonDate,
  londonTime,
  type AccessEntry,
} from './access-entry.ts';

const entry = (overrides: Partial<AccessEntry> = {}): AccessEntry => ({
  occurredAt: '2026-11-12T14:05:00.000Z',
  roleLabel: 'Keyworker',
  teamName: 'North team',
  action: 'viewed',
  what: 'your record',
  emergency: false,
  ...overrides,
});

describe('describeAccess', () => {
  it('says who, when and what in plain English', () => {
    expect(describeAccess(entry())).toEqual({
      who: 'Keyworker, North team',
      date: '12 November 2026',
      time: '2:05pm',
      datetime: '2026-11-12T14:05:00.000Z',
      did: 'looked at your record',
      emergency: false,
      sentence: 'Keyworker, North team — 12 November 2026 — looked at your record',
    });
  });

  it('says plainly that someone found their name in a search', () => {
    expect(describeAction({ action: 'found', what: 'your name in a search' })).toBe(
      'found your name when they searched for someone',
    );
  });

  it('keeps an emergency access marked', () => {
    expect(describeAccess(entry({ emergency: true, what: 'your record in an emergency' }))).toMatchObject({
      did: 'looked at your record',
      emergency: true,
    });
  });

  it('uses London time: a late-evening look in summer is on the next day', () => {
    const line = describeAccess(entry({ occurredAt: '2026-07-01T23:30:00.000Z' }));
    expect(line.date).toBe('2 July 2026');
    expect(line.time).toBe('12:30am');
  });
});

describe('describeWho', () => {
  it('names the role and team, never a person', () => {
    expect(describeWho({ roleLabel: 'Nurse', teamName: null })).toBe('Nurse');
    expect(describeWho({ roleLabel: 'Nurse', teamName: '  ' })).toBe('Nurse');
    expect(describeWho({ roleLabel: 'Prescriber', teamName: 'Outreach' })).toBe('Prescriber, Outreach team');
    expect(describeWho({ roleLabel: 'Team lead', teamName: 'Castle team 2' })).toBe(
      'Team lead, Castle team 2',
    );
    expect(describeWho({ roleLabel: '', teamName: null })).toBe('Member of staff');
  });
});

describe('describeAction', () => {
  it('puts each kind of access in everyday words', () => {
    expect(describeAction({ action: 'viewed', what: 'your record' })).toBe('looked at your record');
    expect(describeAction({ action: 'changed', what: 'your record' })).toBe('changed your record');
    expect(describeAction({ action: 'created', what: 'something in your record' })).toBe(
      'added something to your record',
    );
    expect(describeAction({ action: 'listed', what: 'your name on a caseload' })).toBe(
      'saw your name on a list of the people their team works with',
    );
    expect(describeAction({ action: 'viewed', what: '' })).toBe('looked at your record');
  });
});

describe('London dates and times', () => {
  it('write the month in full and the time the way people say it', () => {
    expect(londonDate(new Date('2026-01-05T10:00:00Z'))).toBe('5 January 2026');
    expect(londonTime(new Date('2026-01-05T09:07:00Z'))).toBe('9:07am');
    expect(londonTime(new Date('2026-01-05T12:00:00Z'))).toBe('12:00pm');
  });
});
