import { describe, expect, it } from 'vitest';
import { isValidSiren, isValidSiret, luhnCheckDigit, luhnValid } from './siren';

describe('SIREN / SIRET validation', () => {
  it('accepts Luhn-valid SIRENs and rejects others', () => {
    expect(isValidSiren('732829320')).toBe(true);
    expect(isValidSiren('732 829 320')).toBe(true);
    expect(isValidSiren('732829321')).toBe(false);
    expect(isValidSiren('73282932')).toBe(false);
    expect(isValidSiren('73282932A')).toBe(false);
    expect(isValidSiren('')).toBe(false);
  });

  it('accepts Luhn-valid SIRETs whose SIREN is valid', () => {
    expect(isValidSiret('73282932000074')).toBe(true);
    expect(isValidSiret('73282932000075')).toBe(false);
    expect(isValidSiret('7328293200007')).toBe(false);
  });

  it('applies the La Poste rule (SIREN 356000000: digit sum multiple of 5)', () => {
    expect(isValidSiren('356000000')).toBe(true);
    expect(isValidSiret('35600000000048')).toBe(true); // head office, also Luhn-valid
    expect(isValidSiret('35600000049837')).toBe(true); // sum 45: La Poste rule only
    expect(luhnValid('35600000049837')).toBe(false);
    expect(isValidSiret('35600000049838')).toBe(false);
  });

  it('computes check digits that validate', () => {
    for (const body of ['12345678', '98765432', '00000001', '5555555500001']) {
      expect(luhnValid(body + luhnCheckDigit(body))).toBe(true);
    }
  });
});
