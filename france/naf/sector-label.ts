import { SECTOR_LEXICON } from './lexicon';
import type { Language } from '../../lib/language';

// A NAF code in plain words, in French or English: the official NAF labels exist in French
// only ("Activités comptables"), so an English letter names the sector with the lexicon's
// English label instead of quoting French.
let byCode: Map<string, { fr: string; en: string }> | null = null;

function index() {
  const best = new Map<string, { label: { fr: string; en: string }; width: number }>();
  for (const entry of SECTOR_LEXICON) {
    for (const code of entry.naf) {
      const seen = best.get(code);
      // the most specific entry listing the code: "Plumbing" rather than "Renovation"
      if (!seen || entry.naf.length < seen.width) best.set(code, { label: entry.label, width: entry.naf.length });
    }
  }
  return new Map([...best].map(([code, v]) => [code, v.label]));
}

export function sectorLabel(nafCode: string | null, lang: Language): string | null {
  if (!nafCode) return null;
  byCode ??= index();
  return byCode.get(nafCode)?.[lang] ?? null;
}
