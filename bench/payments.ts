/**
 * `npm run bench:payments`: a generated CAMT.053 file with 10,000 entries read and matched
 * against 50,000 open invoices. The generator knows which invoice(s) each entry pays; the
 * report gives entries per second, the share of entries matched confidently and correctly, and
 * the wrong automatic allocations (target: under 5 s, at least 98 % correct, no wrong one).
 * Baseline of the same run: parsing alone, so the ratio shows what matching adds.
 */
import { performance } from 'node:perf_hooks';
import { parseStatement } from '../src-main/payments/import/index.js';
import { Matcher, type OpenInvoice } from '../src-main/payments/matching.js';

const INVOICES = 50_000;
const ENTRIES = 10_000;

/** A small deterministic random source, so that every run sees the same data. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s ^ (s >>> 15), 2246822507) + 0x6d2b79f5) >>> 0) / 2 ** 32);
}

const NAMES = ['Bäckerei', 'Café', 'Metzgerei', 'Blumen', 'Weinhandel', 'Buchladen', 'Tischlerei', 'Optik', 'Apotheke', 'Friseur'];
const CITIES = ['Köln', 'Düsseldorf', 'Bonn', 'Essen', 'Aachen', 'Münster', 'Dortmund', 'Bochum'];

type Truth = { invoiceIds: string[] };

function generate() {
  const rnd = random(42);
  const invoices: OpenInvoice[] = [];
  for (let i = 0; i < INVOICES; i++) {
    const customer = Math.floor(rnd() * 8000);
    const open = 1000 + Math.floor(rnd() * 500_000);
    invoices.push({
      id: `inv-${i}`,
      number: `RE-2026-${'ABC'[i % 3]}-${String(i + 1).padStart(6, '0')}`,
      customerId: `c-${customer}`,
      customerName: `${NAMES[customer % NAMES.length]} ${CITIES[customer % CITIES.length]} ${customer}`,
      open,
      skontoOpen: i % 4 === 0 ? open - Math.round(open * 0.02) : 0,
      skontoUntil: '2026-12-31',
      currency: 'EUR',
    });
  }
  const truth: Truth[] = [];
  const entries: string[] = [];
  let sum = 0;
  for (let e = 0; e < ENTRIES; e++) {
    const kind = rnd();
    const invoice = invoices[Math.floor(rnd() * INVOICES)]!;
    let amount = invoice.open;
    let text = `Rechnung ${invoice.number}`;
    let ids = [invoice.id];
    if (kind < 0.25) text = `RE ${invoice.number.slice(3).replace(/-/g, ' ')} vielen Dank`; // spaces instead of dashes
    else if (kind < 0.3) text = `${invoice.number.replace(/0/g, 'O')}`; // OCR: O for 0
    else if (kind < 0.35 && invoice.skontoOpen) amount = invoice.skontoOpen; // paid with Skonto
    else if (kind < 0.4) {
      // Two invoices of one customer in one transfer.
      const second = invoices.find((x, k) => k > Number(invoice.id.slice(4)) && x.customerId === invoice.customerId && x !== invoice);
      if (second) {
        amount = invoice.open + second.open;
        text = `${invoice.number}, ${second.number}`;
        ids = [invoice.id, second.id];
      }
    } else if (kind < 0.42) {
      amount = invoice.open - 500; // short paid: must not be allocated automatically
      ids = [];
    } else if (kind < 0.44) {
      text = `Zahlung Kundennummer ${invoice.customerId}`; // no number: a person decides
      ids = [];
    }
    truth.push({ invoiceIds: ids });
    sum += amount;
    const euros = `${Math.floor(amount / 100)}.${String(amount % 100).padStart(2, '0')}`;
    entries.push(
      `<Ntry><Amt Ccy="EUR">${euros}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2026-12-01</Dt></BookgDt><ValDt><Dt>2026-12-01</Dt></ValDt><AcctSvcrRef>B-${e}</AcctSvcrRef><NtryDtls><TxDtls><RltdPties><Dbtr><Pty><Nm>${invoice.customerName}</Nm></Pty></Dbtr></RltdPties><RmtInf><Ustrd>${text}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>`,
    );
  }
  const money = (c: number) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
  const xml = `<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><GrpHdr><MsgId>BENCH</MsgId><CreDtTm>2026-12-01T18:00:00</CreDtTm></GrpHdr><Stmt><Id>BENCH-1</Id><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></Acct><Bal><Tp><CdOrPrtry><Cd>PRCD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">0.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-30</Dt></Dt></Bal><Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">${money(sum)}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-12-01</Dt></Dt></Bal>${entries.join('')}</Stmt></BkToCstmrStmt></Document>`;
  return { invoices, truth, xml: Buffer.from(xml, 'utf8') };
}

export async function benchPayments(): Promise<boolean> {
  const { invoices, truth, xml } = generate();
  const parseStart = performance.now();
  parseStatement(xml, { fileName: 'bench.xml' });
  const parseMs = performance.now() - parseStart;

  const start = performance.now();
  const parsed = parseStatement(xml, { fileName: 'bench.xml' });
  const matcher = new Matcher(invoices);
  const results = parsed.statements[0]!.entries.map((e) => matcher.match(e));
  const ms = performance.now() - start;

  let right = 0;
  let wrong = 0;
  let shouldMatch = 0;
  results.forEach((r, i) => {
    const expected = truth[i]!.invoiceIds;
    if (expected.length) shouldMatch++;
    if (!r.confident) return;
    const same = r.confident.invoiceIds.length === expected.length && r.confident.invoiceIds.every((id) => expected.includes(id));
    if (same) right++;
    else wrong++;
  });
  const share = right / shouldMatch;
  const ok = ms < 5000 && share >= 0.98 && wrong === 0;
  console.log(`\nPayments: ${ENTRIES} CAMT.053 entries against ${INVOICES} open invoices`);
  console.log('| measure | value | target | ok |');
  console.log('|---|---:|---:|:-:|');
  console.log(`| read + match, ms | ${ms.toFixed(0)} | < 5000 | ${ms < 5000 ? 'yes' : 'NO'} |`);
  console.log(`| entries per second | ${Math.round((ENTRIES / ms) * 1000)} | | |`);
  console.log(`| reading alone (baseline), ms | ${parseMs.toFixed(0)} | | |`);
  console.log(`| ratio to reading alone | ${(ms / parseMs).toFixed(2)}x | | |`);
  console.log(`| matched confidently and correctly | ${(share * 100).toFixed(2)} % of ${shouldMatch} | ≥ 98 % | ${share >= 0.98 ? 'yes' : 'NO'} |`);
  console.log(`| wrong automatic allocations | ${wrong} | 0 | ${wrong === 0 ? 'yes' : 'NO'} |`);
  console.log(`| left for a person (no confident match) | ${results.filter((r) => !r.confident).length} | | |`);
  return ok;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = (await benchPayments()) ? 0 : 1;
