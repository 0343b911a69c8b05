/**
 * The Leitweg-ID, the routing address German public authorities give their suppliers for
 * e-invoices (BT-10): a coarse address of 2–12 digits, an optional fine address of up to 30
 * letters or digits, and two check digits (ISO 7064 MOD 97-10 over both parts, letters counted
 * A = 10 … Z = 35), joined by hyphens: "04011000-1234512345-06".
 */
const LEITWEG_ID = /^([0-9]{2,12})(?:-([0-9A-Z]{1,30}))?-([0-9]{2})$/;

export function normalizeLeitwegId(value: string): string {
  return value.trim().toUpperCase();
}

export function isValidLeitwegId(value: string): boolean {
  const match = LEITWEG_ID.exec(normalizeLeitwegId(value));
  if (!match) return false;
  const [, coarse = '', fine = '', check = ''] = match;
  const digits = (coarse + fine).replace(/[A-Z]/g, (letter) => String(letter.charCodeAt(0) - 55)) + '00';
  let rest = 0;
  for (const digit of digits) rest = (rest * 10 + Number(digit)) % 97;
  return String(98 - rest).padStart(2, '0') === check;
}
