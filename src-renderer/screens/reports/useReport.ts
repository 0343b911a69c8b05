import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppErrorValue, HandlerName, InputOf, OutputOf } from '../../../src-shared/contract/index.js';
import { useDebounced } from '../../editor/catalog.js';
import { api } from '../../state/app.js';
import { fieldErrors } from '../../state/errors.js';
import { useDataChanged } from '../../state/hooks.js';

/** The books a report reads: it runs again when any of them changes. */
const BOOKS = ['facts', 'invoices', 'customers', 'settings'] as const;

export type ReportState<N extends HandlerName> = {
  data: OutputOf<N> | null;
  /** The failure of the last run; a refused filter is also in `errors` by field. */
  error: AppErrorValue | null;
  errors: Record<string, string>;
  loading: boolean;
};

/**
 * Runs the report `name` with `input` (not while `input` is null), again whenever the input or
 * the books change; an answer overtaken by a newer run is dropped. `input` is compared by value.
 */
export function useReport<N extends HandlerName>(name: N, input: InputOf<N> | null): ReportState<N> {
  const [state, setState] = useState<ReportState<N>>({ data: null, error: null, errors: {}, loading: input !== null });
  const run = useRef(0);
  // Typing into a filter runs the report once the typing pauses, not at every key.
  const given = input === null ? null : JSON.stringify(input);
  const key = useDebounced(given, 200);
  const load = useCallback(async () => {
    if (key === null) return;
    const mine = ++run.current;
    setState((s) => ({ ...s, loading: true }));
    const result = await api().invoke(name, JSON.parse(key) as InputOf<N>);
    if (mine !== run.current) return;
    if (result.ok) setState({ data: result.value, error: null, errors: {}, loading: false });
    else setState({ data: null, error: result.error, errors: fieldErrors(result.error), loading: false });
  }, [name, key]);
  useEffect(() => void load(), [load]);
  useDataChanged(BOOKS, () => void load());
  // A filter just changed counts as loading already: the figures shown are of the filters before.
  return given !== null && given !== key ? { ...state, loading: true } : state;
}
