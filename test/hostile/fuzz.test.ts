import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, proposeEmail, TEST_SECRET_KEY } from '../support/approval';
import { createTestContext, type TestContext } from '../support/context';
import { PageClient } from '../portal/page-client';
import { applyMutations, withDeepNesting, hostileString, type IdPool, type Json, mutation, plausible, type Schema, urlEncode } from './arbitraries';
import { routePattern, scrapeForms, scrapeQueryNames } from './forms';
import { type Watcher, watchTables } from './snapshot';

// Issue 10, point 7: hostile input over the whole HTTP surface. Every operation of the OpenAPI
// document (read at run time, so new routes are covered as they land) and every POST route of the
// Portal (read from the app's routes; fields scraped from the pages that show the forms) receives
// generated requests: missing, extra and mistyped fields, huge strings, NUL, lone surrogates, RTL
// text, deep nesting, wrong content types, ids that are not UUIDs or belong to the other workspace.
// It fails on any 5xx and on any half-write: a 4xx must leave every table as it was.
// FUZZ_SEED replays a run; FUZZ_RUNS sets the requests per operation and per form; FUZZ_PROFILE=1
// prints where the time goes.

const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RUNS = Number(process.env.FUZZ_RUNS ?? 8);
/** a larger FUZZ_RUNS takes longer */
const TIMEOUT = Math.max(60_000, RUNS * 8_000);

type Finding = { kind: '5xx' | 'half-write' | 'error-shape'; where: string; status: number; request: string; detail?: string };

let t: TestContext;
let page: PageClient;
let csrf: string;
let tables: Watcher;
let previous = '';
/** the query parameters the Portal's pages use (links and filters), gathered by the forms' crawl */
const queryNames = new Set<string>(['lang']);
let pagePaths: string[] = [];
const findings: Finding[] = [];
const timing: [string, number, number][] = [];
const stats = { operations: 0, forms: 0, formsScraped: 0, pages: 0, requests: 0, status: {} as Record<string, number> };

/** Own fixture ids by the resource a path names (the segment before the id). */
const own: Record<string, string[]> = {};
const other: Record<string, string[]> = {};
const RESOURCE: Record<string, string> = {
  companies: 'company',
  people: 'person',
  leads: 'person',
  contacts: 'person',
  deals: 'deal',
  actions: 'action',
  library: 'action',
  connectors: 'connector',
  'auto-approve-rules': 'rule',
  rules: 'rule',
  members: 'user',
  chat: 'thread',
};
const all = (m: Record<string, string[]>) => Object.values(m).flat();
function poolFor(segment: string | undefined): IdPool {
  const kind = RESOURCE[segment ?? ''];
  return { own: kind ? own[kind] : all(own), other: kind ? other[kind] : all(other) };
}

