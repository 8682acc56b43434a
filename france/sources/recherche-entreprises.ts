import { ApiErrorSchema, ApiSearchResponseSchema, type ApiSearchResponse } from './api-schema';
import { CompanySourceError } from './errors';
import { bandsForHeadcount } from './headcount-bands';
import { toFoundCompany } from './normalize-company';
import { TokenBucket } from './token-bucket';
import { CompanyQuerySchema, type CompanyQuery, type CompanySearchResult, type CompanySource, type FoundCompany } from './types';

export const DEFAULT_BASE_URL = 'https://recherche-entreprises.api.gouv.fr';
export const USER_AGENT = 'Relais/0.1 (+CRM; contact via workspace)';

// Documented limits of GET /search.
const PER_PAGE = 25;
const MAX_WINDOW = 10_000; // page × per_page
// The API allows 7 requests/s per IP; a steady 6.5/s (no bursts) stays under any way of
// counting them (fixed or rolling one-second windows) despite network jitter.
const RATE_PER_SECOND = 6.5;
const BURST = 1;
// A long list of commune codes is split so URLs stay short (a département has hundreds).
const COMMUNES_PER_REQUEST = 50;

export type RechercheEntreprisesOptions = {
  baseUrl?: string;
  fetch?: typeof fetch;
  /** per HTTP attempt, body included */
  timeoutMs?: number;
  /** retries after a 5xx, a timeout or a network error */
  maxRetries?: number;
  /** retries after a 429 */
  maxRateLimitRetries?: number;
  /** first backoff delay; doubles on each retry */
  retryBaseMs?: number;
  /** longest Retry-After honoured before giving up */
  maxRetryAfterMs?: number;
  /** steady request rate; default 6.5/s, under the API's 7 requests/s */
  requestsPerSecond?: number;
  /** safety cap on pages fetched for one search */
  maxPages?: number;
  userAgent?: string;
};

