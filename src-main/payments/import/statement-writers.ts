/**
 * Test support: bank statement files written from a list of entries, the way different banks
 * write them: CAMT.052/053/054 in any message version (with the first version's element names),
 * entries with or without booking date, amounts with up to five decimals; MT940 with or without
 * SWIFT envelope, over several pages, with header lines, optional entry dates, zero-padded
 * amounts, :NS: fields and a :86: field wrapped over many lines. Balances always add up.
 */

export type WrittenEntry = {
  /** Cents, signed: credit positive, never zero. */
  amount: number;
  /** Booking date (ISO). */
  date: string;
  /** Value date (ISO); an MT940 writer may write it as a day the month does not have (see `writtenDay`). */
  valueDate: string;
  /** The value date's day as the bank wrote it when that is past the month's end (30 February). */
  writtenDay?: number;
  bankReference: string;
  endToEndId: string;
  name: string;
  remittance: string;
};

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Cents as a decimal with `decimals` places (2 … 5; the places after the cent are zeros). */
export function decimalText(cents: number, separator: '.' | ',', decimals = 2, pad = 0): string {
  const abs = Math.abs(cents);
  const units = String(Math.trunc(abs / 100)).padStart(pad, '0');
  return `${units}${separator}${String(abs % 100).padStart(2, '0')}${'0'.repeat(Math.max(0, decimals - 2))}`;
}

export type CamtWriting = {
  message: 'camt.052' | 'camt.053' | 'camt.054';
  version: number;
  /** Entries written without BookgDt (only the value date). */
  withoutBookingDate: boolean[];
  /** Extra decimal places (zeros) per entry amount, 2 … 5. */
  decimals: number[];
  /** Dates as DtTm rather than Dt. */
  dateTime: boolean;
  opening: number;
};

const ROOTS = { 'camt.053': ['BkToCstmrStmt', 'Stmt'], 'camt.052': ['BkToCstmrAcctRpt', 'Rpt'], 'camt.054': ['BkToCstmrDbtCdtNtfctn', 'Ntfctn'] } as const;

export function camtStatement(entries: readonly WrittenEntry[], w: CamtWriting): Buffer {
  const v01 = w.version === 1;
  const [rootName, block] = ROOTS[w.message];
  const root = v01 ? `${rootName}V01` : rootName;
  const day = (iso: string) => (w.dateTime ? `<DtTm>${iso}T10:00:00+01:00</DtTm>` : `<Dt>${iso}</Dt>`);
  const balance = (code: string, cents: number, date: string) =>
    `<Bal><Tp>${v01 ? `<Cd>${code}</Cd>` : `<CdOrPrtry><Cd>${code}</Cd></CdOrPrtry>`}</Tp><Amt Ccy="EUR">${decimalText(cents, '.')}</Amt><CdtDbtInd>${cents < 0 ? 'DBIT' : 'CRDT'}</CdtDbtInd><Dt><Dt>${date}</Dt></Dt></Bal>`;
  const closing = entries.reduce((sum, e) => sum + e.amount, w.opening);
  const entryXml = (e: WrittenEntry, i: number) => {
    const credit = e.amount > 0;
    const party = credit ? 'Dbtr' : 'Cdtr';
    const name = w.version >= 9 ? `<Pty><Nm>${escape(e.name)}</Nm></Pty>` : `<Nm>${escape(e.name)}</Nm>`;
    const tx = `<TxDtls><Refs><EndToEndId>${escape(e.endToEndId)}</EndToEndId></Refs><RltdPties><${party}>${name}</${party}></RltdPties><RmtInf><Ustrd>${escape(e.remittance)}</Ustrd></RmtInf></TxDtls>`;
    return [
      '<Ntry>',
      `<Amt Ccy="EUR">${decimalText(e.amount, '.', w.decimals[i] ?? 2)}</Amt><CdtDbtInd>${credit ? 'CRDT' : 'DBIT'}</CdtDbtInd>`,
      w.version >= 9 ? '<Sts><Cd>BOOK</Cd></Sts>' : '<Sts>BOOK</Sts>',
      w.withoutBookingDate[i] ? '' : `<BookgDt>${day(e.date)}</BookgDt>`,
      `<ValDt>${day(e.valueDate)}</ValDt>`,
      `<AcctSvcrRef>${escape(e.bankReference)}</AcctSvcrRef>`,
      v01 ? tx : `<NtryDtls>${tx}</NtryDtls>`,
      '</Ntry>',
    ].join('\n');
  };
  const first = entries[0]?.date ?? '2026-01-05';
  const balances = w.message === 'camt.054' ? [] : [balance('OPBD', w.opening, first), balance('CLBD', closing, entries.at(-1)?.date ?? first)];
  return Buffer.from(
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:${w.message}.001.${String(w.version).padStart(2, '0')}">`,
      `<${root}><GrpHdr><MsgId>PROP-1</MsgId><CreDtTm>2026-01-31T18:00:00</CreDtTm></GrpHdr>`,
      `<${block}><Id>PROP-STMT</Id><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></Acct>`,
      ...balances,
      ...entries.map(entryXml),
      `</${block}></${root}></Document>`,
    ].join('\n'),
    'utf8',
  );
}

