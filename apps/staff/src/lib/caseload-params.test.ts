import { describe, expect, it } from 'vitest';
import { caseloadHref, defaultParams } from './caseload-href.ts';
import { paramOfField, parseCaseloadParams } from './caseload-params.ts';

const TEAM = '0193583f-da80-7e0b-a67e-2c0eb1f507e1';
const OTHER_TEAM = '0193583f-da80-7e0b-a67e-2c0eb1f507e2';
const KEYWORKER = '0193583f-da80-7e0b-a67e-2c0eb1f50800';

function parse(query: string): ReturnType<typeof parseCaseloadParams> {
  return parseCaseloadParams(new URLSearchParams(query), TEAM);
}

describe('parseCaseloadParams', () => {
  it('opens the default team, everyone, as the register (highest risk first), 25 a page', () => {
    const parsed = parse('');
    expect(parsed).toEqual({
      ok: true,
      query: { teamId: TEAM, page: 1, pageSize: 25, sort: 'risk', direction: 'asc' },
      params: defaultParams(TEAM),
    });
  });

  it('reads the register filters: tier, new to high and rising, as links and ticked boxes send them', () => {
    const parsed = parse('tier=very_high&new=1&rising=on');
    expect(parsed.ok && parsed.query).toMatchObject({ tier: 'very_high', newToHigh: true, rising: true });
    expect(parsed.ok && parsed.params).toMatchObject({ tier: 'very_high', newToHigh: true, rising: true });
    const bad = parse('tier=extreme&new=yes');
    expect(!bad.ok && bad.problems.map((p) => p.param).sort()).toEqual(['new', 'tier']);
  });

  it("reads keyworker=me as the caller's own id, and refuses it when they are not a keyworker", () => {
    const mine = parseCaseloadParams(new URLSearchParams('keyworker=me'), TEAM, KEYWORKER);
    expect(mine.ok && mine.query.keyworkerId).toBe(KEYWORKER);
    const someoneElse = parseCaseloadParams(new URLSearchParams('keyworker=me'), TEAM, null);
    expect(!someoneElse.ok && someoneElse.problems[0]?.param).toBe('keyworker');
  });

  it('reads every filter, the sort and the page', () => {
    const parsed = parse(
      `team=${OTHER_TEAM}&keyworker=${KEYWORKER}&ost=off&nocontact=28&sort=last_contact&dir=desc&page=3&size=10`,
    );
    expect(parsed.ok && parsed.query).toEqual({
      teamId: OTHER_TEAM,
      keyworkerId: KEYWORKER,
      ost: 'off',
      noContactForDays: 28,
      sort: 'last_contact',
      direction: 'desc',
      page: 3,
      pageSize: 10,
    });
  });

  it('treats empty values (an untouched select) and "any" as absent, and ignores unknown parameters', () => {
    const parsed = parse('team=&keyworker=&ost=any&nocontact=&utm_source=email');
    expect(parsed).toMatchObject({ ok: true, query: { teamId: TEAM } });
    expect(parsed.ok && parsed.query.ost).toBeUndefined();
  });

  it('explains each value it cannot use, once per parameter, in plain English', () => {
    const parsed = parse('sort=bogus&dir=sideways&page=0&size=7&ost=maybe&nocontact=lots&keyworker=bob');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems.map((p) => `${p.param}=${p.value}`).sort()).toEqual([
      'dir=sideways',
      'keyworker=bob',
      'nocontact=lots',
      'ost=maybe',
      'page=0',
      'size=7',
      'sort=bogus',
    ]);
    expect(parsed.problems.find((p) => p.param === 'sort')?.message).toBe(
      'Sort by "risk", "name" or "last_contact".',
    );
    // The form falls back to the usual settings for the team asked for.
    expect(parsed.params).toEqual(defaultParams(TEAM));
  });

  it('refuses a team that is not an id', () => {
    const parsed = parse('team=riverside');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problems[0]).toEqual({
      param: 'team',
      value: 'riverside',
      message: 'Choose one of your teams.',
    });
  });
});

describe('caseloadHref', () => {
  it('leaves out default values', () => {
    expect(caseloadHref(defaultParams(TEAM))).toBe(`/caseload?team=${TEAM}`);
  });

  it('applies changes in a stable order', () => {
    const params = { ...defaultParams(TEAM), ost: 'on' as const, noContactForDays: 28 };
    expect(caseloadHref(params, { sort: 'last_contact', dir: 'desc', page: 2 })).toBe(
      `/caseload?team=${TEAM}&ost=on&nocontact=28&sort=last_contact&dir=desc&page=2`,
    );
  });

  it('round-trips through the parser', () => {
    const params = {
      ...defaultParams(TEAM),
      keyworker: KEYWORKER,
      ost: 'off' as const,
      tier: 'high' as const,
      newToHigh: true,
      rising: true,
      size: 50,
      page: 4,
    };
    const href = caseloadHref(params);
    const parsed = parse(href.slice(href.indexOf('?') + 1));
    expect(parsed.ok && parsed.params).toEqual(params);
  });
});

describe('paramOfField', () => {
  it('names the query-string parameter behind an API field', () => {
    expect(paramOfField('direction')).toBe('dir');
    expect(paramOfField('pageSize')).toBe('size');
    expect(paramOfField('nothing')).toBeUndefined();
  });
});
