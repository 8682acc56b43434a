// INSEE "tranche d'effectif salarié" codes, as the API Recherche d'entreprises uses them.

export type HeadcountBandCode = 'NN' | '00' | '01' | '02' | '03' | '11' | '12' | '21' | '22' | '31' | '32' | '41' | '42' | '51' | '52' | '53';

type Band = { code: HeadcountBandCode; min: number; max: number; fr: string; en: string };

export const HEADCOUNT_BANDS: readonly Band[] = [
  { code: 'NN', min: 0, max: 0, fr: 'Unité non employeuse', en: 'No employees' },
  { code: '00', min: 0, max: 0, fr: '0 salarié', en: '0 employees' },
  { code: '01', min: 1, max: 2, fr: '1 ou 2 salariés', en: '1 or 2 employees' },
  { code: '02', min: 3, max: 5, fr: '3 à 5 salariés', en: '3 to 5 employees' },
  { code: '03', min: 6, max: 9, fr: '6 à 9 salariés', en: '6 to 9 employees' },
  { code: '11', min: 10, max: 19, fr: '10 à 19 salariés', en: '10 to 19 employees' },
  { code: '12', min: 20, max: 49, fr: '20 à 49 salariés', en: '20 to 49 employees' },
  { code: '21', min: 50, max: 99, fr: '50 à 99 salariés', en: '50 to 99 employees' },
  { code: '22', min: 100, max: 199, fr: '100 à 199 salariés', en: '100 to 199 employees' },
  { code: '31', min: 200, max: 249, fr: '200 à 249 salariés', en: '200 to 249 employees' },
  { code: '32', min: 250, max: 499, fr: '250 à 499 salariés', en: '250 to 499 employees' },
  { code: '41', min: 500, max: 999, fr: '500 à 999 salariés', en: '500 to 999 employees' },
  { code: '42', min: 1000, max: 1999, fr: '1 000 à 1 999 salariés', en: '1,000 to 1,999 employees' },
  { code: '51', min: 2000, max: 4999, fr: '2 000 à 4 999 salariés', en: '2,000 to 4,999 employees' },
  { code: '52', min: 5000, max: 9999, fr: '5 000 à 9 999 salariés', en: '5,000 to 9,999 employees' },
  { code: '53', min: 10000, max: Number.MAX_SAFE_INTEGER, fr: '10 000 salariés et plus', en: '10,000 employees or more' },
];

const BY_CODE = new Map(HEADCOUNT_BANDS.map((b) => [b.code as string, b]));

export function headcountBand(code: string | null | undefined): { code: string; label: string } | null {
  const band = code ? BY_CODE.get(code) : undefined;
  return band ? { code: band.code, label: band.fr } : null;
}

/**
 * Band codes overlapping an employee range ({min: 10, max: null} -> 11, 12, 21…). Empty
 * range or no constraint -> null (do not filter).
 */
export function bandsForHeadcount(range: { min: number | null; max: number | null } | null | undefined): HeadcountBandCode[] | null {
  if (!range || (range.min === null && range.max === null)) return null;
  const min = range.min ?? 0;
  const max = range.max ?? Number.MAX_SAFE_INTEGER;
  return HEADCOUNT_BANDS.filter((b) => b.max >= min && b.min <= max).map((b) => b.code);
}
