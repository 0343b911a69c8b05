/**
 * The one input for money, prices, quantities and percentages in every form. The user types
 * as they write numbers ("1.249,00", "2,5", a pasted "1.249,00 €" or "€1,249.00"); leaving the
 * field shows the value in the user's format, or what is wrong with it, naming the field. Forms
 * keep the text as typed and turn it into the contract's plain decimal with `numberValue` when
 * they save (format.ts reads and writes both; never a float).
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumberInput, readNumber, type NumberKind } from '../format.js';
import { encodeProblem, problemText } from '../state/problems.js';
import { currentError, FieldFrame } from './controls.js';

/** What a valid number of each kind looks like, shown in the problem text. */
const EXAMPLES: Record<NumberKind, string> = { money: '1249.00', price: '18.90', quantity: '2.5', percent: '2.5' };

type Reading = { kind: NumberKind; negative?: boolean };

/** The problem with `text` as an encoded i18n problem naming the field (`label`), or undefined when it reads. */
export function numberProblem(text: string, language: string, label: string, { kind, negative }: Reading): string | undefined {
  const read = readNumber(text, language, kind, { negative: negative ?? false });
  if (read.ok) return undefined;
  const example = formatNumberInput(EXAMPLES[kind], language, kind);
  return encodeProblem(`numberInput.${read.problem}`, { field: label, text: text.trim(), example, ...(read.max ? { max: read.max } : {}) });
}

/** `text` as the contract takes it (`"1.249,00"` → `"1249.00"`, empty → `""`), or undefined when it does not read. */
export function numberValue(text: string, language: string, { kind, negative }: Reading): string | undefined {
  const read = readNumber(text, language, kind, { negative: negative ?? false });
  return read.ok ? read.value : undefined;
}

/**
 * Reads the numbers of a form before saving: the values for the contract, and the problems by
 * field name. `fields`: name → text as typed, its kind and its label.
 */
export function readNumberFields<N extends string>(
  fields: Record<N, { text: string; label: string } & Reading>,
  language: string,
): { values: Record<N, string>; problems: Partial<Record<N, string>> } {
  const values = {} as Record<N, string>;
  const problems: Partial<Record<N, string>> = {};
  for (const name of Object.keys(fields) as N[]) {
    const field = fields[name];
    const value = numberValue(field.text, language, field);
    if (value === undefined) problems[name] = numberProblem(field.text, language, field.label, field)!;
    else values[name] = value;
  }
  return { values, problems };
}

/** The text shown once the user leaves the field, and the problem found then. */
function useNumberText(value: string, onChange: (text: string) => void, label: string, reading: Reading) {
  const { i18n } = useTranslation();
  const [problem, setProblem] = useState<string>();
  return {
    problem,
    change: (text: string) => {
      setProblem(undefined);
      onChange(text);
    },
    blur: () => {
      const read = readNumber(value, i18n.language, reading.kind, { negative: reading.negative ?? false });
      if (read.ok && read.value !== '') {
        const shown = formatNumberInput(read.value, i18n.language, reading.kind);
        if (shown !== value) onChange(shown);
      }
      setProblem(numberProblem(value, i18n.language, label, reading));
    },
  };
}

type InputProps = Reading & {
  value: string;
  onChange(text: string): void;
  /** The field's name as the user sees it: the input's accessible name and the subject of its problem. */
  label: string;
  /** A problem from the last save (an encoded i18n problem); the problem found on leaving the field comes first. */
  error?: string | undefined;
  placeholder?: string | undefined;
  name?: string;
};

/** A bare number input for table cells: accessible name from `label`, its problem below it. */
export function NumberInput({ value, onChange, label, error, placeholder, name, className, ...reading }: InputProps & { className?: string }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const text = useNumberText(value, onChange, label, reading);
  const shown = text.problem ?? currentError(error, value);
  return (
    <>
      <input
        id={id}
        name={name}
        className={className}
        aria-label={label}
        aria-invalid={Boolean(shown)}
        aria-describedby={shown ? `${id}-error` : undefined}
        inputMode="decimal"
        autoComplete="off"
        value={value}
        placeholder={placeholder}
        onChange={(e) => text.change(e.target.value)}
        onBlur={text.blur}
      />
      {shown && (
        <small id={`${id}-error`} className="field-error" role="alert">
          {problemText(t, shown, i18n.language)}
        </small>
      )}
    </>
  );
}

/** A labelled number field for forms (the same frame, hint and error as a text field). */
export function NumberField({ name, hint, required, className, plainProblems, ...props }: InputProps & { name: string; hint?: string; required?: boolean; className?: string; /** The problem under the field without the field's name before it (the label stands above). */ plainProblems?: boolean }) {
  const id = useId();
  const text = useNumberText(props.value, props.onChange, props.label, props);
  const found = text.problem ?? currentError(props.error, props.value);
  const error = plainProblems && found?.startsWith('numberInput.') ? found.replace(/^numberInput\./, 'numberInput.plain.') : found;
  return (
    <FieldFrame id={id} name={name} label={props.label} error={error} {...(hint ? { hint } : {})} {...(required ? { required } : {})} {...(className ? { className } : {})}>
      <input
        id={id}
        name={name}
        inputMode="decimal"
        autoComplete="off"
        value={props.value}
        placeholder={props.placeholder}
        aria-invalid={Boolean(error)}
        aria-required={required || undefined}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
        onChange={(e) => text.change(e.target.value)}
        onBlur={text.blur}
      />
    </FieldFrame>
  );
}
