/**
 * Document totals of an invoice per EN 16931 (European e-invoicing semantic model).
 * All arithmetic is exact (decimal.js); every amount in the result is an integer of minor units.
 */
import { AppError } from '../contract/errors.js';
import { Decimal, fromMinorUnits, parseDecimal, roundDecimal, toMinorUnits } from '../money/decimal.js';

/** BT-151 / BT-95 / BT-102 / BT-118 VAT category code (UNTDID 5305 subset used by EN 16931). */
export type VatCategoryCode = 'S' | 'Z' | 'E' | 'AE' | 'K' | 'G' | 'O';

/** Line allowance (BG-27) or charge (BG-28): exactly one of amount (BT-136/BT-141) or percent (BT-138/BT-143). */
export type LineAllowanceCharge = {
  /** Exact decimal string, rounded to the currency's minor unit. */
  amount?: string;
  /** Percent of the line's gross amount (BT-137/BT-142 base = quantity x unit price, rounded). */
  percent?: string;
  /** BT-139 / BT-144 */
  reason?: string;
};

/** Invoice line (BG-25). */
export type TotalsLine = {
  /** BT-126 */
  id: string;
  /** BT-129, exact decimal string, may be negative (returns, credit-note lines). */
  quantity: string;
  /** BT-146, exact decimal string, >= 0. */
  netUnitPrice: string;
  /** BT-149, default "1", > 0. */
  priceBaseQuantity?: string;
  /** BG-27 */
  allowances?: LineAllowanceCharge[];
  /** BG-28 */
  charges?: LineAllowanceCharge[];
  /** BT-151 */
  vatCategory: VatCategoryCode;
  /** BT-152, percent, e.g. "19", "7", "0". */
  vatRate: string;
  /** BT-120, carried to the VAT breakdown of the line's group. */
  exemptionReason?: string;
};

/** Document level allowance (BG-20) or charge (BG-21). */
export type DocumentAllowanceCharge = {
  isCharge: boolean;
  /** BT-92 / BT-99, exact decimal string. Exactly one of amount or percent. */
  amount?: string;
  /**
   * BT-94 / BT-101, percent of the base BT-93 / BT-100: the net amounts of the lines of its own VAT
   * category and rate (of all lines, BT-106, when it has none). A percent on all lines is one
   * allowance or charge per rate (see `allowancesPerRate` in document.ts).
   */
  percent?: string;
  /** BT-97 / BT-104 */
  reason?: string;
  /** BT-95 / BT-102 */
  vatCategory: VatCategoryCode;
  /** BT-96 / BT-103 */
  vatRate: string;
};

export type TotalsInput = {
  /** BT-5 */
  currency: string;
  lines: TotalsLine[];
  allowancesCharges?: DocumentAllowanceCharge[];
  /** BT-113 paid amount, integer of minor units. */
  prepaid?: number;
  /** Decimals of the currency's minor unit, default 2. */
  fractionDigits?: number;
  /**
   * BT-117 given for some VAT groups instead of rounded from their own base: a partial credit
   * note continues the rounding of the invoice it corrects, so that all of its credit notes
   * together carry exactly the invoice's VAT. Each may differ from the group's own rounding by
   * at most one minor unit (within the tolerance of EN 16931 BR-CO-17).
   */
  vatAmounts?: { category: VatCategoryCode; rate: string; taxAmount: number }[];
};

/** BG-23, one per (category, rate). */
export type VatBreakdown = {
  /** BT-118 */
  category: VatCategoryCode;
  /** BT-119, normalised ("19.00" -> "19"). */
  rate: string;
  /** BT-116 */
  taxableAmount: number;
  /** BT-117 */
  taxAmount: number;
  /** BT-120 */
  exemptionReason?: string;
};

export type LineTotals = {
  id: string;
  /** Quantity x unit price, rounded; the base (BT-137) of percent allowances. */
  grossAmount: number;
  allowanceAmount: number;
  chargeAmount: number;
  /** BT-131 = grossAmount - allowanceAmount + chargeAmount */
  netAmount: number;
};

