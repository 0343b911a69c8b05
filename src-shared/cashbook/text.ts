/**
 * The texts the cash book writes itself (opening, reversal, a closing's difference), shown in the
 * reader's language from the facts they were written from. The stored text stays as recorded.
 */
import type { CashEntryView, CashWrittenText } from '../contract/index.js';
import { MESSAGES, translate, type Language, type MessageKey } from '../i18n/index.js';

type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** The reason a person gave for a reversal, read back from the stored text in whichever language it was written. */
export function reversalReason(text: string, voucher: number): string | null {
  for (const language of Object.keys(MESSAGES) as Language[]) {
    const prefix = translate(language, 'cash.texts.reversal', { voucher, reason: '' });
    if (text.startsWith(prefix)) return text.slice(prefix.length);
  }
  return null;
}

/** The entry's text in the reader's language: written by the app anew from its facts, a person's own text as typed. */
export function cashEntryText(entry: Pick<CashEntryView, 'text' | 'written'>, t: Translate, money: (cents: number) => string): string {
  const written: CashWrittenText | null = entry.written;
  if (!written) return entry.text;
  if (written.kind === 'opening') return t('cash.texts.opening');
  if (written.kind === 'reversal') return t('cash.texts.reversal', { voucher: written.voucher, reason: written.reason });
  return t('cash.texts.difference', { counted: money(written.counted), expected: money(written.expected) });
}
