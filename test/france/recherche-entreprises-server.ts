import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isNafCode } from '../../france/naf/naf-codes';
import type { ApiUniteLegale } from '../../france/sources/api-schema';
import { filterDirectory } from '../../france/sources/directory-filter';
import { HEADCOUNT_BANDS } from '../../france/sources/headcount-bands';
import { loadOfflineDirectory } from '../../france/sources/offline-directory';

/**
 * A local stand-in for https://recherche-entreprises.api.gouv.fr implementing the documented
 * contract of GET /search: parameter validation with HTTP 400 {"erreur"} (per_page ≤ 25,
 * page × per_page ≤ 10 000, include needs minimal=true…), 7 requests/s with HTTP 429 and
 * Retry-After, results in the API's format from the offline directory. Faults (5xx, delays)
 * can be scripted. For tests and local demos only.
 */
export type TestServerOptions = {
  units?: ApiUniteLegale[];
  /** requests per rolling second before answering 429 */
  rateLimit?: number;
  /** seconds announced in Retry-After */
  retryAfterSeconds?: number;
};

type Fault = { status: number; body?: string; delayMs?: number; retryAfter?: string };

export type RecordedRequest = { at: number; params: URLSearchParams; userAgent: string | undefined; status: number };

export type TestServer = {
  url: string;
  requests: RecordedRequest[];
  /** answer the next `times` requests with this fault instead of results */
  failNext(fault: Fault, times?: number): void;
  /** delay the next `times` answers (for timeouts) */
  delayNext(ms: number, times?: number): void;
  /** forget scripted faults and delays, and the request log */
  reset(): void;
  close(): Promise<void>;
};

const PER_PAGE_MAX = 25;
const WINDOW_MAX = 10_000;
const PAGE_MAX = 1000;
const INCLUDABLE = ['complements', 'dirigeants', 'finances', 'score', 'siege', 'matching_etablissements'];
const SEARCH_PARAMS = [
  'q',
  'activite_principale',
  'code_commune',
  'code_postal',
  'departement',
  'region',
  'tranche_effectif_salarie',
  'etat_administratif',
  'section_activite_principale',
  'categorie_entreprise',
  'nature_juridique',
];
const COMMUNE = /^([013-9]\d|2[AB1-9])\d{3}$/;
const POSTCODE = /^((0[1-9])|([1-8][0-9])|(9[0-8])|(2A)|(2B))[0-9]{3}$/;
const BAND_CODES = new Set<string>(HEADCOUNT_BANDS.map((b) => b.code));

class BadRequest extends Error {}

const list = (value: string | null) =>
  value
    ? value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)
    : [];

function integer(params: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = params.get(name);
  if (raw === null) return fallback;
  if (!/^-?\d+$/.test(raw)) throw new BadRequest(`Veuillez indiquer un paramètre \`${name}\` entier.`);
  const value = Number(raw);
  if (value < min || value > max) {
    throw new BadRequest(`Veuillez indiquer un paramètre \`${name}\` entre \`${min}\` et \`${max}\`, par défaut \`${fallback}\`.`);
  }
  return value;
}

