/**
 * The plain inputs of the cash entry form, in the same frame as every field (label, hint, error
 * at the field), with what the shared controls do not offer: a list of suggestions (datalist)
 * and a disabled state.
 */
import { useId, type KeyboardEvent } from 'react';
import { currentError, FieldFrame } from '../../ui/controls.js';

type Common = { name: string; label: string; value: string; onChange(value: string): void; error?: string | undefined; hint?: string | undefined; required?: boolean };

function described(id: string, error: string | undefined, hint: string | undefined) {
  return error ? `${id}-error` : hint ? `${id}-hint` : undefined;
}

export function InputField({ type = 'text', suggestions, ...props }: Common & { type?: 'text' | 'date' | 'time' | 'month'; suggestions?: readonly string[] }) {
  const id = useId();
  const error = currentError(props.error, props.value);
  const listId = suggestions ? `${id}-list` : undefined;
  return (
    <FieldFrame id={id} name={props.name} label={props.label} error={error} {...(props.hint ? { hint: props.hint } : {})} {...(props.required ? { required: true } : {})}>
      <input
        id={id}
        name={props.name}
        type={type}
        value={props.value}
        list={listId}
        autoComplete="off"
        aria-invalid={Boolean(error)}
        aria-required={props.required || undefined}
        aria-describedby={described(id, error, props.hint)}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {suggestions && (
        <datalist id={listId}>
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      )}
    </FieldFrame>
  );
}

export function ChoiceField({ options, disabled, onKeyDown, ...props }: Common & { options: readonly { value: string; label: string }[]; disabled?: boolean; onKeyDown?(event: KeyboardEvent<HTMLSelectElement>): void }) {
  const id = useId();
  const error = currentError(props.error, props.value);
  return (
    <FieldFrame id={id} name={props.name} label={props.label} error={error} {...(props.hint ? { hint: props.hint } : {})}>
      <select
        id={id}
        name={props.name}
        value={props.value}
        disabled={disabled}
        onKeyDown={onKeyDown}
        aria-invalid={Boolean(error)}
        aria-describedby={described(id, error, props.hint)}
        onChange={(e) => props.onChange(e.target.value)}
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

/**
 * Enter in a field moves on to the next enabled field of `order` inside `form`; in the last one
 * it submits the form. Returns true when it handled the key.
 */
export function enterMovesOn(event: { key: string; target: EventTarget | null; preventDefault(): void; shiftKey: boolean; altKey: boolean; ctrlKey: boolean; metaKey: boolean }, form: HTMLFormElement, order: readonly string[]): boolean {
  if (event.key !== 'Enter' || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) return false;
  const target = event.target;
  if (!(target instanceof HTMLInputElement || target instanceof HTMLSelectElement)) return false;
  const fields = order.map((name) => form.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`)).filter((el): el is HTMLInputElement | HTMLSelectElement => el !== null && !el.disabled);
  const at = fields.indexOf(target);
  if (at < 0) return false;
  event.preventDefault();
  const next = fields[at + 1];
  if (next) {
    next.focus();
    if (next instanceof HTMLInputElement && next.type === 'text') next.select();
  } else form.requestSubmit();
  return true;
}
