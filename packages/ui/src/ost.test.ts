import { describe, expect, it } from 'vitest';
import { formatOst } from './ost.ts';

describe('formatOst', () => {
  it('names the medicine and its dose', () => {
    expect(formatOst('methadone', 60)).toBe('Methadone 60 mg');
    expect(formatOst('buprenorphine_naloxone', 16)).toBe('Buprenorphine with naloxone 16 mg');
    expect(formatOst('buprenorphine', null)).toBe('Buprenorphine');
  });

  it('shows the fallback when the person is not on OST', () => {
    expect(formatOst(null, null)).toBe('None');
    expect(formatOst(null, 60, 'Not on OST')).toBe('Not on OST');
  });
});