function validate(params: URLSearchParams) {
  const perPage = integer(params, 'per_page', 10, 1, PER_PAGE_MAX);
  const page = integer(params, 'page', 1, 1, PAGE_MAX);
  const matching = integer(params, 'limite_matching_etablissements', 10, 1, 100);
  if (page * perPage > WINDOW_MAX) {
    throw new BadRequest(
      "Le nombre total de résultats est restreint à 10 000. Pour garantir cela, le produit du numéro de page et du nombre de résultats par page, c'est-à-dire `page * per_page`, ne doit pas excéder 10 000.",
    );
  }
  if (!SEARCH_PARAMS.some((p) => params.get(p))) throw new BadRequest('Veuillez indiquer au moins un paramètre de recherche.');
  const naf = list(params.get('activite_principale'));
  if (naf.some((c) => !isNafCode(c))) throw new BadRequest('Au moins un paramètre `activite_principale` est non valide.');
  const communes = list(params.get('code_commune'));
  if (communes.some((c) => !COMMUNE.test(c))) throw new BadRequest('Au moins une valeur du paramètre commune est non valide.');
  const postcodes = list(params.get('code_postal'));
  if (postcodes.some((c) => !POSTCODE.test(c))) throw new BadRequest('Au moins une valeur du paramètre code_postal est non valide.');
  const bands = list(params.get('tranche_effectif_salarie'));
  if (bands.some((b) => !BAND_CODES.has(b))) throw new BadRequest('Au moins une tranche salariés est non valide.');
  const state = params.get('etat_administratif');
  if (state && !['A', 'C'].includes(state.toUpperCase())) {
    throw new BadRequest("Le paramètre `etat_administratif` doit prendre une des valeurs suivantes ['A', 'C'].");
  }
  const minimal = params.get('minimal');
  if (minimal && !['true', 'false'].includes(minimal.toLowerCase())) throw new BadRequest("minimal doit prendre la valeur 'true' ou 'false' !");
  const include = list(params.get('include')).map((f) => f.toLowerCase());
  if (include.length && minimal?.toLowerCase() !== 'true') {
    throw new BadRequest("Veuillez indiquer si vous souhaitez une réponse minimale avec le filtre 'minimal=True' avant de préciser les champs à inclure.");
  }
  if (include.some((f) => !INCLUDABLE.includes(f))) throw new BadRequest(`Au moins un champ à inclure est non valide. Les champs valides : ${INCLUDABLE}.`);
  return {
    perPage,
    page,
    matching,
    naf,
    communes,
    postcodes,
    bands,
    state: state?.toUpperCase() ?? null,
    departement: params.get('departement') ?? undefined,
    region: params.get('region') ?? undefined,
    minimal: minimal?.toLowerCase() === 'true',
    include,
  };
}

function shape(unit: ApiUniteLegale, matching: ApiUniteLegale['matching_etablissements'], v: ReturnType<typeof validate>) {
  const full: Record<string, unknown> = { ...unit, matching_etablissements: (matching ?? []).slice(0, v.matching) };
  if (!v.minimal) return full;
  // minimal=true: the unit's own fields, plus only the blocks asked for with include
  for (const block of ['complements', 'dirigeants', 'finances', 'siege', 'matching_etablissements']) {
    if (!v.include.includes(block)) delete full[block];
  }
  return full;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const units = options.units ?? loadOfflineDirectory();
  const rateLimit = options.rateLimit ?? 7;
  const retryAfter = options.retryAfterSeconds ?? 1;
  const requests: RecordedRequest[] = [];
  const recent: number[] = [];
  const faults: Fault[] = [];
  const delays: number[] = [];

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const now = Date.now();
    const record = (status: number) => requests.push({ at: now, params: url.searchParams, userAgent: req.headers['user-agent'], status });
    if (req.method !== 'GET' || url.pathname !== '/search') {
      record(404);
      return send(res, 404, { erreur: 'Not found' });
    }
    while (recent.length && now - recent[0] >= 1000) recent.shift();
    if (recent.length >= rateLimit) {
      record(429);
      return send(res, 429, { erreur: 'Trop de requêtes' }, { 'retry-after': String(retryAfter) });
    }
    recent.push(now);
    const delay = delays.shift();
    if (delay) await new Promise((r) => setTimeout(r, delay));
    const fault = faults.shift();
    if (fault) {
      if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
      record(fault.status);
      return send(res, fault.status, fault.body ?? { erreur: `Erreur ${fault.status}` }, fault.retryAfter ? { 'retry-after': fault.retryAfter } : {});
    }
    let v: ReturnType<typeof validate>;
    try {
      v = validate(url.searchParams);
    } catch (error) {
      if (!(error instanceof BadRequest)) throw error;
      record(400);
      return send(res, 400, { erreur: error.message });
    }
    const found = filterDirectory(units, {
      naf: v.naf,
      communes: v.communes,
      postcodes: v.postcodes,
      departement: v.departement,
      region: v.region,
      bands: v.bands.length ? v.bands : null,
      activeOnly: false,
    }).filter(({ unit }) => !v.state || unit.etat_administratif === v.state);
    const pageItems = found.slice((v.page - 1) * v.perPage, v.page * v.perPage);
    record(200);
    send(res, 200, {
      results: pageItems.map(({ unit, matching }) => shape(unit, matching, v)),
      total_results: found.length,
      page: v.page,
      per_page: v.perPage,
      total_pages: Math.ceil(found.length / v.perPage),
    });
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, { erreur: error instanceof Error ? error.message : String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext: (fault, times = 1) => {
      for (let i = 0; i < times; i++) faults.push(fault);
    },
    delayNext: (ms, times = 1) => {
      for (let i = 0; i < times; i++) delays.push(ms);
    },
    reset: () => {
      faults.length = 0;
      delays.length = 0;
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
