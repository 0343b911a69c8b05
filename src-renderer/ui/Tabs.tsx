import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

/** Where an arrow, Home or End key moves among `count` tabs from `current`; null for other keys. */
export function tabKeyTarget(key: string, current: number, count: number): number | null {
  if (key === 'ArrowRight') return (current + 1) % count;
  if (key === 'ArrowLeft') return (current - 1 + count) % count;
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return null;
}

/**
 * The ARIA tab pattern: a tablist whose tabs control one panel each (aria-controls,
 * aria-labelledby); arrow keys, Home and End move and select; only the selected tab is a tab stop.
 */
export function Tabs<T extends string>({ tabs, selected, onSelect, label, children }: { tabs: readonly { id: NoInfer<T>; label: string }[]; selected: T; onSelect(id: NoInfer<T>): void; label?: string; children: ReactNode }) {
  const base = useId();
  const buttons = useRef(new Map<T, HTMLButtonElement>());
  const tabId = (id: T) => `${base}-tab-${id}`;
  const panelId = (id: T) => `${base}-panel-${id}`;
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = tabKeyTarget(
      event.key,
      tabs.findIndex((tab) => tab.id === selected),
      tabs.length,
    );
    if (index === null) return;
    event.preventDefault();
    const next = tabs[index]!.id;
    onSelect(next);
    buttons.current.get(next)?.focus();
  };
  return (
    <>
      <div role="tablist" className="tabs" aria-label={label} onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            ref={(el) => {
              if (el) buttons.current.set(tab.id, el);
              else buttons.current.delete(tab.id);
            }}
            type="button"
            role="tab"
            id={tabId(tab.id)}
            aria-selected={tab.id === selected}
            aria-controls={panelId(tab.id)}
            tabIndex={tab.id === selected ? 0 : -1}
            onClick={() => onSelect(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={panelId(selected)} aria-labelledby={tabId(selected)} className="tabpanel">
        {children}
      </div>
    </>
  );
}
