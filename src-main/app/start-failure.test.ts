import { expect, it } from 'vitest';
import { StoreError } from '../store/errors.js';
import { startFailureText } from './start-failure.js';

it('says why the app cannot start in the user’s language, with the folder or file concerned', () => {
  const inUse = new StoreError('STORE_IN_USE', 'The data folder "/home/erika/books" is open in another instance of the app.', { dataDir: '/home/erika/books' });
  expect(startFailureText(inUse, 'de')).toBe('Dieser Datenordner ist schon in einer anderen Instanz der App geöffnet. Schließen Sie diese zuerst.\n\n/home/erika/books');
  const damaged = new StoreError('STORE_FILE_UNREADABLE', 'damaged', { filename: '/home/erika/books/books.sqlite' });
  expect(startFailureText(damaged, 'en')).toMatch(/^The data file cannot be read or is damaged\. .*Restore the latest backup.*\n\n\/home\/erika\/books\/books\.sqlite$/s);
  expect(startFailureText(new Error('No built renderer'), 'de')).toBe('No built renderer');
});