async function fixtures(ws: TestContext['a'], into: Record<string, string[]>) {
  const as = { token: ws.adminToken };
  const company = await t.request('POST', '/api/companies', { ...as, body: { name: `Fuzz ${ws.id.slice(0, 4)}`, siren: null } });
  const personId = await createPerson(t, { ws });
  const deal = await t.request('POST', '/api/deals', { ...as, body: { title: 'Affaire', personId } });
  const actions = [await proposeEmail(t, personId, {}, ws.adminToken), await proposeEmail(t, personId, {}, ws.adminToken)];
  const connector = await t.request('POST', '/api/connectors', {
    ...as,
    body: { type: 'smtp', host: '127.0.0.1', port: 1, secure: false, user: 'u', password: 'p', fromEmail: 'envoi@exemple.fr', fromName: 'Fuzz' },
  });
  const rule = await t.request('POST', '/api/auto-approve-rules', {
    ...as,
    body: { name: 'Fuzz', scope: { kind: 'message' }, expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
  });
  const chat = await t.request('POST', '/api/chat', { ...as, body: { message: 'Bonjour' } });
  Object.assign(into, {
    company: [company.body.id],
    person: [personId],
    deal: [deal.body.id],
    action: actions.map((a) => a.id),
    connector: [connector.body.id],
    rule: [rule.body.id],
    user: [ws.memberId],
    thread: [chat.body.threadId],
  });
  for (const [k, v] of Object.entries(into)) if (v.some((x) => typeof x !== 'string')) throw new Error(`fixture ${k} not created`);
}

beforeAll(async () => {
  t = await createTestContext({ RELAIS_SECRET_KEY: TEST_SECRET_KEY });
  await fixtures(t.a, own);
  await fixtures(t.b, other);
  page = new PageClient(t);
  await page.signIn(t.a.id, t.a.adminId);
  csrf = await page.csrfToken('/settings');
  tables = await watchTables(t);
});
afterAll(async () => {
  // the figures the issue asks for, whatever the outcome
  console.info(`fuzz seed=${SEED} runs=${RUNS}`, JSON.stringify({ ...stats, findings: findings.length }));
  if (process.env.FUZZ_PROFILE) printProfile();
  if (process.env.FUZZ_REPORT) (await import('node:fs')).writeFileSync(process.env.FUZZ_REPORT, JSON.stringify(findings, null, 1));
  await t?.close();
});

/** Where the fuzz run spends its time (FUZZ_PROFILE=1): the slowest routes, request vs half-write check. */
function printProfile() {
  const by = new Map<string, [number, number, number]>();
  for (const [w, a, b] of timing) {
    const x = by.get(w) ?? [0, 0, 0];
    by.set(w, [x[0] + 1, x[1] + a, x[2] + b]);
  }
  const top = [...by].sort((x, y) => y[1][1] - x[1][1]).slice(0, 15);
  console.info(top.map(([w, [n, a, b]]) => `${w} n=${n} request=${a.toFixed(0)}ms check=${b.toFixed(0)}ms`).join('\n'));
}

const describeBody = (b: unknown) => {
  const s = typeof b === 'string' ? b : JSON.stringify(b);
  return s === undefined ? '' : s.length > 240 ? `${s.slice(0, 240)}…(${s.length} chars)` : s;
};

/** Sends, reads (an event stream is only opened), and checks the answer against the tables. */
async function send(where: string, url: string, init: RequestInit, bodyText: string, api: boolean) {
  stats.requests++;
  const t0 = performance.now();
  const res = await t.app.request(url, { ...init, body: init.method === 'GET' || init.method === 'HEAD' ? undefined : init.body });
  let text = '';
  if ((res.headers.get('content-type') ?? '').includes('text/event-stream')) await res.body?.cancel();
  else text = await res.text();
  const bucket = `${Math.floor(res.status / 100)}xx`;
  stats.status[bucket] = (stats.status[bucket] ?? 0) + 1;
  const request = `${init.method} ${url.length > 200 ? `${url.slice(0, 200)}…` : url} [${(init.headers as Record<string, string>)['content-type'] ?? 'no content-type'}] ${describeBody(bodyText)}`;
  if (res.status >= 500) findings.push({ kind: '5xx', where, status: res.status, request, detail: text.slice(0, 300) });
  const t1 = performance.now();
  const diff = await tables.changes();
  timing.push([where, t1 - t0, performance.now() - t1]);
  if (t1 - t0 > 1500) console.info('slow', (t1 - t0).toFixed(0), res.status, url.slice(0, 80), bodyText.slice(0, 150));
  if (res.status >= 400 && res.status < 500) {
    if (diff.length) findings.push({ kind: 'half-write', where, status: res.status, request, detail: `${diff.join(', ')} after ${previous}` });
    if (api && (res.headers.get('content-type') ?? '').includes('application/json')) {
      const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
      if (typeof body.error?.code !== 'string' || typeof body.error.message !== 'string')
        findings.push({ kind: 'error-shape', where, status: res.status, request, detail: text.slice(0, 200) });
    }
  }
  previous = `${res.status} ${request.slice(0, 300)}`;
  return res;
}

type Transport = 'json' | 'invalid-json' | 'text-plain' | 'form' | 'multipart' | 'none';
/** One of the values, each as likely as its weight. */
function weighted<T>(...entries: [T, number][]): fc.Arbitrary<T> {
  const total = entries.reduce((n, [, w]) => n + w, 0);
  return fc.integer({ min: 0, max: total - 1 }).map((n) => {
    let left = n;
    for (const [v, w] of entries) {
      left -= w;
      if (left < 0) return v;
    }
    return entries[0][0];
  });
}

const transports = (hasBody: boolean): fc.Arbitrary<Transport> =>
  hasBody
    ? weighted<Transport>(['json', 10], ['invalid-json', 1], ['text-plain', 1], ['form', 1], ['multipart', 1], ['none', 1])
    : weighted<Transport>(['none', 6], ['text-plain', 1], ['json', 1], ['invalid-json', 1]);

/** A raw body for routes that read one themselves (the CSV import): a spreadsheet of hostile cells. */
const rawBody = (pool: IdPool) =>
  fc
    .array(fc.array(hostileString(pool), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 })
    .map((rows) => ['Raison sociale;Nom;E-mail;Ville', ...rows.map((r) => r.join(';'))].join('\n'));

function encodeBody(transport: Transport, body: Json | undefined, raw: string): { body?: BodyInit; type?: string; text: string } {
  const json = body === undefined ? raw : withDeepNesting(JSON.stringify(body));
  switch (transport) {
    case 'json':
      return { body: json, type: 'application/json', text: json };
    case 'invalid-json':
      return { body: `${json.slice(0, Math.max(1, json.length - 1))}`, type: 'application/json', text: `${json.slice(0, 80)}` };
    case 'text-plain':
      return { body: json, type: 'text/plain', text: json };
    case 'form': {
      const form = new URLSearchParams();
      if (body && typeof body === 'object' && !Array.isArray(body)) for (const [k, v] of Object.entries(body)) form.append(k, typeof v === 'string' ? v : JSON.stringify(v));
      else form.append('body', json);
      return { body: form.toString(), type: 'application/x-www-form-urlencoded', text: form.toString() };
    }
    case 'multipart': {
      const form = new FormData();
      form.append('file', new Blob([json]), 'x.csv');
      return { body: form, text: `multipart: ${json}` };
    }
    case 'none':
      return { text: '' };
  }
}

type Parameter = { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema: Schema };
type Operation = { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> } };

