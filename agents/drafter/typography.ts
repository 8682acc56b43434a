// French typography for template text: espace insécable before « : » and inside guillemets,
// espace fine insécable before « ; ! ? », typographic apostrophe. Applied to templates only,
// so the lead's own names are never altered.
export function frenchTypography(text: string): string {
  return text
    .replace(/'/g, '\u2019')
    .replace(/ :/g, '\u00a0:')
    .replace(/ ([;!?])/g, '\u202f$1')
    .replace(/« /g, '«\u00a0')
    .replace(/ »/g, '\u00a0»');
}
