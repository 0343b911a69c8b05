/**
 * Corrections to the CII that `@e-invoice-eu/core` 2.x renders (XRechnung CII and the XML that
 * Factur-X embeds). Each fixes a place where the library's output breaks an official rule or
 * loses a business term that the input carries; the tests read every one of them back.
 */
import type { EInvoiceFormat, Invoice } from '@e-invoice-eu/core';

type Tree = Record<string, unknown>;

/**
 * CII-DT-031 (EN 16931 CII syntax binding, fatal): only `ram:TaxTotalAmount` carries a
 * currencyID. The library requires currencyIDs on line allowances in its input (UBL needs them)
 * and copies them into CII.
 */
export function dropCiiCurrencyIds(xml: string): string {
  return xml.replace(/<(ram:(?!TaxTotalAmount[\s>/])[A-Za-z]+)([^>]*?)\s+currencyID="[^"]*"/g, '<$1$2');
}

/** Puts `key` into `tree` next to `next` (CII elements are a sequence; the order is the XSD's). */
function insert(tree: Tree, key: string, value: unknown, where: 'before' | 'after', next: string): void {
  const entries = Object.entries(tree);
  const at = entries.findIndex(([k]) => k === next);
  if (at < 0) throw new Error(`Unexpected CII from @e-invoice-eu/core: no ${next}`);
  entries.splice(where === 'after' ? at + 1 : at, 0, [key, value]);
  for (const k of Object.keys(tree)) delete tree[k];
  Object.assign(tree, Object.fromEntries(entries));
}

function child(tree: Tree | undefined, key: string): Tree {
  const value = tree?.[key];
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error(`Unexpected CII from @e-invoice-eu/core: no ${key}`);
  return value as Tree;
}

/** The business terms the library drops from CII although the input has them. */
export function completeCii(cii: Tree, invoice: Invoice): void {
  const doc = invoice['ubl:Invoice'];
  // CII-SR-030: one text per ram:IncludedNote; the library puts every note (BT-22) into one.
  const exchanged = child(child(cii, 'rsm:CrossIndustryInvoice'), 'rsm:ExchangedDocument');
  const note = exchanged['ram:IncludedNote'] as Tree | undefined;
  const contents = note && !Array.isArray(note) ? note['ram:Content'] : undefined;
  if (Array.isArray(contents) && contents.length > 1) exchanged['ram:IncludedNote'] = contents.map((content) => ({ 'ram:Content': content }));
  const transaction = child(child(cii, 'rsm:CrossIndustryInvoice'), 'rsm:SupplyChainTradeTransaction');
  // The CII schema requires ApplicableHeaderTradeDelivery, also when there is no delivery date
  // (a service period, BG-14, instead); the library leaves it out then.
  if (!('ram:ApplicableHeaderTradeDelivery' in transaction)) insert(transaction, 'ram:ApplicableHeaderTradeDelivery', {}, 'after', 'ram:ApplicableHeaderTradeAgreement');
  // BT-25: the library looks for the preceding invoice number one level too high and loses it.
  const preceding = doc['cac:BillingReference']?.[0]?.['cac:InvoiceDocumentReference']['cbc:ID'];
  const settlement = child(transaction, 'ram:ApplicableHeaderTradeSettlement');
  if (preceding && !('ram:InvoiceReferencedDocument' in settlement)) {
    insert(settlement, 'ram:InvoiceReferencedDocument', { 'ram:IssuerAssignedID': preceding }, 'after', 'ram:SpecifiedTradeSettlementHeaderMonetarySummation');
  }
  const party = doc['cac:AccountingSupplierParty']['cac:Party'];
  const seller = child(child(transaction, 'ram:ApplicableHeaderTradeAgreement'), 'ram:SellerTradeParty');
  // BT-29 (seller identifier): the library iterates over the party instead of its identifications.
  const identifier = party['cac:PartyIdentification']?.[0]?.['cbc:ID'];
  if (identifier && !('ram:ID' in seller)) insert(seller, 'ram:ID', identifier, 'before', 'ram:Name');
  // BT-33 (seller additional legal information): the library maps a `cbc:LegalForm` its own schema does not have.
  const legalForm = party['cac:PartyLegalEntity']['cbc:CompanyLegalForm'];
  if (legalForm && !('ram:Description' in seller)) insert(seller, 'ram:Description', legalForm, 'after', 'ram:Name');
}

type FormatHook = { renderXML?: (data: unknown) => string };

/**
 * Passes the CII a format service renders through `completeCii` and `dropCiiCurrencyIds`, also
 * the XML that Factur-X embeds into the PDF. If the library changes inside, this fails loudly
 * rather than write CII that breaks the rules.
 */
export function correctCii(formatter: EInvoiceFormat, invoice: Invoice, onXml?: (xml: string) => void): void {
  const hook = formatter as unknown as FormatHook;
  const render = hook.renderXML;
  if (typeof render !== 'function') throw new Error('@e-invoice-eu/core has changed inside: the CII corrections (CII-DT-031, BT-25, BT-29, BT-33) cannot be applied');
  hook.renderXML = (data) => {
    completeCii(data as Tree, invoice);
    const xml = dropCiiCurrencyIds(render.call(formatter, data));
    onXml?.(xml);
    return xml;
  };
}
