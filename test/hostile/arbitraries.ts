import fc from 'fast-check';

// Inputs for the fuzz test (fuzz.test.ts): values shaped after an OpenAPI schema ("plausible"),
// then broken on purpose: hostile strings, wrong types, missing and extra fields, deep nesting.

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: Json[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  nullable?: boolean;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
};

/** Ids a uuid field may carry: this workspace's records, the other workspace's, and made-up ones. */
export type IdPool = { own: string[]; other: string[] };

const MADE_UP_UUID = '00000000-0000-4000-8000-000000000000';

/** Strings that have broken something somewhere: storage, parsing, rendering, ranges. */
export const HOSTILE_STRINGS: string[] = [
  'a\u0000b',
  '\u0000',
  'x\ud800y',
  '\udfff',
  '\ud83d',
  '\u202eevil\u202c.exe',
  'مرحبا بالعالم',
  '\u200f\u200e\u2066x\u2069',
  '👍🏽 👩‍👩‍👧 ',
  'Z̴̡̛a̷l̵g̶o̸',
  '',
  '   ',
  '\r\n\t',
  'a\r\nBcc: victim@example.com',
  "'; drop table companies; --",
  '%_\\',
  '<script>alert(1)</script>',
  '99999999999',
  '-1',
  '0',
  '1e400',
  'NaN',
  '2.5',
  '0x10',
  '-'.repeat(36),
  'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz',
  MADE_UP_UUID,
  '2026-02-30',
  '9999-12-31T23:59:59Z',
  '0000-01-01',
  'javascript:alert(1)',
  '//evil.example',
  '../../etc/passwd',
];

/** Any UTF-16 code units, lone surrogates and NUL included. */
const codeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)), maxLength: 40 });

export const hostileString = (pool: IdPool): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    { weight: 2, arbitrary: codeUnits },
    { weight: 2, arbitrary: fc.constantFrom(...pool.other, MADE_UP_UUID) },
    // long text: past every column's limit; rarely past the body limits (1 MB API, 512 KB forms)
    { weight: 2, arbitrary: fc.constantFrom(301, 2_001, 20_001, 100_000).map((n) => 'x'.repeat(n)) },
    { weight: 1, arbitrary: fc.constantFrom(600_000, 1_100_000).map((n) => 'é'.repeat(n / 2)) },
  );

/**
 * Nested arrays or objects, deeper than any schema (and than some parsers like). A marker string
 * stands for it until the body is written out (`withDeepNesting`), so that no helper here recurses into it.
 */
export const deepNesting = fc.tuple(fc.constantFrom(50, 2_000, 20_000), fc.boolean()).map(([depth, arrays]) => `\u0001deep:${depth}:${arrays ? 'a' : 'o'}`);

/** JSON text with each deep-nesting marker replaced by the nesting it stands for. */
export function withDeepNesting(json: string): string {
  return json.replace(/"\\u0001deep:(\d+):([ao])"/g, (_, n: string, k: string) =>
    k === 'a' ? `${'['.repeat(Number(n))}"deep"${']'.repeat(Number(n))}` : `${'{"a":'.repeat(Number(n))}"deep"${'}'.repeat(Number(n))}`,
  );
}

const wrongType: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, false, 0, -1, 1.5, 2 ** 31, 2 ** 53 + 2, 1e300, -1e300, [], {}, [null], { '': null }, '', 'string'),
  fc.integer(),
);

export function resolve(doc: unknown, s: Schema): Schema {
  if (!s.$ref) return s;
  const parts = s.$ref.replace(/^#\//, '').split('/');
  let cur: unknown = doc;
  for (const p of parts) cur = (cur as Record<string, unknown>)?.[p];
  return resolve(doc, (cur ?? {}) as Schema);
}

/** A value that mostly satisfies the schema, so that the request gets past validation into the domain. */
export function plausible(doc: unknown, raw: Schema, pool: IdPool, name = '', depth = 0): fc.Arbitrary<Json> {
  const s = resolve(doc, raw);
  const nullable = (a: fc.Arbitrary<Json>) => (s.nullable ? fc.oneof({ weight: 4, arbitrary: a }, { weight: 1, arbitrary: fc.constant(null) }) : a);
  if (depth > 6) return fc.constant(null);
  const alternatives = s.oneOf ?? s.anyOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((x) => plausible(doc, x, pool, name, depth + 1)));
  if (s.allOf?.length) return plausible(doc, s.allOf[0], pool, name, depth + 1);
  if (s.enum?.length) return nullable(fc.constantFrom(...s.enum));
  switch (s.type) {
    case 'string':
      return nullable(plausibleString(s, pool, name));
    case 'integer': {
      // connectors: a port and host that refuse at once (nothing slow, nothing leaves the machine)
      if (name === 'port') return fc.constant(1);
      if (name === 'version') return fc.constantFrom(1, 1, 2, 2 ** 31, 0);
      return nullable(fc.integer({ min: s.minimum ?? -5, max: Math.min(s.maximum ?? 1_000_000, Number.MAX_SAFE_INTEGER) }));
    }
    case 'number':
      return nullable(fc.double({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6, noNaN: true }));
    case 'boolean':
      return nullable(fc.boolean());
    case 'array':
      return nullable(
        fc.array(plausible(doc, s.items ?? {}, pool, name, depth + 1), { minLength: s.minItems ?? 0, maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 3, 3)) }),
      );
    case 'object':
    case undefined: {
      if (!s.properties) return s.type === 'object' ? fc.constant({}) : wrongType;
      const props: Record<string, fc.Arbitrary<Json>> = {};
      for (const [k, v] of Object.entries(s.properties)) props[k] = plausible(doc, v, pool, k, depth + 1);
      return nullable(fc.record(props, { requiredKeys: (s.required ?? []).filter((k) => k in props) }) as fc.Arbitrary<Json>);
    }
    default:
      return wrongType;
  }
}

