/**
 * Matching incoming bank entries to open invoices. For each entry, candidates are scored on the
 * invoice number in the remittance text (found even with spaces, dashes or OCR-like slips such
 * as O for 0), the amount (open amount, or the amount less Skonto within its term), and the
 * payer (an IBAN this customer paid from before, the customer's name). A match is confident only
 * when the number and the amount agree and no other candidate comes close; only confident
 * matches are allocated without a person looking. Pure; built for tens of thousands of invoices
 * (an index from normalized number to invoice, no scan per entry).
 */
export type OpenInvoice = {
  id: string;
  number: string;
  customerId: string;
  customerName: string;
  open: number;
  /** The amount to pay with Skonto, while the term runs on the entry's date; 0 without. */
  skontoOpen: number;
  skontoUntil: string;
  currency: string;
};

export type MatchEntry = { amount: number; currency: string; date: string; remittance: string; counterpartyName: string; counterpartyIban: string };

export type Candidate = { invoiceIds: string[]; score: number; reasons: string[]; amounts: number[]; skonto: number[] };
export type MatchResult = { candidates: Candidate[]; confident: Candidate | null };

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/**
 * Upper case, without spaces, dashes, dots and slashes; a run of O next to a digit read as 0s (I
 * and L are left alone: they are series letters as often as they are misread ones). Linear in the
 * text: each run of O is matched once and its neighbours looked at, where a lookahead after
 * `O+` would try every shorter run again (quadratic on a long run of O).
 */
export function normalizeReference(text: string): string {
  const compact = text.toUpperCase().replace(/[\s\-_./]+/g, '');
  return compact.replace(/O+/g, (run: string, at: number) => (isDigit(compact[at - 1]) || isDigit(compact[at + run.length]) ? '0'.repeat(run.length) : run));
}

function words(name: string): Set<string> {
  return new Set(
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 2 && !['gmbh', 'und', 'the', 'co', 'kg', 'ag', 'ohg', 'mbh', 'ltd', 'inc'].includes(w)),
  );
}

export class Matcher {
  private readonly byNumber = new Map<string, OpenInvoice>();
  /** Numbers that two open invoices share once normalized: never matched with confidence. */
  private readonly ambiguous = new Set<string>();
  private readonly byCustomer = new Map<string, OpenInvoice[]>();
  /** Normalized numbers by their last 6 characters, to find numbers inside longer texts quickly. */
  private readonly suffixes = new Map<string, string[]>();
  private collided = false;

  constructor(
    invoices: readonly OpenInvoice[],
    /** IBAN → customer ids that paid from it before. */
    private readonly knownIbans: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
  ) {
    for (const invoice of invoices) {
      const key = normalizeReference(invoice.number);
      if (key.length < 4) continue;
      if (this.byNumber.has(key)) this.ambiguous.add(key);
      this.byNumber.set(key, invoice);
      const tail = key.slice(-6);
      const list = this.suffixes.get(tail);
      if (list) list.push(key);
      else this.suffixes.set(tail, [key]);
      const own = this.byCustomer.get(invoice.customerId);
      if (own) own.push(invoice);
      else this.byCustomer.set(invoice.customerId, [invoice]);
    }
  }

  /** Invoices whose number appears in the text. */
  numbersIn(text: string): OpenInvoice[] {
    const hay = normalizeReference(text);
    const found = new Map<string, OpenInvoice>();
    for (let end = 6; end <= hay.length; end++) {
      const keys = this.suffixes.get(hay.slice(end - 6, end));
      if (!keys) continue;
      for (const key of keys) {
        if (end >= key.length && hay.slice(end - key.length, end) === key) {
          // Not a longer number that merely ends like this one.
          const after = hay[end];
          if (after !== undefined && /\d/.test(after) && /\d$/.test(key)) continue;
          if (this.ambiguous.has(key)) this.collided = true;
          found.set(key, this.byNumber.get(key)!);
        }
      }
    }
    return [...found.values()];
  }

  match(entry: MatchEntry): MatchResult {
    if (entry.amount <= 0) return { candidates: [], confident: null };
    const payers = entry.counterpartyIban ? this.knownIbans.get(entry.counterpartyIban.replace(/\s+/g, '').toUpperCase()) : undefined;
    const nameWords = words(entry.counterpartyName);
    this.collided = false;
    const named = this.numbersIn(entry.remittance).filter((i) => i.currency === entry.currency);
    const collided = this.collided;
    const candidates: Candidate[] = [];

    const payerScore = (invoice: OpenInvoice, reasons: string[]) => {
      let score = 0;
      if (payers?.has(invoice.customerId)) {
        score += 20;
        reasons.push('iban');
      } else if (nameWords.size && [...words(invoice.customerName)].some((w) => nameWords.has(w))) {
        score += 10;
        reasons.push('name');
      }
      return score;
    };
    const amountOf = (invoice: OpenInvoice): { paid: number; skonto: number; reason: string } | null => {
      if (entry.amount === invoice.open) return { paid: invoice.open, skonto: 0, reason: 'amount' };
      if (invoice.skontoOpen && entry.amount === invoice.skontoOpen && entry.date <= invoice.skontoUntil) return { paid: invoice.skontoOpen, skonto: invoice.open - invoice.skontoOpen, reason: 'amountWithSkonto' };
      return null;
    };

    for (const invoice of named) {
      const reasons = ['number'];
      let score = 60;
      const amount = amountOf(invoice);
      if (amount) {
        score += 30;
        reasons.push(amount.reason);
      }
      score += payerScore(invoice, reasons);
      candidates.push({ invoiceIds: [invoice.id], score, reasons, amounts: [amount?.paid ?? Math.min(entry.amount, invoice.open)], skonto: [amount?.skonto ?? 0] });
    }
    // One payment for several named invoices: their open amounts add up to the entry.
    if (named.length > 1) {
      const sum = named.reduce((s, i) => s + i.open, 0);
      const customers = new Set(named.map((i) => i.customerId));
      if (sum === entry.amount && customers.size === 1) {
        const reasons = ['numbers', 'amount'];
        const score = 90 + payerScore(named[0]!, reasons);
        candidates.push({ invoiceIds: named.map((i) => i.id), score, reasons, amounts: named.map((i) => i.open), skonto: named.map(() => 0) });
      }
    }
    // No number: invoices of a known payer with the exact amount.
    if (!named.length && payers) {
      for (const customerId of payers) {
        for (const invoice of this.byCustomer.get(customerId) ?? []) {
          const amount = amountOf(invoice);
          if (!amount || invoice.currency !== entry.currency) continue;
          candidates.push({ invoiceIds: [invoice.id], score: 50, reasons: ['iban', amount.reason], amounts: [amount.paid], skonto: [amount.skonto] });
        }
      }
    }
    candidates.sort((a, b) => b.score - a.score);
    const top = candidates.slice(0, 5);
    const best = top[0];
    // A rival is another way to read the entry, not a part of the best reading itself.
    const rival = best ? top.slice(1).find((c) => !c.invoiceIds.every((id) => best.invoiceIds.includes(id))) : undefined;
    // The payer's account is known, but only for other customers: someone else's number was typed.
    const foreignPayer = Boolean(payers?.size) && best !== undefined && !best.invoiceIds.some((id) => payers!.has(named.find((i) => i.id === id)?.customerId ?? ''));
    const confident =
      best && !collided && !foreignPayer && best.score >= 90 && best.reasons.some((r) => r === 'number' || r === 'numbers') && best.reasons.some((r) => r.startsWith('amount')) && (!rival || rival.score < 70) ? best : null;
    return { candidates: top, confident };
  }
}