export type Mt940Writing = {
  /** Entries per page (sums to the number of entries; at least one page). */
  pages: number[];
  envelope: boolean;
  headerLines: boolean;
  /** Per entry: write the optional entry date. */
  entryDate: boolean[];
  /** Per entry: zeros before the amount. */
  pad: number[];
  /** Per entry: where the :86: field's lines break (every n characters). */
  wrap: number[];
  /** Per entry: an :NS: field after the :86:. */
  ns: boolean[];
  plainTag28: boolean;
  opening: number;
};

const yymmdd = (iso: string, day?: number) => `${iso.slice(2, 4)}${iso.slice(5, 7)}${day === undefined ? iso.slice(8, 10) : String(day).padStart(2, '0')}`;

/** The :86: field in the DK structure, its purpose in subfields of 27 characters, broken into lines of `wrap` characters. */
function details(e: WrittenEntry, wrap: number): string[] {
  const purpose = `EREF+${e.endToEndId}SVWZ+${e.remittance}`;
  const chunks = purpose.match(/.{1,27}/g) ?? [];
  const subfields = chunks.map((c, i) => `?${i < 10 ? `2${i}` : `6${i - 10}`}${c}`);
  const text = `166?00GUTSCHRIFT${subfields.join('')}?32${e.name.slice(0, 27)}${e.name.length > 27 ? `?33${e.name.slice(27, 54)}` : ''}`;
  const lines: string[] = [];
  let rest = text;
  while (rest.length > wrap) {
    let cut = wrap;
    // A line of blanks alone would be read as an empty line: break elsewhere.
    while (cut < rest.length && (!rest.slice(0, cut).trim() || !rest.slice(cut, cut + wrap).trim() || /^[-:{}]/.test(rest.slice(cut)))) cut++;
    lines.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  lines.push(rest);
  return lines;
}

export function mt940File(entries: readonly WrittenEntry[], w: Mt940Writing): Buffer {
  const out: string[] = [];
  if (w.headerLines) out.push(':940:', '', '-');
  let balance = w.opening;
  let at = 0;
  w.pages.forEach((count, page) => {
    const last = page === w.pages.length - 1;
    const pageEntries = entries.slice(at, at + count);
    const entryIndex = at;
    at += count;
    const firstDate = pageEntries[0]?.date ?? entries[0]?.date ?? '2026-01-05';
    const lastDate = pageEntries.at(-1)?.date ?? firstDate;
    const sign = (cents: number) => (cents < 0 ? 'D' : 'C');
    if (w.envelope) out.push('{1:F01COBADEFFAXXX0000000000}{2:O9401200260131COBADEFFAXXX00000000002601311200N}{4:');
    out.push(':20:STARTUMS', ':25:DE89370400440532013000', `${w.plainTag28 ? ':28:' : ':28C:'}00007/${page + 1}`);
    out.push(`:${page === 0 ? '60F' : '60M'}:${sign(balance)}${yymmdd(firstDate)}EUR${decimalText(balance, ',')}`);
    pageEntries.forEach((e, k) => {
      const i = entryIndex + k;
      const entryDate = w.entryDate[i] ? e.date.slice(5, 7) + e.date.slice(8, 10) : '';
      out.push(`:61:${yymmdd(e.valueDate, e.writtenDay)}${entryDate}${e.amount < 0 ? 'D' : 'C'}${decimalText(e.amount, ',', 2, w.pad[i] ?? 0)}NTRFNONREF//${e.bankReference}`);
      const [head, ...more] = details(e, w.wrap[i] ?? 65);
      out.push(`:86:${head}`, ...more);
      if (w.ns[i]) out.push(':NS:22Bankinterne Angabe');
      balance += e.amount;
    });
    out.push(`:${last ? '62F' : '62M'}:${sign(balance)}${yymmdd(lastDate)}EUR${decimalText(balance, ',')}`);
    out.push(w.envelope ? '-}' : '-');
  });
  return Buffer.from(`${out.join('\r\n')}\r\n`, 'utf8');
}
