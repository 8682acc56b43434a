import { describe, expect, it } from 'vitest';
import { lookupPlace, resolvePlace } from './resolve-place';

const ref = (name: string, options?: Parameters<typeof resolvePlace>[1]) => {
  const place = resolvePlace(name, options);
  return place ? `${place.kind}:${place.code}` : null;
};

describe('resolvePlace', () => {
  it.each([
    ['Lyon', 'commune:69123'],
    ['lyon', 'commune:69123'],
    ['Lyon 7e', 'commune:69387'],
    ['Lyon 7e Arrondissement', 'commune:69387'],
    ['Paris 15', 'commune:75115'],
    ['Marseille 8e', 'commune:13208'],
    ['69007', 'commune:69387'],
    ['Rhône', 'departement:69'],
    ['dans le Rhône', 'departement:69'],
    ['69', 'departement:69'],
    ['2A', 'departement:2A'],
    ['974', 'departement:974'],
    ['Haute-Savoie', 'departement:74'],
    ['Bretagne', 'region:53'],
    ['Auvergne-Rhône-Alpes', 'region:84'],
    ['Ile de France', 'region:11'],
    ['PACA', 'region:93'],
    ['St Etienne', 'commune:42218'],
    ['Saint-Étienne', 'commune:42218'],
    ['au Havre', 'commune:76351'],
    ['Le Havre', 'commune:76351'],
    ['Havre', 'commune:76351'],
    ['Aix-en-Provence', 'commune:13001'],
  ])('%s -> %s', (name, expected) => {
    expect(ref(name)).toBe(expected);
  });

  it('lets the caller force the kind of a homonym', () => {
    expect(ref('Paris')).toBe('commune:75056');
    expect(ref('Paris', { kind: 'departement' })).toBe('departement:75');
    expect(ref('Vienne')).toBe('commune:38544');
    expect(ref('Vienne', { kind: 'departement' })).toBe('departement:86');
  });

  it('corrects typos and explains, or suggests names when nothing is close', () => {
    const typo = lookupPlace('Marseile');
    expect(typo.place?.code).toBe('13055');
    expect(typo.warnings[0]).toMatch(/Marseile/);
    const unknown = lookupPlace('Xyzville');
    expect(unknown.place).toBeNull();
    expect(unknown.warnings[0]).toMatch(/^lieu introuvable : « Xyzville »/);
    expect(unknown.suggestions.length).toBeGreaterThan(0);
    expect(lookupPlace('Xyzville', { lang: 'en' }).warnings[0]).toMatch(/^place not found/);
  });

  it('warns about ambiguous names', () => {
    const result = lookupPlace('Saint-Denis');
    expect(result.place?.kind).toBe('commune');
    expect(result.warnings.join(' ')).toMatch(/ambigu/);
  });

  it('returns null for empty or non-place input', () => {
    expect(resolvePlace('')).toBeNull();
    expect(resolvePlace('   ')).toBeNull();
    expect(resolvePlace('zzzzzzzzzz')).toBeNull();
  });
});
