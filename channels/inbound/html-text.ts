// HTML-only messages (webmail replies often are) read as text: block ends become line breaks,
// a <blockquote> starts a "> " line so the quoted part is cut like a plain-text quote, tags
// and comments go, entities are decoded. Every pattern is linear; no DOM is built.

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  eacute: 'é',
  egrave: 'è',
  agrave: 'à',
  ccedil: 'ç',
  ecirc: 'ê',
  ocirc: 'ô',
  rsquo: '’',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

// the new text is at the top: a huge HTML body is read from its start only
const HTML_MAX = 512 * 1024;

/** Removes every `open … close` block with indexOf, linear even when a block is never closed. */
function stripBlocks(html: string, open: string, close: string): string {
  const lower = html.toLowerCase();
  let out = '';
  let at = 0;
  for (let start = lower.indexOf(open, at); start !== -1; start = lower.indexOf(open, at)) {
    out += html.slice(at, start);
    const end = lower.indexOf(close, start + open.length);
    if (end === -1) return out;
    at = end + close.length;
  }
  return out + html.slice(at);
}

export function htmlToText(html: string): string {
  let body = stripBlocks(html.slice(0, HTML_MAX), '<!--', '-->');
  for (const tag of ['style', 'script', 'head']) body = stripBlocks(body, `<${tag}`, `</${tag}>`);
  return decodeEntities(
    body
      .replace(/<blockquote\b[^>]*>/gi, '\n> ')
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/(p|div|li|tr|h[1-6]|table|blockquote)\s*>/gi, '\n')
      .replace(/<[^<>]{0,4000}>/g, ''),
  )
    .replace(/[ \t\u00a0]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
