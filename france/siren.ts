// SIREN (9 digits) and SIRET (14 digits) check keys: both are Luhn numbers, except the
// establishments of La Poste (SIREN 356000000), whose SIRET digits only sum to a multiple of 5.

const LA_POSTE_SIREN = '356000000';

function digitSum(digits: string): number {
  let sum = 0;
  for (const d of digits) sum += d.charCodeAt(0) - 48;
  return sum;
}

/** Luhn check over a string of digits (rightmost digit is the check digit). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The digit that makes `digits + key` a Luhn number (used to build fictitious identifiers). */
export function luhnCheckDigit(digits: string): string {
  for (let key = 0; key <= 9; key++) if (luhnValid(digits + key)) return String(key);
  throw new Error('unreachable');
}

/** Spaces are tolerated ("123 456 789"), nothing else. */
function compact(value: string): string {
  return typeof value === 'string' ? value.replace(/\s+/g, '') : '';
}

export function isValidSiren(value: string): boolean {
  const s = compact(value);
  return /^\d{9}$/.test(s) && luhnValid(s);
}

export function isValidSiret(value: string): boolean {
  const s = compact(value);
  if (!/^\d{14}$/.test(s)) return false;
  if (s.startsWith(LA_POSTE_SIREN)) return luhnValid(s) || digitSum(s) % 5 === 0;
  return luhnValid(s) && isValidSiren(s.slice(0, 9));
}