export type DocumentAllowanceChargeTotals = {
  isCharge: boolean;
  /** BT-92 or BT-99 */
  amount: number;
  /** BT-93 or BT-100, the base of a percent. */
  baseAmount?: number;
  reason?: string;
  vatCategory: VatCategoryCode;
  vatRate: string;
};

/** All amounts are integers of minor units (cents for fractionDigits 2). */
export type InvoiceTotals = {
  currency: string;
  lines: LineTotals[];
  allowancesCharges: DocumentAllowanceChargeTotals[];
  /** BT-106 = sum of BT-131 */
  lineTotal: number;
  /** BT-107 */
  allowanceTotal: number;
  /** BT-108 */
  chargeTotal: number;
  /** BT-109 = BT-106 - BT-107 + BT-108 */
  taxExclusive: number;
  /** BG-23, sorted by category (S, Z, E, AE, K, G, O) then rate descending. */
  vatBreakdown: VatBreakdown[];
  /** BT-110 = sum of BT-117 */
  vatTotal: number;
  /** BT-112 = BT-109 + BT-110 */
  taxInclusive: number;
  /** BT-113 */
  prepaid: number;
  /** BT-114, always 0: the payable amount is not rounded. */
  rounding: number;
  /** BT-115 = BT-112 - BT-113 + BT-114 */
  amountDue: number;
};

/** The largest amount the books keep, in minor units (the store's bound: a hundred billion euros). */
export const MAX_AMOUNT_MINOR = 1e13;

const CATEGORY_ORDER: readonly VatCategoryCode[] = ['S', 'Z', 'E', 'AE', 'K', 'G', 'O'];
const ZERO = new Decimal(0);
const HUNDRED = new Decimal(100);

type VatKey = { category: VatCategoryCode; rate: Decimal; rateText: string };
type VatGroup = VatKey & { taxable: Decimal; exemptionReason?: string };
type ComputedLine = { id: string; gross: Decimal; allowance: Decimal; charge: Decimal; net: Decimal; vat: VatKey };
type ComputedAdjustment = { source: DocumentAllowanceCharge; amount: Decimal; vat: VatKey; base: Decimal };

export function computeInvoiceTotals(input: TotalsInput): InvoiceTotals {
  const digits = input.fractionDigits ?? 2;
  const prepaid = input.prepaid ?? 0;
  if (!Number.isSafeInteger(prepaid)) throw new Error(`prepaid must be a safe integer of minor units, got ${prepaid}`);

  const lines = input.lines.map((line, index) => computeLine(line, index, digits));
  const lineTotal = sum(lines.map((line) => line.net));
  const adjustments = (input.allowancesCharges ?? []).map((ac, index) =>
    computeDocumentAdjustment(ac, index, lines, lineTotal, digits),
  );
  const allowanceTotal = sum(adjustments.filter((a) => !a.source.isCharge).map((a) => a.amount));
  const chargeTotal = sum(adjustments.filter((a) => a.source.isCharge).map((a) => a.amount));
  const taxExclusive = lineTotal.minus(allowanceTotal).plus(chargeTotal);

  const groups = groupVat(input.lines, lines, adjustments);
  const breakdown = groups.map((group) => ({ group, tax: givenTax(input.vatAmounts, group, groupTax(group, digits), digits) }));
  const vatTotal = sum(breakdown.map((b) => b.tax));
  const taxInclusive = taxExclusive.plus(vatTotal);
  const amountDue = taxInclusive.minus(fromMinorUnits(prepaid, digits));
  // An amount beyond what the books keep is a problem of the input that led to it.
  const minor = (value: Decimal, field = 'lines') => {
    if (value.abs().times(new Decimal(10).pow(digits)).gt(MAX_AMOUNT_MINOR)) {
      throw fieldProblem(field, 'validation.outOfRange', `${field}: the amount ${value.toFixed()} is larger than the books keep`);
    }
    return toMinorUnits(value, digits);
  };

  return {
    currency: input.currency,
    lines: lines.map((line, index) => ({
      id: line.id,
      grossAmount: minor(line.gross, `lines.${index}`),
      allowanceAmount: minor(line.allowance, `lines.${index}`),
      chargeAmount: minor(line.charge, `lines.${index}`),
      netAmount: minor(line.net, `lines.${index}`),
    })),
    allowancesCharges: adjustments.map((a, index) => ({
      isCharge: a.source.isCharge,
      amount: minor(a.amount, `allowancesCharges.${index}`),
      ...(a.source.percent !== undefined ? { baseAmount: minor(a.base, `allowancesCharges.${index}`) } : {}),
      ...(a.source.reason !== undefined ? { reason: a.source.reason } : {}),
      vatCategory: a.vat.category,
      vatRate: a.vat.rateText,
    })),
    lineTotal: minor(lineTotal),
    allowanceTotal: minor(allowanceTotal),
    chargeTotal: minor(chargeTotal),
    taxExclusive: minor(taxExclusive),
    vatBreakdown: breakdown.map(({ group, tax }) => ({
      category: group.category,
      rate: group.rateText,
      taxableAmount: minor(group.taxable),
      taxAmount: minor(tax),
      ...(group.exemptionReason !== undefined ? { exemptionReason: group.exemptionReason } : {}),
    })),
    vatTotal: minor(vatTotal),
    taxInclusive: minor(taxInclusive),
    prepaid,
    rounding: 0,
    amountDue: minor(amountDue),
  };
}

