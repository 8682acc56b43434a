import codesNaf from '@socialgouv/codes-naf';

// The 732 NAF rév. 2 sub-classes ("43.34Z"); the package also lists sections, divisions,
// groups and classes, which the API does not accept as `activite_principale`.
const SUBCLASS = /^\d{2}\.\d{2}[A-Z]$/;

let labels: Map<string, string> | null = null;

/** code -> official French label, built once. */
export function nafLabels(): ReadonlyMap<string, string> {
  if (!labels) {
    labels = new Map();
    for (const { id, label } of codesNaf) if (SUBCLASS.test(id)) labels.set(id, label);
  }
  return labels;
}

export function isNafCode(code: string): boolean {
  return nafLabels().has(code);
}

export function nafLabel(code: string): string | null {
  return nafLabels().get(code) ?? null;
}

/** "4334z", "43.34Z", "43 34 Z" -> "43.34Z" when it is a real sub-class, else null. */
export function toNafCode(text: string): string | null {
  const m = /^\s*(\d{2})\s*[.\s]?\s*(\d{2})\s*([a-zA-Z])\s*$/.exec(text);
  if (!m) return null;
  const code = `${m[1]}.${m[2]}${m[3].toUpperCase()}`;
  return isNafCode(code) ? code : null;
}
