import { describe, expect, it } from 'vitest';
import { parseIntent, resolvePlace } from '../intent';
import { isValidSiren, isValidSiret } from '../siren';
import { createCompanySource } from './create-company-source';
import { OFFLINE_DIRECTORY_FILE, OfflineDirectorySource, OfflineDirectorySchema, loadOfflineDirectory } from './offline-directory';
import { companyQueriesFromIntent } from './query-from-intent';
import { RechercheEntreprisesSource } from './recherche-entreprises';
import { FoundCompanySchema } from './types';
import { readFileSync, statSync } from 'node:fs';

const source = new OfflineDirectorySource();
const units = loadOfflineDirectory();

describe('offline directory data', () => {
  it('is marked fictitious, in the API format, under 1 MB', () => {
    const raw = JSON.parse(readFileSync(OFFLINE_DIRECTORY_FILE, 'utf8'));
    expect(OfflineDirectorySchema.parse(raw).fictitious).toBe(true);
    expect(raw.notice).toMatch(/FICTI/);
    expect(statSync(OFFLINE_DIRECTORY_FILE).size).toBeLessThan(1024 * 1024);
    expect(units.length).toBeGreaterThanOrEqual(400);
  });

  it('has Luhn-valid identifiers, a dirigeant for every company, .example contacts for published ones', () => {
    const sirens = new Set<string>();
    for (const unit of units) {
      expect(isValidSiren(unit.siren), unit.siren).toBe(true);
      expect(sirens.has(unit.siren)).toBe(false);
      sirens.add(unit.siren);
      for (const e of [unit.siege!, ...(unit.matching_etablissements ?? [])]) {
        expect(isValidSiret(e.siret), e.siret).toBe(true);
        expect(e.siret.startsWith(unit.siren)).toBe(true);
      }
      expect(unit.dirigeants?.length).toBeGreaterThan(0);
      if (unit.statut_diffusion === 'O') {
        expect(unit.coordonnees_fictives?.email).toMatch(/@[a-z0-9-]+\.example$/);
        expect(unit.coordonnees_fictives?.site_internet).toMatch(/^https:\/\/www\.[a-z0-9-]+\.example$/);
      }
    }
  });

  it('covers the twelve big cities with building trades, accountants and estate agents', async () => {
    const cities = ['Paris', 'Lyon', 'Marseille', 'Bordeaux', 'Nantes', 'Toulouse', 'Lille', 'Nice', 'Rennes', 'Strasbourg', 'Montpellier', 'Grenoble'];
    for (const city of cities) {
      for (const [sector, min] of [
        ['rénovation', 10],
        ['experts-comptables', 10],
        ['agences immobilières', 10],
      ] as const) {
        const [query] = companyQueriesFromIntent(parseIntent(`${sector} à ${city}`), 100);
        const { companies } = await source.search(query);
        expect(companies.length, `${sector} à ${city}`).toBeGreaterThanOrEqual(min);
      }
    }
    const lyon = await source.search({ naf: ['69.20Z'], communes: resolvePlace('Lyon')?.communes ?? [], limit: 100 });
    expect(new Set(lyon.companies.map((c) => c.communeCode)).size).toBeGreaterThan(2); // spread over arrondissements
    expect(units.some((u) => u.complements?.est_entrepreneur_individuel)).toBe(true);
    expect(units.some((u) => u.etat_administratif === 'C' || u.siege?.etat_administratif === 'F')).toBe(true);
    expect(units.some((u) => u.nom_complet === '[NON-DIFFUSIBLE]')).toBe(true);
  });
});

