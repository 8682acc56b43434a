// Rules read folded text: lower case, no accents, one kind of apostrophe and dash, single
// spaces. Punctuation stays (a "?" or an "@" matters). Length is unchanged only for ASCII input.

export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/[‐‑‒–—]/g, '-')
    .replace(/œ/g, 'oe')
    .replace(/[\u00a0\u202f\t ]+/g, ' ');
}
