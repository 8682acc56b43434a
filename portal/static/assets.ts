import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';

// The Portal's few static files, read once at start and served from memory with a content hash
// in the URL, so browsers can cache them for good. No build step, no CDN.
const dir = path.dirname(fileURLToPath(import.meta.url));
const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

type Asset = { body: Buffer; type: string; hash: string };
const assets = new Map<string, Asset>();
for (const name of readdirSync(dir)) {
  const type = TYPES[path.extname(name)];
  if (!type) continue;
  const body = readFileSync(path.join(dir, name));
  assets.set(name, { body, type, hash: createHash('sha256').update(body).digest('hex').slice(0, 12) });
}

export function assetUrl(name: string): string {
  const a = assets.get(name);
  return a ? `/assets/${name}?v=${a.hash}` : `/assets/${name}`;
}

export const assetRoutes = new Hono().get('/assets/:name', (c) => {
  const a = assets.get(c.req.param('name'));
  if (!a) return c.notFound();
  const versioned = c.req.query('v') === a.hash;
  return c.body(new Uint8Array(a.body), 200, {
    'content-type': a.type,
    'cache-control': versioned ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
  });
});
