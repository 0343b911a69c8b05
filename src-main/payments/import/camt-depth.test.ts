import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSetup, startTestApp, unwrap, type TestApp } from '../../../tests/support/services.js';
import { parseStatement, StatementError } from './index.js';

/** A CAMT.053 statement whose remittance information nests `depth` elements inside each other. */
function deepCamt(depth: number): Buffer {
  const nested = `${'<Strd>'.repeat(depth)}RE-2026-A-000123${'</Strd>'.repeat(depth)}`;
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>DEEP-1</MsgId><CreDtTm>2026-11-26T18:00:00+01:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>2026-11-26-0001</Id>
      <Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></Acct>
      <Ntry>
        <Amt Ccy="EUR">119.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
        <BookgDt><Dt>2026-11-26</Dt></BookgDt><ValDt><Dt>2026-11-26</Dt></ValDt>
        <NtryDtls><TxDtls><RmtInf>${nested}</RmtInf></TxDtls></NtryDtls>
      </Ntry>
    </Stmt>
  </BkToCstmrStmt>
</Document>
`);
}

describe('a CAMT file nested too deeply', () => {
  it('is refused with the file named and the reason, not as an internal error', () => {
    let error: unknown;
    try {
      parseStatement(deepCamt(5000), { fileName: 'kontoauszug.xml' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StatementError);
    expect((error as Error).message).toMatch(/^kontoauszug\.xml: .*nested too deeply/);
  });

  describe('through the contract', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp();
    });
    afterAll(async () => app.stop());

    it('answers IMPORT_FAILED naming the file, and imports nothing', async () => {
      const client = app.client();
      await unwrap(client.invoke('auth.setupAdmin', adminSetup(app)));
      const source = { fileName: 'kontoauszug.xml', dataBase64: deepCamt(200).toString('base64') };
      const preview = await client.invoke('payments.previewStatement', source);
      expect(preview).toMatchObject({ ok: false, error: { code: 'IMPORT_FAILED', details: { file: 'kontoauszug.xml' } } });
      if (!preview.ok) expect(preview.error.message).toMatch(/nested too deeply/);
      expect(await client.invoke('payments.importStatement', source)).toMatchObject({ ok: false, error: { code: 'IMPORT_FAILED' } });
      expect(await app.services.books.db.facts.count({ selector: { kind: 'payment' } }).exec()).toBe(0);
    });
  });
});
