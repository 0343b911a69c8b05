import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../state/app.js';

export function Toasts() {
  const { toasts, dismiss } = useApp();
  const { t } = useTranslation();
  // Submitting a form again makes the messages about the previous attempt stale (a "please
  // correct" error must not stand next to the "saved" that follows), so they go at once.
  useEffect(() => {
    const clear = () => {
      if (useApp.getState().toasts.length) useApp.setState({ toasts: [] });
    };
    document.addEventListener('submit', clear, true);
    return () => document.removeEventListener('submit', clear, true);
  }, []);
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast-${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'}>
          <span>{toast.text}</span>
          <button type="button" className="toast-close" aria-label={t('common.close')} onClick={() => dismiss(toast.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

export function ProgressBar({ label, done, total }: { label: string; done: number; total: number }) {
  return (
    <div className="progress">
      <span>{label}</span>
      <progress value={done} max={Math.max(total, 1)} aria-label={label} />
      <span className="progress-count">
        {done} / {total}
      </span>
    </div>
  );
}

export function EmptyState({ title, text, action }: { title: string; text: string; action?: ReactNode }) {
  return (
    <div className="empty-state">
      <h2>{title}</h2>
      <p>{text}</p>
      {action}
    </div>
  );
}

/**
 * A modal dialog on the native <dialog>: focus moves in and is trapped, Escape closes it, and focus
 * returns to the control that opened it, also when the dialog is taken away instead of closed.
 */
export function Dialog({ open, title, onClose, children }: { open: boolean; title: string; onClose(): void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
    }
    if (!open && dialog.open) dialog.close();
    if (!open) returnFocus(opener);
  }, [open]);
  useEffect(() => () => returnFocus(opener), []);
  return (
    <dialog ref={ref} className="dialog" aria-label={title} onClose={onClose} onCancel={onClose}>
      <h2>{title}</h2>
      {children}
    </dialog>
  );
}

function returnFocus(opener: { current: HTMLElement | null }) {
  const target = opener.current;
  opener.current = null;
  if (target?.isConnected && !target.matches(':disabled')) setTimeout(() => target.focus(), 0);
}