function computeLine(line: TotalsLine, index: number, digits: number): ComputedLine {
  const where = `Line ${JSON.stringify(line.id)}`;
  const path = `lines.${index}`;
  const quantity = parseField(line.quantity, where, 'quantity', path);
  const price = parseField(line.netUnitPrice, where, 'netUnitPrice', path);
  if (price.lt(0)) throw fieldProblem(`${path}.netUnitPrice`, 'validation.notNegative', `${where}: netUnitPrice must not be negative, got "${line.netUnitPrice}"`);
  const baseQuantity = parseField(line.priceBaseQuantity ?? '1', where, 'priceBaseQuantity', path);
  if (baseQuantity.lte(0)) {
    throw fieldProblem(`${path}.priceBaseQuantity`, 'validation.positive', `${where}: priceBaseQuantity must be greater than 0, got "${line.priceBaseQuantity}"`);
  }
  const vat = vatKey(line.vatCategory, line.vatRate, where, path);
  // Multiply before dividing so that a base quantity like 3 loses nothing before the one rounding.
  const gross = roundDecimal(quantity.times(price).div(baseQuantity), digits);
  // Percentages apply to the rounded gross: it is the base amount (BT-137) a recipient sees and recomputes from.
  const allowance = sumLineAdjustments(line.allowances, gross, `${where} allowances`, path, digits);
  const charge = sumLineAdjustments(line.charges, gross, `${where} charges`, path, digits);
  return { id: line.id, gross, allowance, charge, net: gross.minus(allowance).plus(charge), vat };
}

function sumLineAdjustments(
  items: LineAllowanceCharge[] | undefined,
  gross: Decimal,
  where: string,
  path: string,
  digits: number,
): Decimal {
  return sum((items ?? []).map((item, index) => adjustmentAmount(item, gross, `${where}[${index}]`, path, digits)));
}

function computeDocumentAdjustment(
  source: DocumentAllowanceCharge,
  index: number,
  lines: readonly ComputedLine[],
  lineTotal: Decimal,
  digits: number,
): ComputedAdjustment {
  const where = `Document ${source.isCharge ? 'charge' : 'allowance'} (allowancesCharges[${index}])`;
  const path = `allowancesCharges.${index}`;
  const vat = vatKey(source.vatCategory, source.vatRate, where, path);
  // A percent falls on the lines taxed like itself, so each VAT rate's base shrinks or grows by its own share.
  const own = lines.filter((line) => line.vat.category === vat.category && line.vat.rate.eq(vat.rate));
  const base = own.length ? sum(own.map((line) => line.net)) : lineTotal;
  return { source, amount: adjustmentAmount(source, base, where, path, digits), vat, base };
}

