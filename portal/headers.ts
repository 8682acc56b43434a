import type { MiddlewareHandler } from 'hono';

// Pages only load their own files: no inline script or style, no framing, no third parties.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.header('content-security-policy', CSP);
  c.header('x-frame-options', 'DENY');
  c.header('x-content-type-options', 'nosniff');
  if (!c.res.headers.get('referrer-policy')) c.header('referrer-policy', 'same-origin');
  // signed-in pages hold customer data: never keep them in a shared or back-button cache
  if (!c.req.path.startsWith('/assets/') && !c.res.headers.get('cache-control')) c.header('cache-control', 'no-store');
};
