import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resolvePlace } from '../intent';
import { createCompanySource } from './create-company-source';
import { CompanySourceError } from './errors';
import { loadOfflineDirectory } from './offline-directory';
import { RechercheEntreprisesSource, USER_AGENT, retryAfterMs, type RechercheEntreprisesOptions } from './recherche-entreprises';
import { startTestServer, type TestServer } from '../../test/france/recherche-entreprises-server';
import { FoundCompanySchema } from './types';

let server: TestServer;

beforeAll(async () => {
  // generous server-side limit here; the 7 requests/s limit has its own test and server
  server = await startTestServer({ rateLimit: 1000 });
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  server.reset();
});

// Fast retries; a generous request rate so tests do not wait on the bucket unless they mean to.
const client = (options: RechercheEntreprisesOptions = {}) => new RechercheEntreprisesSource({ baseUrl: server.url, retryBaseMs: 20, requestsPerSecond: 50, ...options });

const lyon = () => resolvePlace('Lyon')!.communes;

describe('RechercheEntreprisesSource against the local API', () => {
  it('finds Lyon companies through arrondissement codes (the city code finds nothing)', async () => {
    const byCity = await client().search({ naf: ['69.20Z'], communes: ['69123'], limit: 20 });
    expect(byCity.companies).toEqual([]);
    const { companies, source } = await client().search({ naf: ['69.20Z'], communes: lyon(), limit: 50 });
    expect(source).toBe('recherche-entreprises');
    expect(companies.length).toBeGreaterThanOrEqual(10);
    for (const c of companies) {
      expect(FoundCompanySchema.parse(c)).toEqual(c);
      expect(c.communeCode).toMatch(/^6938\d$/);
      expect(c.source).toBe('recherche-entreprises');
    }
  });

  it('sends the documented parameters and a descriptive User-Agent', async () => {
    await client().search({ naf: ['43.22A', '43.21A'], departement: '69', headcount: { min: 10, max: 49 }, limit: 5 });
    const [request] = server.requests;
    expect(request.userAgent).toBe(USER_AGENT);
    expect(request.params.get('activite_principale')).toBe('43.22A,43.21A');
    expect(request.params.get('departement')).toBe('69');
    expect(request.params.get('tranche_effectif_salarie')).toBe('11,12');
    expect(request.params.get('etat_administratif')).toBe('A');
    expect(Number(request.params.get('per_page'))).toBeLessThanOrEqual(25);
    expect(request.params.get('minimal')).toBe('true');
    expect(request.params.get('include')).toContain('dirigeants');
    expect(request.params.get('include')).toContain('matching_etablissements');
  });

  it('pages through results within the API window and honours the limit', async () => {
    const { companies, total } = await client().search({ naf: [], limit: 60 });
    expect(companies).toHaveLength(60);
    expect(total).toBeGreaterThan(60);
    const pages = server.requests.map((r) => Number(r.params.get('page')));
    expect(pages).toEqual([1, 2, 3]);
    expect(new Set(companies.map((c) => c.siret)).size).toBe(60);
  });

  it('excludes closed establishments and [NON-DIFFUSIBLE] companies the API returns', async () => {
    const units = loadOfflineDirectory();
    const masked = units.filter((u) => u.nom_complet === '[NON-DIFFUSIBLE]').map((u) => u.siren);
    const closed = units.filter((u) => u.siege?.etat_administratif === 'F' && u.etat_administratif === 'A').map((u) => u.siren);
    expect(masked.length).toBeGreaterThan(0);
    expect(closed.length).toBeGreaterThan(0);
    const { companies } = await client().search({ naf: [], limit: 10_000 });
    const found = new Set(companies.map((c) => c.siren));
    for (const siren of [...masked, ...closed]) expect(found.has(siren)).toBe(false);
  });

  it('reports a 400 clearly and does not retry it', async () => {
    server.failNext({ status: 400, body: JSON.stringify({ erreur: 'Au moins un paramètre `activite_principale` est non valide.' }) });
    const error = await client()
      .search({ naf: ['43.22A'], limit: 5 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CompanySourceError);
    expect(error).toMatchObject({ code: 'bad_request', status: 400 });
    expect((error as CompanySourceError).messageFr).toMatch(/activite_principale/);
    expect(server.requests).toHaveLength(1);
  });

  it('is rejected by the real validation rules when a query goes beyond the API window', async () => {
    const res = await fetch(`${server.url}/search?activite_principale=43.22A&per_page=26`);
    expect(res.status).toBe(400);
    expect((await res.json()).erreur).toMatch(/per_page/);
    const window = await fetch(`${server.url}/search?activite_principale=43.22A&per_page=25&page=401`);
    expect(window.status).toBe(400);
    expect((await window.json()).erreur).toMatch(/10 000/);
    const include = await fetch(`${server.url}/search?activite_principale=43.22A&include=dirigeants`);
    expect(include.status).toBe(400);
  });

  it('waits for Retry-After on 429, then succeeds', async () => {
    server.failNext({ status: 429, retryAfter: '1' });
    const started = Date.now();
    const { companies } = await client().search({ naf: ['68.31Z'], communes: lyon(), limit: 3 });
    expect(companies).toHaveLength(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.requests.map((r) => r.status)).toEqual([429, 200]);
  });

  it('retries 5xx with backoff, then succeeds', async () => {
    server.failNext({ status: 502 }, 2);
    const { companies } = await client().search({ naf: ['68.31Z'], communes: lyon(), limit: 3 });
    expect(companies).toHaveLength(3);
    expect(server.requests.map((r) => r.status)).toEqual([502, 502, 200]);
  });

  it('gives up after bounded retries with a clear error', async () => {
    server.failNext({ status: 503 }, 10);
    const error = await client({ maxRetries: 2 })
      .search({ naf: ['68.31Z'], limit: 3 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unavailable', status: 503 });
    expect((error as Error).message).toMatch(/HTTP 503/);
    expect(server.requests).toHaveLength(3);
  });

  it('times out a silent server with a clear error', async () => {
    server.delayNext(1500, 3);
    const error = await client({ timeoutMs: 200, maxRetries: 1 })
      .search({ naf: ['68.31Z'], limit: 3 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CompanySourceError);
    expect(error).toMatchObject({ code: 'timeout' });
    expect((error as CompanySourceError).messageFr).toMatch(/délai/);
  });

  it('keeps under 7 requests/s: a burst of searches never meets a 429', async () => {
    const strict = await startTestServer({ rateLimit: 7 });
    try {
      const limited = new RechercheEntreprisesSource({ baseUrl: strict.url, retryBaseMs: 20 });
      await Promise.all(Array.from({ length: 10 }, () => limited.search({ naf: ['43.22A'], departement: '75', limit: 1 })));
      expect(strict.requests.map((r) => r.status)).toEqual(Array(10).fill(200));
      expect(strict.requests[9].at - strict.requests[0].at).toBeGreaterThanOrEqual(1200);
    } finally {
      await strict.close();
    }
  });

  it('honours the server’s own 429 + Retry-After when over the limit', async () => {
    const strict = await startTestServer({ rateLimit: 2, retryAfterSeconds: 1 });
    try {
      const eager = new RechercheEntreprisesSource({ baseUrl: strict.url, retryBaseMs: 20, requestsPerSecond: 100 });
      const results = await Promise.all(Array.from({ length: 4 }, () => eager.search({ naf: ['43.22A'], departement: '75', limit: 1 })));
      expect(results.every((r) => r.companies.length === 1)).toBe(true);
      expect(strict.requests.some((r) => r.status === 429)).toBe(true);
      expect(strict.requests.filter((r) => r.status === 200)).toHaveLength(4);
    } finally {
      await strict.close();
    }
  });

  it('is what createCompanySource builds for RELAIS_COMPANY_SOURCE=api', async () => {
    const source = createCompanySource({ RELAIS_COMPANY_SOURCE: 'api', RELAIS_SIRENE_BASE_URL: server.url });
    const { companies } = await source.search({ naf: ['69.20Z'], communes: ['69387', '69388'], limit: 5 });
    expect(companies.length).toBeGreaterThan(0);
    expect(companies.every((c) => ['69387', '69388'].includes(c.communeCode ?? ''))).toBe(true);
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(retryAfterMs(null)).toBeNull();
    expect(retryAfterMs('soon')).toBeNull();
  });
});
