// Where to go after signing in: only a path on this site. Anything that could leave the origin
// (scheme, "//host", backslashes, control characters) falls back to the Dashboard. The raw text
// and the normalised result are both judged: "/..//evil" only becomes "//evil" once the
// dot-segments collapse, and the result is what the browser follows.
const BASE = 'http://relais.invalid';

export function safeNext(raw: string | null | undefined): string {
  if (!raw || raw.length > 2000) return '/';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this refuses
  if (!raw.startsWith('/') || raw.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(raw)) return '/';
  try {
    const url = new URL(raw, BASE);
    if (url.origin !== BASE) return '/';
    if (url.pathname === '/login' || url.pathname === '/logout') return '/';
    const out = url.pathname + url.search + url.hash;
    return out.startsWith('//') || out.includes('\\') ? '/' : out;
  } catch {
    return '/';
  }
}
