import { describe, expect, it } from 'vitest';
import { helpLines, telHref } from './contacts.ts';

describe('telHref', () => {
  it('dials the number as written, without spaces', () => {
    expect(telHref('116 123')).toBe('tel:116123');
    expect(telHref('999')).toBe('tel:999');
    expect(telHref('+44 20 7946 0000')).toBe('tel:+442079460000');
  });

  it('refuses anything that is not a phone number', () => {
    expect(() => telHref('javascript:alert(1)')).toThrow('not a phone number');
    expect(() => telHref('')).toThrow('not a phone number');
  });
});

describe('the crisis contacts', () => {
  it('are the UK numbers people know: Samaritans, NHS 111 and 999', () => {
    expect(helpLines.map((line) => line.number)).toEqual(['116 123', '111', '999']);
  });

  it('each has a number a phone can dial, shown in its link text', () => {
    for (const line of helpLines) {
      expect(telHref(line.number)).toMatch(/^tel:\d+$/);
      expect(line.label).toContain(line.number);
    }
  });
});
