/**
 * A customer's credit risk from what the books say, by documented rules (shown in the risk panel):
 *
 * high   – the final notice (level 3) was sent in the last 12 months, or
 *        – the exposure is above the credit limit, or
 *        – an invoice is more than 60 days overdue.
 * medium – a dunning letter (level 1 or 2) was sent in the last 12 months, or
 *        – an invoice is more than 30 days overdue, or
 *        – the customer paid on average more than 14 days late, or
 *        – the exposure is above 80 % of the credit limit.
 * low    – none of these.
 *
 * Exposure is the open amount of issued invoices (less their issued credit notes) plus approved
 * invoices not yet issued, less approved credit notes not yet issued; never below zero.
 */
export type RiskClass = 'low' | 'medium' | 'high';

export type RiskFacts = {
  /** Cents; 0 means no limit. */
  creditLimit: number;
  exposure: number;
  overdueAmount: number;
  oldestOverdueDays: number;
  /** Average days paid after the due date over settled invoices; null without history. */
  averageDaysLate: number | null;
  /** Highest dunning level sent in the last 12 months; -1 for none. */
  highestLevel: number;
};

type Document = { documentType: 'invoice' | 'creditNote'; grossAmount: number };

/** What a document does to the customer's exposure once it counts: an invoice adds, a credit note takes off. */
export function exposureChange(doc: Document): number {
  return doc.documentType === 'creditNote' ? -doc.grossAmount : doc.grossAmount;
}

/** Approved documents not yet issued, as they change the exposure (credit notes lower it). */
export function approvedNotIssuedOf(docs: readonly Document[]): number {
  return docs.reduce((sum, d) => sum + exposureChange(d), 0);
}

/** The exposure from the open amount of issued invoices and the approved documents not yet issued. */
export function exposureOf(openAmount: number, approvedNotIssued: number): number {
  return Math.max(0, openAmount + approvedNotIssued);
}

/** Credit left after approving `doc`; null without a limit. */
export function creditLeftAfter(creditLimit: number | null, exposure: number, doc: Document): number | null {
  return creditLimit === null ? null : creditLimit - exposureOf(exposure, exposureChange(doc));
}

/** An i18n key and its values, so the reason reads in the user's language. */
export type RiskReason = { key: string; values: Record<string, string | number> };

export function riskOf(f: RiskFacts): { riskClass: RiskClass; reasons: RiskReason[] } {
  const high: RiskReason[] = [];
  const medium: RiskReason[] = [];
  if (f.highestLevel >= 3) high.push({ key: 'risk.reason.finalNotice', values: {} });
  else if (f.highestLevel >= 1) medium.push({ key: 'risk.reason.dunned', values: { level: f.highestLevel } });
  if (f.creditLimit > 0 && f.exposure > f.creditLimit) high.push({ key: 'risk.reason.overLimit', values: { over: f.exposure - f.creditLimit } });
  else if (f.creditLimit > 0 && f.exposure * 10 > f.creditLimit * 8) medium.push({ key: 'risk.reason.nearLimit', values: { percent: Math.floor((f.exposure * 100) / f.creditLimit) } });
  if (f.oldestOverdueDays > 60) high.push({ key: 'risk.reason.overdueLong', values: { days: f.oldestOverdueDays } });
  else if (f.oldestOverdueDays > 30) medium.push({ key: 'risk.reason.overdue', values: { days: f.oldestOverdueDays } });
  if (f.averageDaysLate !== null && f.averageDaysLate > 14) medium.push({ key: 'risk.reason.paysLate', values: { days: f.averageDaysLate } });
  if (high.length) return { riskClass: 'high', reasons: [...high, ...medium] };
  if (medium.length) return { riskClass: 'medium', reasons: medium };
  return { riskClass: 'low', reasons: [] };
}

/**
 * Why approving an invoice of `amount` (cents) needs a supervisor's deliberate confirmation:
 * the customer would go over the credit limit, or is in the high class.
 */
export function approvalReasonsOf(f: RiskFacts, amount: number, riskClass: RiskClass, reasons: readonly RiskReason[]): RiskReason[] {
  const out: RiskReason[] = [];
  if (f.creditLimit > 0 && f.exposure + amount > f.creditLimit) out.push({ key: 'risk.reason.invoiceOverLimit', values: { over: f.exposure + amount - f.creditLimit } });
  if (riskClass === 'high') out.push(...reasons.filter((r) => r.key !== 'risk.reason.overLimit' || !out.length));
  return out;
}
