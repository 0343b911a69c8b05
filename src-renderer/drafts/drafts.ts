import Dexie, { type Table } from 'dexie';
import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Unsaved form input, kept in the window's IndexedDB through Dexie, so that a reload or a
 * crash of the window loses nothing typed. One draft per form and user; it is removed when
 * the form is saved or cancelled. The books themselves live only in the main process.
 */
type Draft = { key: string; values: Record<string, unknown>; updatedAt: number };

class DraftDatabase extends Dexie {
  drafts!: Table<Draft, string>;
  constructor() {
    super('rechnungswerk-drafts');
    this.version(1).stores({ drafts: 'key, updatedAt' });
  }
}

let database: DraftDatabase | undefined;
function db(): DraftDatabase {
  return (database ??= new DraftDatabase());
}

export const loadDraft = (key: string) => db().drafts.get(key);
export const saveDraft = (key: string, values: Record<string, unknown>) => db().drafts.put({ key, values, updatedAt: Date.now() });
export const clearDraft = (key: string) => db().drafts.delete(key);

export type DraftForm<T extends Record<string, unknown>> = {
  values: T;
  /** True when the values came from a draft rather than from the saved record. */
  restored: boolean;
  ready: boolean;
  set<K extends keyof T>(field: K, value: T[K]): void;
  /** Forget the draft (after a save, or to cancel) and show `values`. */
  reset(values: T): Promise<void>;
};

/**
 * Form state that survives reloads. `saved` is the stored record (or the empty form);
 * until it is known the form is not ready. Every change is written to the draft at once.
 */
export function useDraftForm<T extends Record<string, unknown>>(key: string, saved: T | undefined): DraftForm<T> {
  const [values, setValues] = useState<T | undefined>(undefined);
  const [restored, setRestored] = useState(false);
  const latest = useRef<T | undefined>(undefined);
  const writes = useRef<Promise<unknown>>(Promise.resolve());

  useEffect(() => {
    if (saved === undefined) return;
    let cancelled = false;
    void loadDraft(key).then((draft) => {
      if (cancelled || latest.current) return;
      const initial = draft ? ({ ...saved, ...draft.values } as T) : saved;
      latest.current = initial;
      setValues(initial);
      setRestored(Boolean(draft));
    });
    return () => {
      cancelled = true;
    };
  }, [key, saved]);

  const set = useCallback(
    <K extends keyof T>(field: K, value: T[K]) => {
      const next = { ...(latest.current as T), [field]: value };
      latest.current = next;
      setValues(next);
      // Writes are chained so the last keystroke is always the one kept.
      writes.current = writes.current.then(() => saveDraft(key, next)).catch(() => undefined);
    },
    [key],
  );

  const reset = useCallback(
    async (next: T) => {
      await writes.current;
      await clearDraft(key);
      latest.current = next;
      setValues(next);
      setRestored(false);
    },
    [key],
  );

  return { values: (values ?? saved ?? ({} as T)) as T, restored, ready: values !== undefined, set, reset };
}
