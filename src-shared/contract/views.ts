/** What the main process returns for the books' records: plain data, money in cents. */
import type { InvoiceTotals, VatCategoryCode } from '../invoice/totals.js';

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export type AddressView = { name?: string; addition?: string; street: string; postalCode: string; city: string; country: string };

export type CustomerView = {
  id: string;
  number: string;
  name: string;
  billingAddress: AddressView;
  shippingAddress?: AddressView;
  vatId: string;
  taxNumber: string;
  invoiceEmails: string[];
  language: 'de' | 'en';
  paymentTermsDays: number;
  kind: 'business' | 'consumer';
  vatTreatment: 'domestic' | 'reverseCharge13b' | 'intraEu' | 'export' | 'exempt';
  exemptionReason: string;
  discountPercent: string;
  /** Cents. */
  creditLimit: number;
  accountManagerId: string;
  buyerReference: string;
  publicBuyer: boolean;
  eInvoiceFormat: 'pdf' | 'xrechnung-cii' | 'xrechnung-ubl' | 'zugferd';
  skontoPercent: string;
  skontoDays: number;
  dunningStop: string;
  active: boolean;
  updatedAt: string;
};

export type StockLevel = { onHand: string; reserved: string; available: string };

export type ProductView = {
  id: string;
  sku: string;
  nameDe: string;
  nameEn: string;
  unit: string;
  netPrice: string;
  currency: string;
  vatCategory: VatCategoryCode;
  vatRate: string;
  stockTracked: boolean;
  allowBackorder: boolean;
  active: boolean;
  stock: StockLevel | null;
};

export type LineView = {
  id: string;
  productId: string;
  description: string;
  quantity: string;
  unit: string;
  netUnitPrice: string;
  priceBaseQuantity?: string;
  discountPercent?: string;
  discountAmount?: string;
  vatCategory: VatCategoryCode;
  vatRate: string;
  exemptionReason?: string;
  orderId?: string;
  orderLineId?: string;
};

export type AllowanceChargeView = { isCharge: boolean; amount?: string; percent?: string; reason?: string; vatCategory: VatCategoryCode; vatRate: string };

export type OrderStatus = 'draft' | 'confirmed' | 'partlyInvoiced' | 'invoiced' | 'cancelled';

export type OrderView = {
  id: string;
  number: string;
  customerId: string;
  customerName: string;
  status: OrderStatus;
  orderDate: string;
  currency: string;
  customerReference: string;
  note: string;
  lines: LineView[];
  allowancesCharges: AllowanceChargeView[];
  totals: InvoiceTotals;
  updatedAt: string;
  /** Why the order was cancelled; empty for orders not cancelled (or cancelled before a reason was asked). */
  cancelReason: string;
  /**
   * What in the stored order today's rules refuse (a quantity or amount beyond the bounds): it is
   * shown with zero totals and can be corrected or cancelled, never confirmed. Absent when none.
   */
  problems?: { field: string; problem: string; params?: Record<string, string | number> }[];
};

export type OrderSummary = Pick<OrderView, 'id' | 'number' | 'customerId' | 'customerName' | 'status' | 'orderDate' | 'currency' | 'problems'> & { netAmount: number; grossAmount: number };

export type InvoiceStatus = 'draft' | 'submitted' | 'approved' | 'rejected' | 'issued' | 'sent';
export type VatCase = 'domestic' | 'reverseCharge13b' | 'intraEu' | 'export' | 'exempt' | 'smallBusiness';

export type PartySnapshot = {
  name: string;
  address: AddressView;
  vatId: string;
  taxNumber: string;
  email?: string;
  iban?: string;
  bic?: string;
  bankName?: string;
  register?: string;
  managingDirectors?: string;
  phone?: string;
  website?: string;
  buyerReference?: string;
  customerNumber?: string;
  /** Buyer only: the customer's shipping address when the document was issued, if it has one (the deliver-to address, BG-15). */
  shippingAddress?: AddressView;
};

