/** The cash book of a month as a PDF file in the letterhead, made when asked (not frozen). */
import { createHash } from 'node:crypto';
import type { DocumentFile, ParsedInputOf } from '../../src-shared/contract/index.js';
import type { Core } from '../server/core.js';
import type { CashbookPorts } from './ports.js';
import { cashMonthLetter } from './printable.js';
import type { Cashbook } from './service.js';

/** Letters, digits, dot, dash and underscore; anything else becomes a dash. */
const safe = (text: string) => text.normalize('NFKD').replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'Kasse';

export async function monthPdf(core: Pick<Core, 'clock'>, cashbook: Cashbook, ports: CashbookPorts, input: ParsedInputOf<'cashbook.pdf'>, language: 'de' | 'en'): Promise<DocumentFile> {
  const month = await cashbook.reading.month(input.cashBookId, input.month);
  const now = core.clock();
  const letter = cashMonthLetter(month, { language, seller: await ports.seller(), date: now.toISOString().slice(0, 10) });
  const bytes = await ports.renderTable(letter);
  return {
    format: 'pdf',
    fileName: `${language === 'de' ? 'Kassenbuch' : 'Cash-book'}-${safe(month.cashBook.name)}-${input.month}.pdf`,
    mimeType: 'application/pdf',
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.length,
    frozenAt: now.toISOString(),
    dataBase64: bytes.toString('base64'),
  };
}
