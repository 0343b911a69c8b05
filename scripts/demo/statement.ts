import { decimalOf } from './clock.js';

export type StatementEntry = { date: string; cents: number; name: string; iban: string; text: string; ref: string };

const escapeXml = (text: string) => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A CAMT.053 account statement as a German bank writes it: opening and closing balance,
 * credits with the payer's name, IBAN and remittance text.
 */
export function camt053(account: string, openingCents: number, from: string, to: string, entries: StatementEntry[]): string {
  const closing = entries.reduce((sum, e) => sum + e.cents, openingCents);
  const balance = (code: string, cents: number, date: string) => `      <Bal>
        <Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp>
        <Amt Ccy="EUR">${decimalOf(Math.abs(cents))}</Amt>
        <CdtDbtInd>${cents < 0 ? 'DBIT' : 'CRDT'}</CdtDbtInd>
        <Dt><Dt>${date}</Dt></Dt>
      </Bal>`;
  const entry = (e: StatementEntry, i: number) => {
    const credit = e.cents >= 0;
    const party = credit ? `<Dbtr><Pty><Nm>${escapeXml(e.name)}</Nm></Pty></Dbtr>
              <DbtrAcct><Id><IBAN>${e.iban}</IBAN></Id></DbtrAcct>` : `<Cdtr><Pty><Nm>${escapeXml(e.name)}</Nm></Pty></Cdtr>
              <CdtrAcct><Id><IBAN>${e.iban}</IBAN></Id></CdtrAcct>`;
    return `      <Ntry>
        <NtryRef>${i + 1}</NtryRef>
        <Amt Ccy="EUR">${decimalOf(Math.abs(e.cents))}</Amt>
        <CdtDbtInd>${credit ? 'CRDT' : 'DBIT'}</CdtDbtInd>
        <Sts><Cd>BOOK</Cd></Sts>
        <BookgDt><Dt>${e.date}</Dt></BookgDt>
        <ValDt><Dt>${e.date}</Dt></ValDt>
        <AcctSvcrRef>${e.ref}</AcctSvcrRef>
        <NtryDtls>
          <TxDtls>
            <Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
            <RltdPties>
              ${party}
            </RltdPties>
            <RmtInf><Ustrd>${escapeXml(e.text)}</Ustrd></RmtInf>
          </TxDtls>
        </NtryDtls>
      </Ntry>`;
  };
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
  <BkToCstmrStmt>
    <GrpHdr>
      <MsgId>DEMO-${to}</MsgId>
      <CreDtTm>${to}T18:00:00+01:00</CreDtTm>
    </GrpHdr>
    <Stmt>
      <Id>DEMO-${to}-1</Id>
      <ElctrncSeqNb>1</ElctrncSeqNb>
      <CreDtTm>${to}T18:00:00+01:00</CreDtTm>
      <Acct>
        <Id><IBAN>${account}</IBAN></Id>
        <Ccy>EUR</Ccy>
      </Acct>
${balance('PRCD', openingCents, from)}
${balance('CLBD', closing, to)}
${entries.map(entry).join('\n')}
    </Stmt>
  </BkToCstmrStmt>
</Document>
`;
}