describe('OfflineDirectorySource', () => {
  it('filters by NAF and commune, like the API', async () => {
    const { companies, total } = await source.search({ naf: ['68.31Z'], communes: ['69387', '69388'], limit: 50 });
    expect(total).toBe(companies.length);
    expect(companies.length).toBeGreaterThan(0);
    for (const c of companies) {
      expect(FoundCompanySchema.parse(c)).toEqual(c);
      expect(c.nafCode).toBe('68.31Z');
      expect(['69387', '69388']).toContain(c.communeCode);
      expect(c.source).toBe('offline');
      expect(c.sourceId).toBe(c.siret);
    }
  });

  it('finds nothing under the city code of Lyon, everything under its arrondissements', async () => {
    expect((await source.search({ naf: ['69.20Z'], communes: ['69123'], limit: 50 })).companies).toEqual([]);
    const lyon = parseIntent('experts-comptables à Lyon');
    const [query] = companyQueriesFromIntent(lyon, 50);
    expect((await source.search(query)).companies.length).toBeGreaterThanOrEqual(10);
  });

  it('filters by postcode, département, région and headcount', async () => {
    const byPostcode = await source.search({ naf: [], postcodes: ['75015'], limit: 100 });
    expect(byPostcode.companies.every((c) => c.postcode === '75015')).toBe(true);
    const byDepartement = await source.search({ naf: ['69.20Z'], departement: '13', limit: 100 });
    expect(byDepartement.companies.length).toBeGreaterThan(0);
    expect(byDepartement.companies.every((c) => c.communeCode?.startsWith('132'))).toBe(true);
    const byRegion = await source.search({ naf: ['69.20Z'], region: '53', limit: 100 });
    expect(byRegion.companies.every((c) => c.postcode?.startsWith('35'))).toBe(true);
    const big = await source.search({ naf: ['69.20Z'], headcount: { min: 10, max: null }, limit: 500 });
    expect(big.companies.length).toBeGreaterThan(0);
    expect(big.companies.every((c) => ['11', '12', '21', '22'].includes(c.headcountBand?.code ?? ''))).toBe(true);
  });

  it('leaves out closed and unpublished companies', async () => {
    const { companies } = await source.search({ naf: [], limit: 10_000 });
    const found = new Set(companies.map((c) => c.siren));
    for (const unit of units) {
      const hidden = unit.etat_administratif === 'C' || unit.siege?.etat_administratif === 'F' || unit.nom_complet === '[NON-DIFFUSIBLE]';
      if (hidden && !(unit.matching_etablissements ?? []).some((e) => e.etat_administratif === 'A')) expect(found.has(unit.siren)).toBe(false);
    }
    expect(companies.some((c) => c.name.includes('NON-DIFFUSIBLE'))).toBe(false);
    expect(companies.length).toBeLessThan(units.length);
  });

  it('returns the establishment that matched, with dirigeants and sole traders flagged', async () => {
    const paris = resolvePlace('Paris')?.communes ?? [];
    const { companies } = await source.search({ naf: ['69.20Z'], communes: paris, limit: 10_000 });
    // a firm based in Lyon with a branch in Paris: the Paris establishment's SIRET, not the head office's
    const branch = companies.find((c) => c.siret.slice(9, 13) !== '0001');
    expect(branch?.siret.startsWith(branch.siren)).toBe(true);
    expect(branch?.communeCode?.startsWith('751')).toBe(true);
    const soleTrader = companies.find((c) => c.isNaturalPerson);
    expect(soleTrader?.dirigeants[0]).toMatchObject({ isNaturalPerson: true, role: 'Entrepreneur individuel' });
    expect(companies.every((c) => c.dirigeants.length > 0)).toBe(true);
  });

  it('answers in a stable order and honours the limit', async () => {
    const query = { naf: ['43.22A', '43.21A', '43.34Z'], limit: 7 };
    const a = await source.search(query);
    const b = await source.search(query);
    expect(a.companies).toHaveLength(7);
    expect(a.companies.map((c) => c.siret)).toEqual(b.companies.map((c) => c.siret));
    expect(a.total).toBeGreaterThan(7);
  });

  it('rejects an invalid query with a clear error', async () => {
    await expect(source.search({ naf: ['4334Z'], limit: 5 })).rejects.toMatchObject({ code: 'invalid_query' });
    await expect(source.search({ naf: [], limit: 0 })).rejects.toMatchObject({ code: 'invalid_query' });
  });
});

describe('createCompanySource', () => {
  it('defaults to the offline directory and builds the API client on request', () => {
    expect(createCompanySource({}).name).toBe('offline');
    expect(createCompanySource({ RELAIS_COMPANY_SOURCE: 'offline' }).name).toBe('offline');
    const api = createCompanySource({ RELAIS_COMPANY_SOURCE: 'api', RELAIS_SIRENE_BASE_URL: 'http://127.0.0.1:1' });
    expect(api).toBeInstanceOf(RechercheEntreprisesSource);
    expect(() => createCompanySource({ RELAIS_COMPANY_SOURCE: 'sirene' })).toThrow(/RELAIS_COMPANY_SOURCE/);
    expect(() => createCompanySource({ RELAIS_COMPANY_SOURCE: 'api', RELAIS_SIRENE_BASE_URL: 'not a url' })).toThrow(/RELAIS_SIRENE_BASE_URL/);
  });
});
