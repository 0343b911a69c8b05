/**
 * Skonto (cash discount) from the amount due, exactly: `percent` of `amountDue` cents, rounded
 * half away from zero to whole cents (kaufmännische Rundung), with BigInt arithmetic.
 */
export function skontoOf(amountDue: number, percent: string): { discount: number; payable: number } {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(percent.trim());
  if (!match || !Number.isSafeInteger(amountDue)) throw new Error(`Bad skonto input: ${amountDue}, ${JSON.stringify(percent)}`);
  const fraction = match[2] ?? '';
  const numerator = BigInt(amountDue) * BigInt(`${match[1]}${fraction}`);
  const denominator = 100n * 10n ** BigInt(fraction.length);
  const magnitude = numerator < 0n ? -numerator : numerator;
  const rounded = (magnitude * 2n + denominator) / (denominator * 2n);
  const discount = Number(numerator < 0n ? -rounded : rounded);
  return { discount, payable: amountDue - discount };
}
