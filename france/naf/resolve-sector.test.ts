import { describe, expect, it } from 'vitest';
import { SECTOR_LEXICON } from './lexicon';
import { isNafCode, nafLabels } from './naf-codes';
import { resolveSector } from './resolve-sector';

describe('NAF data', () => {
  it('has the 732 sub-classes with dotted codes', () => {
    expect(nafLabels().size).toBe(732);
    expect(nafLabels().get('43.34Z')).toBe('Travaux de peinture et vitrerie');
  });

  it('lexicon entries only use real sub-classes and have terms', () => {
    for (const entry of SECTOR_LEXICON) {
      expect(entry.naf.length).toBeGreaterThan(0);
      for (const code of entry.naf) expect(isNafCode(code), `${entry.label.fr}: ${code}`).toBe(true);
      expect(entry.fr.length + entry.en.length).toBeGreaterThan(0);
    }
  });
});

describe('resolveSector', () => {
  it.each([
    ['plombiers', ['43.22A']],
    ['plombier', ['43.22A']],
    ['Plomberie', ['43.22A']],
    ['roofers', ['43.91B']],
    ['couvreurs zingueurs', ['43.91B']],
    ['chauffagistes', ['43.22B']],
    ['experts-comptables', ['69.20Z']],
    ['expert comptable', ['69.20Z']],
    ['agence immobilière', ['68.31Z']],
    ['agence immo', ['68.31Z']],
    ['syndic', ['68.32A']],
    ['architects', ['71.11Z']],
    ['boulangeries', ['10.71C']],
    ['coiffeurs', ['96.02A']],
    ['dentists', ['86.23Z']],
    ['43.34Z', ['43.34Z']],
    ['4334Z', ['43.34Z']],
    ['Travaux de peinture et vitrerie', ['43.34Z']],
    ['Activités comptables', ['69.20Z']],
    ['plombiets', ['43.22A']],
  ])('%s -> %j', (label, naf) => {
    expect(resolveSector(label)?.naf).toEqual(naf);
  });

  it('finds activities through official labels', () => {
    expect(resolveSector('fabrication de meubles')?.naf.sort()).toEqual(['31.01Z', '31.02Z', '31.09B']);
  });

  it('labels in the requested language', () => {
    expect(resolveSector('roofers', 'en')?.label).toBe('Roofing');
    expect(resolveSector('roofers', 'fr')?.label).toBe('Couverture');
  });

  it('merges several trades and returns null for nonsense', () => {
    expect(resolveSector('plombiers et électriciens')?.naf).toEqual(['43.22A', '43.21A']);
    expect(resolveSector('xyzzy')).toBeNull();
    expect(resolveSector('')).toBeNull();
  });
});