describe('fuzz: hostile input gets a 4xx, never a 5xx nor a half-write', () => {
  it(
    'every operation of the OpenAPI document',
    async () => {
      const doc = (await t.request('GET', '/api/openapi.json')).body as unknown as { paths: Record<string, Record<string, Operation>> };
      const ops = Object.entries(doc.paths).flatMap(([path, byMethod]) => Object.entries(byMethod).map(([method, op]) => ({ path, method: method.toUpperCase(), op })));
      // destructive operations last, so that the others keep finding their records
      const destructive = (o: { method: string; path: string }) => o.method === 'DELETE' || /\/(erase|opt-out)$/.test(o.path);
      ops.sort((x, y) => Number(destructive(x)) - Number(destructive(y)));
      stats.operations = ops.length;
      expect(ops.length).toBeGreaterThan(40);

      for (const [index, { path, method, op }] of ops.entries()) {
        const params = op.parameters ?? [];
        const pathParams = params.filter((p) => p.in === 'path');
        const queryParams = params.filter((p) => p.in === 'query');
        const bodySchema = op.requestBody?.content['application/json']?.schema;
        const pool = poolFor(path.split('/')[1]);
        const pathValue = (p: Parameter) => {
          const segment = path.split('/')[path.split('/').indexOf(`{${p.name}}`) - 1];
          const ids = poolFor(segment);
          return p.schema.format === 'uuid' || /id$/i.test(p.name)
            ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ids.own) }, { weight: 2, arbitrary: fc.constantFrom(...ids.other) }, { weight: 2, arbitrary: hostileString(ids) })
            : fc.oneof({ weight: 3, arbitrary: plausible(doc, p.schema, ids, p.name).map(String) }, hostileString(ids));
        };
        const queryValue = (p: Parameter) =>
          fc.option(fc.oneof({ weight: 2, arbitrary: plausible(doc, p.schema, pool, p.name).map((v) => (v === null ? '' : String(v))) }, hostileString(pool)), { freq: 2 });
        const arb = fc.record({
          path: fc.tuple(...pathParams.map(pathValue)),
          query: fc.tuple(...queryParams.map(queryValue)),
          extraQuery: fc.option(hostileString(pool), { freq: 6 }),
          body: bodySchema
            ? fc.tuple(plausible(doc, bodySchema, pool), fc.array(mutation(pool), { maxLength: 3 })).map(([v, ms]) => applyMutations(v, ms))
            : fc.constant(undefined),
          raw: rawBody(pool),
          transport: transports(Boolean(bodySchema)),
          token: fc.constantFrom('admin', 'admin', 'admin', 'admin', 'admin', 'admin', 'member', 'none'),
        });
        for (const r of fc.sample(arb, { numRuns: RUNS, seed: SEED + index })) {
          let url = `/api${path}`;
          pathParams.forEach((p, i) => {
            url = url.replace(`{${p.name}}`, urlEncode(r.path[i]));
          });
          const qs = queryParams.flatMap((p, i) => (r.query[i] === null ? [] : [`${p.name}=${urlEncode(r.query[i])}`]));
          if (r.extraQuery !== null) qs.push(`unexpected=${urlEncode(r.extraQuery)}`);
          if (qs.length) url += `?${qs.join('&')}`;
          const { body, type, text } = encodeBody(r.transport, r.body, r.raw);
          const headers: Record<string, string> = {};
          if (type) headers['content-type'] = type;
          if (r.token !== 'none') headers.authorization = `Bearer ${r.token === 'admin' ? t.a.adminToken : t.a.memberToken}`;
          await send(`${method} ${path}`, url, { method, headers, body }, text, true);
        }
      }
    },
    TIMEOUT,
  );

  it(
    'every Portal form',
    async () => {
      // fresh records: the API's turn ended with its deletions
      await fixtures(t.a, own);
      const routes = t.app.routes.filter((r) => !r.path.startsWith('/api') && !r.path.includes('*'));
      const posts = [...new Set(routes.filter((r) => r.method === 'POST').map((r) => r.path))];
      // the pages that show the forms: every GET route, its ids filled with this workspace's records
      const gets = [...new Set(routes.filter((r) => r.method === 'GET' && !/events|assets|^\/u\/|^\/health|^\/login|^\/logout/.test(r.path)).map((r) => r.path))];
      const fields = new Map<string, Map<string, string>>();
      for (const g of gets) {
        const url = g.replace(/:([A-Za-z]+)/g, () => poolFor(g.split('/')[1]).own[0]);
        const res = await page.get(url);
        for (const name of scrapeQueryNames(res.html)) queryNames.add(name);
        for (const form of scrapeForms(res.html)) {
          const route = posts.find((p) => routePattern(p).test(form.action.split('?')[0]));
          if (!route) continue;
          const known = fields.get(route) ?? new Map<string, string>();
          for (const [k, v] of form.fields) if (!known.has(k)) known.set(k, v);
          fields.set(route, known);
        }
      }
      pagePaths = gets;
      stats.forms = posts.length;
      stats.formsScraped = fields.size;
      expect(posts.length).toBeGreaterThan(20);
      await tables.changes();

      for (const [index, route] of posts.entries()) {
        const pool = poolFor(route.split('/')[1] === 'settings' ? route.split('/')[2] : route.split('/')[1]);
        const known = [
          ...(fields.get(route) ??
            new Map([
              ['value', ''],
              ['id', own.company[0]],
            ])),
        ].filter(([k]) => k !== '_csrf');
        const fieldValue = (scraped: string) =>
          fc.oneof(
            { weight: 3, arbitrary: fc.constant<string | string[] | null>(scraped) },
            { weight: 3, arbitrary: hostileString(pool) },
            { weight: 1, arbitrary: fc.constant(null) },
            { weight: 1, arbitrary: fc.tuple(fc.constant(scraped), hostileString(pool)).map(([a, b]) => [a, b]) },
          );
        const arb = fc.record({
          id: fc.oneof(
            { weight: 4, arbitrary: fc.constantFrom(...pool.own) },
            { weight: 2, arbitrary: fc.constantFrom(...pool.other) },
            { weight: 2, arbitrary: hostileString(pool) },
          ),
          values: fc.tuple(...known.map(([, v]) => fieldValue(v))),
          extra: fc.option(fc.tuple(fc.constantFrom('extra', 'workspaceId', 'role', '__proto__'), hostileString(pool)), { freq: 6 }),
          transport: weighted<'form' | 'multipart' | 'json' | 'text-plain' | 'none'>(['form', 10], ['multipart', 1], ['json', 1], ['text-plain', 1], ['none', 1]),
          csrf: fc.constantFrom(true, true, true, true, true, true, true, true, false),
        });
        for (const r of fc.sample(arb, { numRuns: RUNS, seed: SEED + 1000 + index })) {
          const url = route.replace(/:([A-Za-z]+)/g, () => urlEncode(r.id));
          const form: [string, string][] = r.csrf ? [['_csrf', csrf]] : [];
          known.forEach(([k], i) => {
            const v = r.values[i];
            if (v === null) return;
            for (const x of Array.isArray(v) ? v : [v]) form.push([k, x]);
          });
          if (r.extra) form.push(r.extra);
          const headers: Record<string, string> = { cookie: page.cookieHeader(), accept: 'text/html' };
          let body: BodyInit | undefined;
          if (r.transport === 'form' || r.transport === 'text-plain') {
            body = new URLSearchParams(form).toString();
            headers['content-type'] = r.transport === 'form' ? 'application/x-www-form-urlencoded' : 'text/plain';
          } else if (r.transport === 'multipart') {
            const fd = new FormData();
            for (const [k, v] of form) fd.append(k, v);
            body = fd;
          } else if (r.transport === 'json') {
            body = JSON.stringify(Object.fromEntries(form));
            headers['content-type'] = 'application/json';
            if (r.csrf) headers['x-csrf-token'] = csrf;
          }
          const res = await send(
            `POST ${route}`,
            url,
            { method: 'POST', headers, body },
            describeBody(Object.fromEntries(form.map(([k, v]) => [k, v.length > 60 ? `${v.slice(0, 60)}…(${v.length})` : v]))),
            false,
          );
          // a sign-out (the /logout form) ends the session: sign in again, outside the comparison
          if (res.headers.getSetCookie().some((c) => /max-age=0|expires=thu, 01 jan 1970/i.test(c))) {
            await page.signIn(t.a.id, t.a.adminId);
            csrf = await page.csrfToken('/settings');
            await tables.changes();
          }
        }
      }
    },
    TIMEOUT,
  );

  it(
    'every Portal page, with hostile query strings',
    async () => {
      const names = [...queryNames];
      stats.pages = pagePaths.length;
      expect(pagePaths.length).toBeGreaterThan(15);
      for (const [index, route] of pagePaths.entries()) {
        const pool = poolFor(route.split('/')[1]);
        const arb = fc.record({
          id: fc.oneof(
            { weight: 3, arbitrary: fc.constantFrom(...pool.own) },
            { weight: 1, arbitrary: fc.constantFrom(...pool.other) },
            { weight: 2, arbitrary: hostileString(pool) },
          ),
          query: fc.array(fc.tuple(fc.constantFrom(...names), hostileString(pool)), { minLength: 1, maxLength: 4 }),
        });
        for (const r of fc.sample(arb, { numRuns: Math.ceil(RUNS / 2), seed: SEED + 2000 + index })) {
          const url = `${route.replace(/:([A-Za-z]+)/g, () => urlEncode(r.id))}?${r.query.map(([k, v]) => `${k}=${urlEncode(v.slice(0, 4000))}`).join('&')}`;
          await send(`GET ${route}`, url, { method: 'GET', headers: { cookie: page.cookieHeader(), accept: 'text/html' } }, '', false);
        }
      }
    },
    TIMEOUT,
  );

  it('reports no 5xx and no half-write', () => {
    const shown = findings.slice(0, 40).map((f) => `${f.kind} ${f.status} ${f.where}\n    ${f.request}\n    ${f.detail ?? ''}`);
    expect(shown, `seed ${SEED}: ${findings.length} findings`).toEqual([]);
  });
});
