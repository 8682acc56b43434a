// Paris, Lyon and Marseille are split into municipal arrondissements with their own INSEE
// codes; SIRENE establishments carry those codes, never the city's.

export type PlmCity = 'paris' | 'lyon' | 'marseille';

export const PLM: Record<PlmCity, { commune: string; firstArrondissement: number; count: number }> = {
  paris: { commune: '75056', firstArrondissement: 75101, count: 20 },
  lyon: { commune: '69123', firstArrondissement: 69381, count: 9 },
  marseille: { commune: '13055', firstArrondissement: 13201, count: 16 },
};

export function isPlmCity(word: string): word is PlmCity {
  return word === 'paris' || word === 'lyon' || word === 'marseille';
}

/** INSEE code of the n-th arrondissement, or null when the city has no such arrondissement. */
export function arrondissementCode(city: PlmCity, n: number): string | null {
  const plm = PLM[city];
  if (!Number.isInteger(n) || n < 1 || n > plm.count) return null;
  return String(plm.firstArrondissement + n - 1);
}

/** Arrondissement codes of a PLM city code ("69123" -> 69381…69389), else null. */
export function arrondissementsOf(communeCode: string): string[] | null {
  for (const plm of Object.values(PLM)) {
    if (plm.commune === communeCode) {
      return Array.from({ length: plm.count }, (_, i) => String(plm.firstArrondissement + i));
    }
  }
  return null;
}
