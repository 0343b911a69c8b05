import { useEffect, useMemo, useRef, useState } from 'react';
import type { CustomerView, ProductView } from '../../src-shared/contract/index.js';
import { api } from '../state/app.js';
import { useDataChanged } from '../state/hooks.js';

/** Waits until typing pauses before `value` is used for a query. */
export function useDebounced<T>(value: T, ms = 250): T {
  const [current, setCurrent] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setCurrent(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return current;
}

/**
 * Products to choose from in the line editor: the active products matching `search`, plus
 * every product already on the document (`ids`), so its price and VAT are known.
 */
export function useCatalog(search: string, ids: readonly string[]) {
  const query = useDebounced(search);
  const [options, setOptions] = useState<ProductView[]>([]);
  const [known, setKnown] = useState<ReadonlyMap<string, ProductView>>(new Map());
  const [version, setVersion] = useState(0);
  useDataChanged(['products'], () => setVersion((v) => v + 1));
  const requested = useRef(new Set<string>());

  useEffect(() => {
    let stale = false;
    void api()
      .invoke('products.list', { search: query, pageSize: 200 })
      .then((result) => {
        if (stale || !result.ok) return;
        const active = result.value.items.filter((p) => p.active);
        setOptions(active);
        setKnown((map) => new Map([...map, ...active.map((p) => [p.id, p] as const)]));
      });
    return () => {
      stale = true;
    };
  }, [query, version]);

  const missing = ids.filter((id) => id && !known.has(id) && !requested.current.has(id));
  const missingKey = missing.join(',');
  useEffect(() => {
    if (!missingKey) return;
    for (const id of missingKey.split(',')) {
      requested.current.add(id);
      void api()
        .invoke('products.get', { id })
        .then((result) => {
          if (result.ok) setKnown((map) => new Map([...map, [id, result.value]]));
        });
    }
  }, [missingKey]);

  return useMemo(() => ({ options, known }), [options, known]);
}

/** Customers matching `search` (first 50), for the customer picker. */
export function useCustomerSearch(search: string) {
  const query = useDebounced(search);
  const [items, setItems] = useState<CustomerView[]>([]);
  useEffect(() => {
    let stale = false;
    void api()
      .invoke('customers.list', { search: query, pageSize: 50 })
      .then((result) => {
        if (!stale && result.ok) setItems(result.value.items.filter((c) => c.active));
      });
    return () => {
      stale = true;
    };
  }, [query]);
  return items;
}

/** The company's default currency, for documents not saved yet. */
export function useCompanyCurrency(): string {
  const [currency, setCurrency] = useState('EUR');
  useEffect(() => {
    void api()
      .invoke('settings.getCompany', {})
      .then((result) => {
        if (result.ok && result.value) setCurrency(result.value.defaultCurrency);
      });
  }, []);
  return currency;
}