function plausibleString(s: Schema, pool: IdPool, name: string): fc.Arbitrary<string> {
  if (s.format === 'uuid') return fc.constantFrom(...pool.own, ...pool.own, ...pool.other, MADE_UP_UUID);
  if (s.format === 'date-time') return fc.constantFrom(new Date(Date.now() + 86_400_000).toISOString(), '2030-01-01T09:00:00.000Z', '2020-01-01T00:00:00Z');
  if (s.format === 'date') return fc.constantFrom('2026-12-15', '2031-02-28');
  if (s.format === 'email' || /email/i.test(name)) return fc.constantFrom('claire@exemple.fr', 'x@y.fr');
  if (s.format === 'uri' || name === 'website') return fc.constant('https://exemple.fr');
  if (name === 'host') return fc.constant('127.0.0.1');
  if (s.pattern) {
    try {
      return fc.stringMatching(new RegExp(s.pattern), { size: 'xsmall' }).filter((x) => (s.maxLength === undefined || x.length <= s.maxLength) && x.length >= (s.minLength ?? 0));
    } catch {
      /* a pattern JavaScript cannot read: plain text below */
    }
  }
  const min = s.minLength ?? 0;
  return fc.string({ minLength: min, maxLength: Math.max(min, Math.min(s.maxLength ?? 30, 30)), unit: 'grapheme-ascii' });
}

/** One way to break a value; `at` picks the place (modulo the number of places). */
export type Mutation =
  | { kind: 'hostile'; at: number; value: string }
  | { kind: 'wrongType'; at: number; value: Json }
  | { kind: 'drop'; at: number }
  | { kind: 'extra'; at: number; key: string; value: Json }
  | { kind: 'nest'; at: number; value: Json };

export const mutation = (pool: IdPool): fc.Arbitrary<Mutation> =>
  fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('hostile' as const), at: fc.nat(), value: hostileString(pool) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('wrongType' as const), at: fc.nat(), value: wrongType }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('extra' as const),
        at: fc.nat(),
        key: fc.constantFrom('extra', '__proto__', 'constructor', 'workspaceId', 'id', 'status'),
        value: wrongType,
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('nest' as const), at: fc.nat(), value: deepNesting }) },
  );

type Place = { parent: Json[] | { [k: string]: Json } | null; key: string | number; value: Json };

function places(v: Json, parent: Place['parent'] = null, key: string | number = '', out: Place[] = []): Place[] {
  out.push({ parent, key, value: v });
  if (Array.isArray(v)) for (const [i, x] of v.entries()) places(x, v, i, out);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) places(x, v, k, out);
  return out;
}

/** Applies the mutations to a copy; a mutation of the root replaces the whole body. */
export function applyMutations(value: Json, ms: Mutation[]): Json {
  let root: Json = structuredClone(value);
  for (const m of ms) {
    const all = places(root);
    const p = all[m.at % all.length];
    // constants are shared between samples: each mutation puts in a copy of its own
    const set = (shared: Json) => {
      const v = structuredClone(shared);
      if (!p.parent) root = v;
      else if (Array.isArray(p.parent)) p.parent[p.key as number] = v;
      else p.parent[p.key as string] = v;
    };
    if (m.kind === 'hostile') {
      // aim at the strings, where the storage failures are
      const strings = all.filter((x) => typeof x.value === 'string');
      const target = strings.length ? strings[m.at % strings.length] : p;
      if (!target.parent) root = m.value;
      else if (Array.isArray(target.parent)) target.parent[target.key as number] = m.value;
      else target.parent[target.key as string] = m.value;
    } else if (m.kind === 'wrongType' || m.kind === 'nest') set(m.value);
    else if (m.kind === 'drop') {
      if (p.parent && !Array.isArray(p.parent)) delete p.parent[p.key as string];
      else if (Array.isArray(p.parent)) p.parent.splice(p.key as number, 1);
    } else if (m.kind === 'extra') {
      const objects = all.filter((x) => x.value && typeof x.value === 'object' && !Array.isArray(x.value));
      const o = objects.length ? (objects[m.at % objects.length].value as { [k: string]: Json }) : null;
      if (o) Object.defineProperty(o, m.key, { value: structuredClone(m.value), enumerable: true, writable: true, configurable: true });
    }
  }
  return root;
}

/** A path or query value as it travels in a URL (a lone surrogate cannot be percent-encoded as such). */
export function urlEncode(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return [...s].map((ch) => (/[\ud800-\udfff]/.test(ch) ? '%ED%A0%80' : encodeURIComponent(ch))).join('');
  }
}
