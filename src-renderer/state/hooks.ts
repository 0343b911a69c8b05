import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorValue, Role } from '../../src-shared/contract/index.js';
import { formatDate, formatDateTime, formatDecimalText, formatMoney, formatPrice } from '../format.js';
import { api, useApp } from './app.js';

/**
 * Calls `reload` when the main process reports a change in one of `collections` (any screen,
 * any user). Bursts of events (one per written record) are folded into one reload.
 */
export function useDataChanged(collections: readonly string[], reload: () => void): void {
  const latest = useRef(reload);
  latest.current = reload;
  const key = collections.join(',');
  useEffect(() => {
    const wanted = new Set(key.split(','));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = api().on('data.changed', (event) => {
      if (!wanted.has(event.collection)) return;
      clearTimeout(timer);
      timer = setTimeout(() => latest.current(), 60);
    });
    return () => {
      clearTimeout(timer);
      off();
    };
  }, [key]);
}

/** Formatting in the current UI language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return {
    language,
    money: (minor: number, currency = 'EUR') => formatMoney(minor, currency, language),
    price: (decimal: string, currency = 'EUR') => formatPrice(decimal, currency, language),
    decimal: (text: string) => formatDecimalText(text, language),
    date: (iso: string) => formatDate(iso, language),
    /** A moment (ISO timestamp) in local time, with the same date format. */
    dateTime: (iso: string) => formatDateTime(iso, language),
  };
}

const BOOKS: readonly Role[] = ['admin', 'bookkeeper', 'supervisor'];
const SALES: readonly Role[] = ['admin', 'bookkeeper', 'supervisor', 'accountManager'];
const APPROVERS: readonly Role[] = ['admin', 'supervisor'];

/** What the logged-in user's role may do (the main process checks again on every call). */
export function usePermissions() {
  const role = useApp((s) => s.user?.role);
  return {
    books: role !== undefined && BOOKS.includes(role),
    sales: role !== undefined && SALES.includes(role),
    approve: role !== undefined && APPROVERS.includes(role),
  };
}

/** A failed call as a toast in the user's language. */
export function useErrorToast() {
  const { t } = useTranslation();
  const toast = useApp((s) => s.toast);
  // Stable between renders, so that a load callback depending on it does not run again each time.
  return useCallback((error: AppErrorValue) => toast('error', t(`errors.${error.code}`)), [t, toast]);
}
