import type { PartySnapshot } from '../../src-shared/contract/index.js';
import type { OpenBooks } from '../store/database.js';
import { seriesLetterTakenBy } from '../store/number-series.js';
import type { CustomerDoc } from '../store/schemas/books.js';

export type Seller = {
  snapshot: PartySnapshot;
  smallBusiness: boolean;
  invoicePrefix: string;
  seriesLetter: string;
  defaultPaymentTermsDays: number;
  currency: string;
  /** What § 14 Abs. 4 UStG needs from the seller and is missing, as i18n keys. */
  missing: string[];
};

export async function loadSeller(books: OpenBooks): Promise<Seller> {
  const [company, series] = await Promise.all([
    books.db.settings.findOne('company').exec(),
    books.db.settings.findOne(`series-inv-${books.deviceId}`).exec(),
  ]);
  const c = company?.company;
  const missing: string[] = [];
  const letter = series?.numberSeries?.seriesLetter ?? 'A';
  if (await seriesLetterTakenBy(books, letter)) missing.push('issue.missing.ownSeriesLetter');
  if (!c?.name) missing.push('issue.missing.companyName');
  if (!c?.address?.street || !c.address.city || !c.address.postalCode) missing.push('issue.missing.companyAddress');
  if (!c?.vatId && !c?.taxNumber) missing.push('issue.missing.companyTaxId');
  return {
    snapshot: {
      name: c?.name ?? '',
      address: { street: c?.address?.street ?? '', postalCode: c?.address?.postalCode ?? '', city: c?.address?.city ?? '', country: c?.address?.country ?? 'DE' },
      vatId: c?.vatId ?? '',
      taxNumber: c?.taxNumber ?? '',
      email: c?.email ?? '',
      iban: c?.iban ?? '',
      bic: c?.bic ?? '',
      bankName: c?.bankName ?? '',
      register: c?.register ?? '',
      managingDirectors: c?.managingDirectors ?? '',
      phone: c?.phone ?? '',
      website: c?.website ?? '',
    },
    smallBusiness: c?.smallBusiness ?? false,
    invoicePrefix: series?.numberSeries?.prefix ?? 'RE',
    seriesLetter: series?.numberSeries?.seriesLetter ?? 'A',
    defaultPaymentTermsDays: c?.defaultPaymentTermsDays ?? 14,
    currency: c?.defaultCurrency ?? 'EUR',
    missing,
  };
}

export function buyerSnapshot(customer: CustomerDoc): PartySnapshot {
  return {
    name: customer.name,
    address: { ...customer.billingAddress },
    vatId: customer.vatId ?? '',
    taxNumber: customer.taxNumber ?? '',
    email: customer.invoiceEmails?.[0] ?? '',
    buyerReference: customer.buyerReference ?? '',
    customerNumber: customer.number,
    ...(customer.shippingAddress ? { shippingAddress: { ...customer.shippingAddress } } : {}),
  };
}
