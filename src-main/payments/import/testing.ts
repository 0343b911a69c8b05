/**
 * Test support: CAMT.053 statements written from a list of entries, with balances that add up,
 * for files of any size and fields of any length.
 */
import { performance } from 'node:perf_hooks';

export type CamtTestEntry = {
  /** Cents, signed: credit positive. */
  amount: number;
  date: string;
  bankReference?: string;
  endToEndId?: string;
  name?: string;
  iban?: string;
  remittance?: string[];
};

export type CamtTestOptions = { iban?: string; statementId?: string; opening?: number; openingDate?: string; closingDate?: string; comment?: string };

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const money = (cents: number) => `${Math.trunc(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;
const balance = (code: string, cents: number, date: string) =>
  `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">${money(cents)}</Amt><CdtDbtInd>${cents < 0 ? 'DBIT' : 'CRDT'}</CdtDbtInd><Dt><Dt>${date}</Dt></Dt></Bal>`;

function entryXml(e: CamtTestEntry): string {
  const credit = e.amount >= 0;
  const party = credit ? 'Dbtr' : 'Cdtr';
  return [
    '<Ntry>',
    `<Amt Ccy="EUR">${money(e.amount)}</Amt><CdtDbtInd>${credit ? 'CRDT' : 'DBIT'}</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>`,
    `<BookgDt><Dt>${e.date}</Dt></BookgDt><ValDt><Dt>${e.date}</Dt></ValDt>`,
    e.bankReference ? `<AcctSvcrRef>${escape(e.bankReference)}</AcctSvcrRef>` : '',
    '<NtryDtls><TxDtls>',
    `<Refs><EndToEndId>${escape(e.endToEndId || 'NOTPROVIDED')}</EndToEndId></Refs>`,
    '<RltdPties>',
    e.name ? `<${party}><Pty><Nm>${escape(e.name)}</Nm></Pty></${party}>` : '',
    e.iban ? `<${party}Acct><Id><IBAN>${e.iban}</IBAN></Id></${party}Acct>` : '',
    '</RltdPties>',
    `<RmtInf>${(e.remittance ?? []).map((line) => `<Ustrd>${escape(line)}</Ustrd>`).join('')}</RmtInf>`,
    '</TxDtls></NtryDtls>',
    '</Ntry>',
  ].join('');
}

/** A CAMT.053 file with one statement holding `entries`; `comment` pads the file with an XML comment. */
export function camtFile(entries: readonly CamtTestEntry[], options: CamtTestOptions = {}): Buffer {
  const opening = options.opening ?? 100_000;
  const closing = entries.reduce((sum, e) => sum + e.amount, opening);
  const first = entries[0]?.date ?? '2026-11-27';
  const last = entries.at(-1)?.date ?? first;
  const parts = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>',
    '<GrpHdr><MsgId>TEST-1</MsgId><CreDtTm>2026-11-30T18:00:00+01:00</CreDtTm></GrpHdr>',
    options.comment !== undefined ? `<!--${options.comment}-->` : '',
    `<Stmt><Id>${escape(options.statementId ?? 'TEST-STMT-1')}</Id>`,
    `<Acct><Id><IBAN>${options.iban ?? 'DE89370400440532013000'}</IBAN></Id><Ccy>EUR</Ccy></Acct>`,
    balance('PRCD', opening, options.openingDate ?? first),
    balance('CLBD', closing, options.closingDate ?? last),
    ...entries.map(entryXml),
    '</Stmt></BkToCstmrStmt></Document>\n',
  ];
  return Buffer.from(parts.join(''), 'utf8');
}

/** `count` entries of ordinary size: references, payers, IBANs and texts all different. */
export function manyEntries(count: number, date = '2026-11-28'): CamtTestEntry[] {
  return Array.from({ length: count }, (_, i) => ({
    amount: (i % 7 === 0 ? -1 : 1) * (1000 + (i % 9973)),
    date,
    bankReference: `BANKREF-${String(i).padStart(8, '0')}`,
    endToEndId: `E2E-${i}`,
    name: `Kunde Nummer ${i} Handelsgesellschaft mbH & Co. KG`,
    iban: `DE02${String(100000000000000000 + i).slice(0, 18)}`,
    remittance: [`Rechnung RE-2026-X-${String(i).padStart(6, '0')} vom 01.11.2026`, `Kundennummer K-${i} Auftrag A-${i * 3} Lieferung vom 30.10.2026`],
  }));
}

/**
 * Watches the event loop of this thread with a timer every 5 ms. `stop()` gives the longest time
 * the loop was busy between two turns of the timer (running code, not waiting), and the longest
 * time between two turns at all, in ms. The first is what this thread's own work held it up; the
 * second also counts the time a busy machine gave the thread no processor.
 */
export function watchEventLoop(): { stop(): { busy: number; gap: number } } {
  let last = performance.now();
  let lastUse = performance.eventLoopUtilization();
  let busy = 0;
  let gap = 0;
  const tick = () => {
    const now = performance.now();
    busy = Math.max(busy, performance.eventLoopUtilization(lastUse).active);
    gap = Math.max(gap, now - last);
    last = now;
    lastUse = performance.eventLoopUtilization();
  };
  const timer = setInterval(tick, 5);
  return {
    stop() {
      clearInterval(timer);
      tick();
      return { busy, gap };
    },
  };
}