// The 7 requests/s limit is per IP: every client of the same API shares one bucket.
const buckets = new Map<string, TokenBucket>();
function sharedBucket(baseUrl: string, rate: number): TokenBucket {
  const key = `${baseUrl}|${rate}`;
  let bucket = buckets.get(key);
  if (!bucket) {
    bucket = new TokenBucket(rate, BURST);
    buckets.set(key, bucket);
  }
  return bucket;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Retry-After in seconds or as an HTTP date, in milliseconds; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const seconds = Number(header.trim());
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

type Attempt = { status: number; headers: Headers; body: string };

/**
 * Client of the API Recherche d'entreprises (https://recherche-entreprises.api.gouv.fr, no key):
 * rate-limited to 7 requests/s, honours 429 Retry-After, retries 5xx and timeouts with
 * exponential backoff, never retries a 400. Closed establishments and unpublished
 * ([NON-DIFFUSIBLE]) companies are left out.
 */
export class RechercheEntreprisesSource implements CompanySource {
  readonly name = 'recherche-entreprises' as const;
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly bucket: TokenBucket;
  private readonly options: Required<Omit<RechercheEntreprisesOptions, 'baseUrl' | 'fetch'>>;

  constructor(options: RechercheEntreprisesOptions = {}) {
    this.baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
    this.fetchImpl = options.fetch ?? globalThis.fetch;
    this.options = {
      timeoutMs: options.timeoutMs ?? 10_000,
      maxRetries: options.maxRetries ?? 3,
      maxRateLimitRetries: options.maxRateLimitRetries ?? 5,
      retryBaseMs: options.retryBaseMs ?? 500,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 30_000,
      requestsPerSecond: options.requestsPerSecond ?? RATE_PER_SECOND,
      maxPages: options.maxPages ?? 40,
      userAgent: options.userAgent ?? USER_AGENT,
    };
    this.bucket = sharedBucket(this.baseUrl, this.options.requestsPerSecond);
  }

  async search(input: CompanyQuery): Promise<CompanySearchResult> {
    const parsed = CompanyQuerySchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const detail = `${issue?.path.join('.')}: ${issue?.message}`;
      throw new CompanySourceError('invalid_query', `invalid company query (${detail})`, { detail });
    }
    const query = parsed.data;
    const companies: FoundCompany[] = [];
    const seen = new Set<string>();
    let total = 0;
    const communeGroups = query.communes?.length ? chunks(query.communes, COMMUNES_PER_REQUEST) : [undefined];
    for (const communes of communeGroups) {
      const area = { communes, postcodes: query.postcodes, departement: query.departement, region: query.region };
      for (let page = 1; page <= this.options.maxPages && page * PER_PAGE <= MAX_WINDOW; page++) {
        const response = await this.fetchPage(this.params(query, communes, page));
        if (page === 1) total += response.total_results;
        for (const unit of response.results) {
          const company = toFoundCompany(unit, area, 'recherche-entreprises');
          if (!company || seen.has(company.siret)) continue;
          seen.add(company.siret);
          companies.push(company);
          if (companies.length >= query.limit) return { companies, total, source: this.name };
        }
        if (page >= response.total_pages || response.results.length === 0) break;
      }
    }
    return { companies, total, source: this.name };
  }

  private params(query: CompanyQuery, communes: string[] | undefined, page: number): URLSearchParams {
    const params = new URLSearchParams();
    if (query.naf.length) params.set('activite_principale', query.naf.join(','));
    if (communes?.length) params.set('code_commune', communes.join(','));
    if (query.postcodes?.length) params.set('code_postal', query.postcodes.join(','));
    if (query.departement) params.set('departement', query.departement);
    if (query.region) params.set('region', query.region);
    const bands = bandsForHeadcount(query.headcount);
    if (bands) params.set('tranche_effectif_salarie', bands.join(','));
    params.set('etat_administratif', 'A');
    params.set('minimal', 'true');
    params.set('include', 'siege,dirigeants,matching_etablissements,complements');
    params.set('limite_matching_etablissements', '10');
    params.set('per_page', String(PER_PAGE));
    params.set('page', String(page));
    return params;
  }

  private async attempt(url: string): Promise<Attempt> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error('timeout')), this.options.timeoutMs);
    try {
      const res = await this.fetchImpl(url, {
        headers: { 'User-Agent': this.options.userAgent, Accept: 'application/json' },
        signal: controller.signal,
      });
      return { status: res.status, headers: res.headers, body: await res.text() };
    } finally {
      clearTimeout(timer);
    }
  }

  private backoff(failures: number): number {
    const base = this.options.retryBaseMs * 2 ** (failures - 1);
    return base + Math.floor(Math.random() * (this.options.retryBaseMs / 2));
  }

  private async fetchPage(params: URLSearchParams): Promise<ApiSearchResponse> {
    const url = `${this.baseUrl}/search?${params}`;
    let failures = 0;
    let rateLimited = 0;
    for (;;) {
      await this.bucket.take();
      let answer: Attempt;
      try {
        answer = await this.attempt(url);
      } catch (error) {
        failures++;
        const timedOut = error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError' || error.message === 'timeout');
        if (failures > this.options.maxRetries) {
          throw new CompanySourceError(
            timedOut ? 'timeout' : 'unavailable',
            timedOut
              ? `API Recherche d'entreprises did not answer within ${this.options.timeoutMs} ms (${failures} attempts)`
              : `API Recherche d'entreprises unreachable after ${failures} attempts: ${error instanceof Error ? error.message : String(error)}`,
            { cause: error },
          );
        }
        await sleep(this.backoff(failures));
        continue;
      }
      const { status, headers, body } = answer;
      if (status >= 200 && status < 300) return this.parse(body, status);
      if (status === 429) {
        rateLimited++;
        const wait = retryAfterMs(headers.get('retry-after')) ?? this.backoff(rateLimited);
        if (rateLimited > this.options.maxRateLimitRetries || wait > this.options.maxRetryAfterMs) {
          throw new CompanySourceError('rate_limited', `API Recherche d'entreprises rate limit (HTTP 429) persisted after ${rateLimited} waits`, { status });
        }
        await sleep(wait);
        continue;
      }
      if (status >= 500) {
        failures++;
        if (failures > this.options.maxRetries) {
          throw new CompanySourceError('unavailable', `API Recherche d'entreprises failed with HTTP ${status} (${failures} attempts)`, { status });
        }
        await sleep(this.backoff(failures));
        continue;
      }
      const detail = this.errorDetail(body);
      throw new CompanySourceError('bad_request', `API Recherche d'entreprises rejected the request (HTTP ${status})${detail ? `: ${detail}` : ''}`, {
        status,
        detail: detail ?? undefined,
      });
    }
  }

  private errorDetail(body: string): string | null {
    try {
      const parsed = ApiErrorSchema.safeParse(JSON.parse(body));
      return parsed.success ? parsed.data.erreur : null;
    } catch {
      return body.trim().slice(0, 200) || null;
    }
  }

  private parse(body: string, status: number): ApiSearchResponse {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch (error) {
      throw new CompanySourceError('invalid_response', "API Recherche d'entreprises answered with invalid JSON", { status, cause: error });
    }
    const parsed = ApiSearchResponseSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const detail = `${issue?.path.join('.')}: ${issue?.message}`;
      throw new CompanySourceError('invalid_response', `unexpected API Recherche d'entreprises response (${detail})`, { status, detail });
    }
    return parsed.data;
  }
}
