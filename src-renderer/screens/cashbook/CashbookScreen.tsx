import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CashBookView } from '../../../src-shared/contract/index.js';
import { todayIso } from '../../format.js';
import { api } from '../../state/app.js';
import { useDataChanged, useErrorToast, useFormat } from '../../state/hooks.js';
import { Button, SelectField, Toolbar } from '../../ui/controls.js';
import { Dialog, EmptyState } from '../../ui/feedback.js';
import { Tabs } from '../../ui/Tabs.js';
import { BookForm } from './BookForm.js';
import { DayView } from './DayView.js';
import { MonthView } from './MonthView.js';

type Tab = 'day' | 'month';

/**
 * Kasse: the cash books (one per register or location, each kept on one device and read on the
 * others), a day of the chosen book with its entry form and closing, and its months.
 */
export function CashbookScreen() {
  const { t } = useTranslation();
  const f = useFormat();
  const showError = useErrorToast();
  const [books, setBooks] = useState<CashBookView[] | null>(null);
  const [bookId, setBookId] = useState('');
  const [creating, setCreating] = useState(false);
  const [tab, setTab] = useState<Tab>('day');
  const [date, setDate] = useState(() => todayIso());
  const [month, setMonth] = useState(() => todayIso().slice(0, 7));

  const load = useCallback(async () => {
    const r = await api().invoke('cashbook.list', {});
    if (!r.ok) return showError(r.error);
    setBooks(r.value);
    // The first book kept on this device, unless one is chosen already.
    setBookId((current) => (r.value.some((b) => b.id === current) ? current : ((r.value.find((b) => b.ownDevice) ?? r.value[0])?.id ?? '')));
  }, [showError]);
  useEffect(() => void load(), [load]);
  useDataChanged(['facts'], () => void load());
  const book = books?.find((b) => b.id === bookId) ?? null;

  const newButton = (
    <Button kind="primary" shortcut="new" onClick={() => setCreating(true)}>
      {t('cashbook.newBook')}
    </Button>
  );
  return (
    <section aria-labelledby="cashbook-title">
      <h1 id="cashbook-title">{t('nav.cashbook')}</h1>
      {books && books.length === 0 && <EmptyState title={t('cashbook.noBooks')} text={t('cashbook.noBooksText')} action={newButton} />}
      {books && books.length > 0 && (
        <Toolbar>
          <SelectField
            name="cashBook"
            label={t('cashbook.book')}
            value={bookId}
            onChange={setBookId}
            options={books.map((b) => ({ value: b.id, label: `${b.name}${b.location ? ` · ${b.location}` : ''} · ${f.money(b.balance, b.currency)}` }))}
          />
          <div className="toolbar-actions">{newButton}</div>
        </Toolbar>
      )}
      {book && (
        <>
          <p className={book.ownDevice ? 'hint' : 'notice'} data-testid="cash-device">
            {book.ownDevice ? t('cashbook.ownDevice') : t('cashbook.otherDevice', { device: book.deviceId })}
          </p>
          <Tabs tabs={(['day', 'month'] as const).map((id) => ({ id, label: t(`cashbook.tab.${id}`) }))} selected={tab} onSelect={setTab}>
            {tab === 'day' && <DayView
                book={book}
                date={date}
                onDate={(day) => {
                  setDate(day);
                  setMonth(day.slice(0, 7));
                }}
              />}
            {tab === 'month' && (
              <MonthView
                book={book}
                month={month}
                onMonth={setMonth}
                onDay={(day) => {
                  setDate(day);
                  setTab('day');
                }}
              />
            )}
          </Tabs>
        </>
      )}
      <Dialog open={creating} title={t('cashbook.newBook')} onClose={() => setCreating(false)}>
        {creating && (
          <BookForm
            onDone={(created) => {
              setCreating(false);
              if (!created) return;
              setBookId(created.id);
              void load();
            }}
          />
        )}
      </Dialog>
    </section>
  );
}
