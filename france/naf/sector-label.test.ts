import { describe, expect, it } from 'vitest';
import { sectorLabel } from './sector-label';

describe('sectorLabel', () => {
  it('names a NAF code in plain words, by the most specific sector listing it', () => {
    expect(sectorLabel('69.20Z', 'en')).toBe('Accounting');
    expect(sectorLabel('69.20Z', 'fr')).toBe('Expertise comptable');
    expect(sectorLabel('43.22A', 'en')).not.toBe('Renovation');
  });

  it('answers null for no code or a code no sector lists', () => {
    expect(sectorLabel(null, 'en')).toBeNull();
    expect(sectorLabel('99.99Z', 'en')).toBeNull();
  });
});