export type InvoiceView = {
  id: string;
  documentType: 'invoice' | 'creditNote';
  status: InvoiceStatus;
  number: string;
  customerId: string;
  customerName: string;
  orderIds: string[];
  correctsInvoiceId: string;
  correctsNumber: string;
  issueDate: string;
  dueDate: string;
  supplyDate: string;
  servicePeriod: { from: string; to: string } | null;
  currency: string;
  language: 'de' | 'en';
  vatCase: VatCase;
  /** i18n keys of the legal notes the document must carry (reverse charge, § 19, exempt …). */
  legalNotes: string[];
  lines: LineView[];
  allowancesCharges: AllowanceChargeView[];
  totals: InvoiceTotals;
  paymentTermsDays: number;
  skonto: { percent: string; days: number } | null;
  note: string;
  /** Credit notes: credited goods come back to stock on issue. */
  returnStock: boolean;
  rejectionReason: string;
  createdBy: string;
  /** Everyone who saved the draft and everyone who submitted it: none of them may approve it. */
  editedBy: string[];
  submittedBy: string[];
  approvedBy: string;
  issuedBy: string;
  issuedAt: string;
  seller: PartySnapshot | null;
  buyer: PartySnapshot | null;
  updatedAt: string;
};

export type InvoiceSummary = Pick<
  InvoiceView,
  'id' | 'documentType' | 'status' | 'number' | 'customerId' | 'customerName' | 'issueDate' | 'dueDate' | 'currency'
> & { grossAmount: number };

export type ApprovalItem = InvoiceSummary & {
  createdByName: string;
  netAmount: number;
  /** Cents; null when the customer has no credit limit. */
  creditLimit: number | null;
  /** Open (issued) plus approved-not-issued amounts of the customer, in cents. */
  exposure: number;
  creditLeft: number | null;
  mayApprove: boolean;
  riskClass: 'low' | 'medium' | 'high';
  /** Why approving needs the supervisor to confirm the risk (i18n keys and values); empty: none. */
  approvalReasons: { key: string; values: Record<string, string | number> }[];
};

export type ImportResult = { imported: number; orderIds: string[] };
export type JobStarted = { jobId: string; total: number };
export type AuditCheck = { entries: number; firstBreak: { seq: number; id: string; reason: string } | null };
/**
 * Where the SMTP and CouchDB passwords are sealed: the operating system's key store, or a key
 * file in the data folder. `weak`: readable by anyone who can read the data folder.
 */
export type SecretStorageStatus = { kind: 'os-keystore' | 'key-file'; backend: string | null; weak: boolean };

export type PriceListView = { id: string; name: string; validFrom: string; validTo: string; customerIds: string[]; prices: { productId: string; netPrice: string }[] };

export type DocumentFormat = 'pdf' | 'xrechnung-cii' | 'xrechnung-ubl' | 'factur-x';
/** A frozen document of an issued invoice: stored once, its SHA-256 in the audit log. */
export type DocumentInfo = { format: DocumentFormat; fileName: string; mimeType: string; sha256: string; bytes: number; frozenAt: string };
export type DocumentFile = DocumentInfo & { dataBase64: string };

/** One overdue invoice on a reminder letter; amounts in cents. */
export type ReminderItem = {
  invoiceNumber: string;
  issueDate: string;
  dueDate: string;
  daysOverdue: number;
  openAmount: number;
  /** Default interest (§ 288 BGB) on this invoice up to the letter's date. */
  interest: number;
  /** How the interest was computed, period by period (printed, so that it can be checked). */
  interestPeriods?: { from: string; to: string; days: number; principal: number; baseRate: string; margin: string; rate: string; amount: number }[];
};

/** A reminder letter as printed: level 0 is a friendly payment reminder, 1 … 3 the dunning levels. */
export type ReminderLetterView = {
  number: string;
  date: string;
  level: number;
  language: 'de' | 'en';
  currency: string;
  seller: PartySnapshot;
  buyer: PartySnapshot;
  items: ReminderItem[];
  /** Dunning fees in cents (this level's and the earlier levels'). */
  fee: number;
  /** The EUR 40 lump sum of § 288 Abs. 5 BGB in cents, shown on a line of its own; 0 or absent: none. */
  flatFee?: number;
  /** Interest rate per year as a decimal string ("12.27"), printed with the interest. */
  interestRate: string;
  payBy: string;
  /** The company's own paragraph for this level; the standard text is used when empty. */
  text: string;
};

export const PAYMENT_METHODS = ['bankTransfer', 'sepaDirectDebit', 'card', 'cash', 'onlineProvider'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** A payment receipt as printed: what was received and which invoices it settled; amounts in cents. */
export type PaymentReceiptView = {
  number: string;
  date: string;
  language: 'de' | 'en';
  currency: string;
  seller: PartySnapshot;
  buyer: PartySnapshot;
  receivedOn: string;
  method: PaymentMethod;
  reference: string;
  amount: number;
  allocations: { invoiceNumber: string; invoiceDate: string; amount: number; remaining: number }[];
};
