import { useId, type ButtonHTMLAttributes, type ReactNode, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { problemText } from '../state/problems.js';
import { NEW_KEYS, SAVE_KEYS, SEARCH_KEYS, shortcutProps } from './shortcuts.js';

/** `shortcut`: the screen's "new" or the form's "save" button, pressed by Alt+N or Ctrl+S. */
export function Button({ kind = 'secondary', busy, shortcut, children, ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { kind?: 'primary' | 'secondary' | 'danger' | 'ghost'; busy?: boolean; shortcut?: 'new' | 'save'; ref?: Ref<HTMLButtonElement> }) {
  const { t } = useTranslation();
  const keys = shortcut ? { 'data-shortcut': shortcut, ...shortcutProps(t, shortcut === 'new' ? NEW_KEYS : SAVE_KEYS) } : {};
  return (
    <button type="button" className={`btn btn-${kind}`} disabled={busy || rest.disabled} aria-busy={busy || undefined} {...keys} {...rest}>
      {children}
    </button>
  );
}

/**
 * The error a field shows now: "required" only while the field is still empty, so that it goes as
 * soon as the field is filled; any other error stays until the next save.
 */
export function currentError(error: string | undefined, value: string | boolean): string | undefined {
  if (error === 'validation.required' && (typeof value === 'boolean' ? value : value.trim() !== '')) return undefined;
  return error;
}

type FieldProps = {
  name: string;
  label: string;
  /** An i18n key (`validation.*`) or a text. */
  error?: string | undefined;
  hint?: string;
  required?: boolean;
  className?: string;
};

export function FieldFrame({ id, label, error, hint, required, className, children }: FieldProps & { id: string; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  return (
    <div className={`field ${error ? 'field-invalid' : ''} ${className ?? ''}`}>
      <label htmlFor={id}>
        {label}
        {required && (
          <span className="field-required" aria-hidden="true" title={t('common.required')}>
            {' *'}
          </span>
        )}
      </label>
      {children}
      {hint && !error && <small id={`${id}-hint`} className="field-hint">{hint}</small>}
      {error && (
        <small id={`${id}-error`} className="field-error" role="alert">
          {problemText(t, error, i18n.language)}
        </small>
      )}
    </div>
  );
}

export function TextField(props: FieldProps & { value: string; onChange(value: string): void; type?: string; autoComplete?: string; inputMode?: 'numeric' | 'text' | 'email'; placeholder?: string }) {
  const id = useId();
  const { t } = useTranslation();
  const { value, onChange, type = 'text', autoComplete, inputMode, placeholder, ...given } = props;
  const frame = { ...given, error: currentError(given.error, value) };
  // The first search field of a screen is where Ctrl+K goes.
  const search = type === 'search' ? shortcutProps(t, SEARCH_KEYS) : {};
  return (
    <FieldFrame id={id} {...frame}>
      <input
        id={id}
        name={frame.name}
        type={type}
        value={value}
        autoComplete={autoComplete}
        inputMode={inputMode}
        placeholder={placeholder}
        {...search}
        aria-invalid={Boolean(frame.error)}
        aria-required={frame.required || undefined}
        aria-describedby={frame.error ? `${id}-error` : frame.hint ? `${id}-hint` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    </FieldFrame>
  );
}

export function SelectField(props: FieldProps & { value: string; onChange(value: string): void; options: { value: string; label: string }[] }) {
  const id = useId();
  const { value, onChange, options, ...given } = props;
  const frame = { ...given, error: currentError(given.error, value) };
  return (
    <FieldFrame id={id} {...frame}>
      <select
        id={id}
        name={frame.name}
        value={value}
        aria-invalid={Boolean(frame.error)}
        aria-required={frame.required || undefined}
        aria-describedby={frame.error ? `${id}-error` : frame.hint ? `${id}-hint` : undefined}
        onChange={(e) => onChange(e.target.value)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function FormSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="form-section">
      <legend>{title}</legend>
      <div className="form-grid">{children}</div>
    </fieldset>
  );
}

export function TextAreaField(props: FieldProps & { value: string; onChange(value: string): void; rows?: number }) {
  const id = useId();
  const { value, onChange, rows = 3, ...given } = props;
  const frame = { ...given, error: currentError(given.error, value) };
  return (
    <FieldFrame id={id} {...frame}>
      <textarea
        id={id}
        name={frame.name}
        rows={rows}
        value={value}
        aria-invalid={Boolean(frame.error)}
        aria-required={frame.required || undefined}
        aria-describedby={frame.error ? `${id}-error` : frame.hint ? `${id}-hint` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    </FieldFrame>
  );
}

export function CheckboxField({ name, label, checked, onChange, error: given, disabled }: { name: string; label: string; checked: boolean; onChange(checked: boolean): void; error?: string | undefined; disabled?: boolean }) {
  const id = useId();
  const { t, i18n } = useTranslation();
  const error = currentError(given, checked);
  return (
    <div className={`field field-checkbox ${error ? 'field-invalid' : ''}`}>
      <label htmlFor={id}>
        <input id={id} name={name} type="checkbox" checked={checked} disabled={disabled} aria-invalid={Boolean(error)} aria-describedby={error ? `${id}-error` : undefined} onChange={(e) => onChange(e.target.checked)} />
        {label}
      </label>
      {error && (
        <small id={`${id}-error`} className="field-error" role="alert">
          {problemText(t, error, i18n.language)}
        </small>
      )}
    </div>
  );
}

/** A form-less toolbar row: search, filters and actions above a list. */
export function Toolbar({ children }: { children: ReactNode }) {
  return <div className="toolbar">{children}</div>;
}
