// A deliberately tiny FR/EN stemmer: it only has to make plurals and feminine forms collide
// ("plombiers"/"plombier", "agencies"/"agency", "boulangeries"/"boulangerie",
// "coiffeuses"/"coiffeuse"), and it is applied identically to index keys and queries.

export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let w = word;
  if (w.endsWith('eaux')) w = w.slice(0, -1);
  else if (w.endsWith('aux') && w.length > 4) w = `${w.slice(0, -3)}al`;
  else if (w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  else if (w.endsWith('x')) w = w.slice(0, -1);
  if (w.endsWith('y')) w = `${w.slice(0, -1)}i`;
  else if (w.endsWith('ie')) w = w.slice(0, -1);
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  return w;
}
