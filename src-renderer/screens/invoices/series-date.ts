import type { AppErrorValue } from '../../../src-shared/contract/index.js';
import type { Translate } from '../../translate.js';

/**
 * The message of a refused call in the user's language; a date before the newest number of
 * its series names that date, the number and its date.
 */
export function refusalText(t: Translate, formatDate: (iso: string) => string, error: AppErrorValue): string {
  const d = error.details ?? {};
  if (error.code === 'SERIES_DATE_BACKWARDS' && typeof d.date === 'string' && typeof d.previousDate === 'string') {
    return t('approval.seriesDateBackwards', { date: formatDate(d.date), previousNumber: String(d.previousNumber ?? ''), previousDate: formatDate(d.previousDate) });
  }
  return t(`errors.${error.code}`);
}
