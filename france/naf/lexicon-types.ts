/**
 * One curated sector: canonical labels (FR/EN), the NAF sub-classes it maps to (most
 * relevant first) and the words people use for it. Terms are written singular; the shared
 * stemmer makes plurals and most feminine forms match.
 */
export type LexiconEntry = {
  label: { fr: string; en: string };
  naf: string[];
  fr: string[];
  en: string[];
};

export function sector(
  label: [fr: string, en: string],
  naf: string[],
  fr: string[],
  en: string[] = [],
): LexiconEntry {
  return { label: { fr: label[0], en: label[1] }, naf, fr, en };
}

/** The building trades a French "rénovation" request means (finishing and installation). */
export const RENOVATION_NAF = [
  '41.20A', '41.20B', '43.21A', '43.22A', '43.22B', '43.29A', '43.31Z', '43.32A',
  '43.33Z', '43.34Z', '43.39Z', '43.91A', '43.91B', '43.99A', '43.99C',
];

/** "BTP"/"bâtiment": renovation trades plus structural and site work. */
export const BUILDING_NAF = [
  ...RENOVATION_NAF, '43.11Z', '43.12A', '43.29B', '43.32B', '43.99B', '43.99D',
];

/** Energy renovation: insulation and heating first, then windows and electrical (solar). */
export const ENERGY_RENOVATION_NAF = ['43.29A', '43.22B', '43.32A', '43.21A'];