function adjustmentAmount(
  item: { amount?: string | undefined; percent?: string | undefined },
  base: Decimal,
  where: string,
  path: string,
  digits: number,
): Decimal {
  const { amount, percent } = item;
  if (amount !== undefined && percent === undefined) return roundDecimal(parseField(amount, where, 'amount', path), digits);
  if (percent !== undefined && amount === undefined) {
    return roundDecimal(base.times(parseField(percent, where, 'percent', path)).div(HUNDRED), digits);
  }
  throw fieldProblem(`${path}.amount`, 'validation.amountOrPercent', `${where}: give exactly one of amount or percent`);
}

function vatKey(category: VatCategoryCode, rateText: string, where: string, path: string): VatKey {
  if (!CATEGORY_ORDER.includes(category)) {
    throw fieldProblem(`${path}.vatCategory`, 'validation.vatCategory', `${where}: vatCategory must be one of ${CATEGORY_ORDER.join(', ')}, got ${JSON.stringify(category)}`);
  }
  const rate = parseField(rateText, where, 'vatRate', path);
  if (category === 'S' && rate.lte(0)) {
    throw fieldProblem(`${path}.vatRate`, 'validation.standardRate', `${where}: vatRate must be greater than 0 for category S, got "${rateText}"`);
  }
  if (category !== 'S' && !rate.isZero()) {
    throw fieldProblem(`${path}.vatRate`, 'validation.zeroRate', `${where}: vatRate must be 0 for category ${category}, got "${rateText}"`);
  }
  return { category, rate, rateText: rate.isZero() ? '0' : rate.toFixed() };
}

function groupVat(sources: TotalsLine[], lines: ComputedLine[], adjustments: ComputedAdjustment[]): VatGroup[] {
  const groups = new Map<string, VatGroup>();
  const groupOf = (vat: VatKey): VatGroup => {
    const key = `${vat.category}|${vat.rateText}`;
    let group = groups.get(key);
    if (!group) {
      group = { ...vat, taxable: ZERO };
      groups.set(key, group);
    }
    return group;
  };
  lines.forEach((line, index) => {
    const group = groupOf(line.vat);
    group.taxable = group.taxable.plus(line.net);
    const reason = sources[index]?.exemptionReason;
    if (group.exemptionReason === undefined && reason) group.exemptionReason = reason;
  });
  for (const a of adjustments) {
    const group = groupOf(a.vat);
    group.taxable = a.source.isCharge ? group.taxable.plus(a.amount) : group.taxable.minus(a.amount);
  }
  return [...groups.values()].sort(compareGroups);
}

function compareGroups(a: VatKey, b: VatKey): number {
  const byCategory = CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category);
  return byCategory !== 0 ? byCategory : b.rate.comparedTo(a.rate);
}

/** The group's tax as given (continuing another document's rounding), else as computed. */
function givenTax(given: TotalsInput['vatAmounts'], group: VatGroup, computed: Decimal, digits: number): Decimal {
  const entry = given?.find((g) => g.category === group.category && new Decimal(g.rate).eq(group.rate));
  if (!entry) return computed;
  const minorUnit = new Decimal(10).pow(-digits);
  const tax = fromMinorUnits(entry.taxAmount, digits);
  if (!Number.isSafeInteger(entry.taxAmount) || tax.minus(computed).abs().gt(minorUnit)) {
    throw new Error(`The VAT given for ${group.category} ${group.rateText} % (${entry.taxAmount}) is more than one minor unit off ${computed.toFixed()}`);
  }
  return tax;
}

/** Rounded once on the group's sum, never per line (EN 16931 BR-CO-17). */
function groupTax(group: VatGroup, digits: number): Decimal {
  return roundDecimal(group.taxable.times(group.rate).div(HUNDRED), digits);
}

function parseField(value: string, where: string, field: string, path: string): Decimal {
  try {
    return parseDecimal(value);
  } catch {
    throw fieldProblem(`${path}.${field}`, 'validation.decimal', `${where}: ${field} is not a decimal number like "12.50", got ${JSON.stringify(value)}`);
  }
}

/** A document whose lines cannot be totalled is refused as bad input naming the field, never as an internal error. */
function fieldProblem(field: string, problem: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, { fields: [{ field, problem }] });
}

function sum(values: Decimal[]): Decimal {
  return values.reduce((total, value) => total.plus(value), ZERO);
}
