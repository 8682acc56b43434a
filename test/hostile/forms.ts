import { decodeEntities } from '../support/html';
// The Portal's forms as a browser finds them: every <form method="post"> of a page, its action
// and the names (and current values) of its fields. Enough of HTML for the fuzz test to post
// what the pages offer, and more.

export type ScrapedForm = { action: string; fields: Map<string, string> };

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag)?.[1];

export function scrapeForms(html: string): ScrapedForm[] {
  const out: ScrapedForm[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const [, head, inner] = m;
    if ((attr(head, 'method') ?? 'get').toLowerCase() !== 'post') continue;
    const fields = new Map<string, string>();
    for (const f of inner.matchAll(/<(input|select|textarea)\b([^>]*)>([\s\S]*?<\/textarea>)?/gi)) {
      const name = attr(f[2], 'name');
      if (!name || fields.has(name)) continue;
      const textarea = f[1].toLowerCase() === 'textarea' ? (f[3] ?? '').replace(/<\/textarea>$/i, '') : undefined;
      fields.set(name, decodeEntities(textarea ?? attr(f[2], 'value') ?? ''));
    }
    out.push({ action: decodeEntities(attr(head, 'action') ?? ''), fields });
  }
  return out;
}

/** The query parameters a page uses: those of its links and of its GET forms (filters). */
export function scrapeQueryNames(html: string): string[] {
  const names = new Set<string>();
  for (const m of html.matchAll(/\shref="[^"?#]*\?([^"#]*)"/gi)) for (const pair of decodeEntities(m[1]).split('&')) names.add(pair.split('=')[0]);
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    if ((attr(m[1], 'method') ?? 'get').toLowerCase() !== 'get') continue;
    for (const f of m[2].matchAll(/<(input|select|textarea)\b([^>]*)>/gi)) {
      const name = attr(f[2], 'name');
      if (name) names.add(name);
    }
  }
  names.delete('');
  return [...names];
}

/** "/deals/:id/move" → a RegExp matching the concrete paths of that route. */
export function routePattern(path: string): RegExp {
  return new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\?:[A-Za-z]+/g, '[^/]+')}$`);
}
