import { describe, expect, it } from 'vitest';
import { PharmacyPlaceForm, normalisePlaceText, pharmacyPlaceKey } from './pharmacies.ts';

describe('a pharmacy as a place', () => {
  it('needs a name and an address, one line each, with the words to say so', () => {
    const blank = PharmacyPlaceForm.safeParse({ name: '  ', address: '' });
    expect(blank.success).toBe(false);
    expect(blank.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['name', 'Enter the pharmacy’s name'],
      ['address', 'Enter the pharmacy’s address'],
    ]);
    expect(PharmacyPlaceForm.safeParse({ name: 'Quay\nside', address: '12 Quay Street' }).success).toBe(
      false,
    );
    expect(PharmacyPlaceForm.safeParse({ name: 'x'.repeat(121), address: 'y' }).success).toBe(false);
    expect(PharmacyPlaceForm.parse({ name: ' Quayside ', address: '12 Quay Street ' })).toEqual({
      name: 'Quayside',
      address: '12 Quay Street',
    });
  });

  it('is the same place whatever the case and spacing of its name and address', () => {
    expect(normalisePlaceText('  12   Quay\tStreet ')).toBe('12 Quay Street');
    expect(pharmacyPlaceKey({ name: 'QUAYSIDE  Pharmacy', address: '12 quay street' })).toBe(
      pharmacyPlaceKey({ name: 'Quayside Pharmacy', address: ' 12 Quay Street' }),
    );
    expect(pharmacyPlaceKey({ name: 'Quayside Pharmacy', address: '14 Quay Street' })).not.toBe(
      pharmacyPlaceKey({ name: 'Quayside Pharmacy', address: '12 Quay Street' }),
    );
  });
});
