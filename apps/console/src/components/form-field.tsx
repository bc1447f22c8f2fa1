import type { ReactNode, Ref } from 'react';

interface FormFieldProps {
  /** The id of the control inside, which the label points at. */
  readonly controlId: string;
  readonly label: string;
  /** Shown after the label for fields that may stay empty, e.g. "optional". */
  readonly optionalLabel?: string;
  readonly hint?: string;
  readonly error?: string;
  readonly className?: string;
  readonly children: ReactNode;
}

/** The ids a control lists in aria-describedby, so its hint and error are read with it. */
export function describedBy(controlId: string, hint?: string, error?: string): string | undefined {
  const ids = [
    hint === undefined ? null : `${controlId}-hint`,
    error === undefined ? null : `${controlId}-error`,
  ].filter((id) => id !== null);
  return ids.length === 0 ? undefined : ids.join(' ');
}

/** A labelled form control with its hint and error message. */
export function FormField({
  controlId,
  label,
  optionalLabel,
  hint,
  error,
  className,
  children,
}: FormFieldProps) {
  return (
    <div className={className === undefined ? 'form-field' : `form-field ${className}`}>
      <label className="form-field__label" htmlFor={controlId}>
        {label}
        {optionalLabel !== undefined && (
          <span className="form-field__optional"> ({optionalLabel})</span>
        )}
      </label>
      {children}
      {hint !== undefined && (
        <p className="form-field__hint" id={`${controlId}-hint`}>
          {hint}
        </p>
      )}
      {error !== undefined && (
        <p className="form-field__error" id={`${controlId}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

interface TextFieldProps {
  readonly controlId: string;
  readonly label: string;
  readonly optionalLabel?: string;
  readonly hint?: string;
  readonly error?: string;
  readonly inputRef?: Ref<HTMLInputElement>;
  readonly type?: 'text' | 'tel' | 'password';
  /** The on-screen keyboard to offer, e.g. `numeric` for a code; from `type` unless given. */
  readonly inputMode?: 'numeric';
  /** What the browser may fill in, e.g. `username` or `new-password`; off unless given. */
  readonly autoComplete?: string;
  readonly autoFocus?: boolean;
  /** A name or code typed exactly: no capitalising and no spelling suggestions. */
  readonly verbatim?: boolean;
  /** Required fields send the form on Enter from the phone's keyboard too. */
  readonly required?: boolean;
  readonly maxLength: number;
  readonly value: string;
  readonly onChange: (value: string) => void;
}

/** A labelled one-line text input that announces its hint and error with it. */
export function TextField({
  controlId,
  label,
  optionalLabel,
  hint,
  error,
  inputRef,
  type = 'text',
  inputMode,
  autoComplete = 'off',
  autoFocus,
  verbatim = false,
  required = false,
  maxLength,
  value,
  onChange,
}: TextFieldProps) {
  return (
    <FormField
      controlId={controlId}
      label={label}
      optionalLabel={optionalLabel}
      hint={hint}
      error={error}
    >
      <input
        ref={inputRef}
        id={controlId}
        className="input"
        type={type}
        inputMode={inputMode ?? (type === 'tel' ? 'tel' : undefined)}
        autoComplete={autoComplete}
        autoCapitalize={verbatim ? 'none' : undefined}
        spellCheck={verbatim ? false : undefined}
        autoFocus={autoFocus}
        enterKeyHint={required ? 'send' : undefined}
        required={required}
        maxLength={maxLength}
        value={value}
        aria-invalid={error !== undefined}
        aria-describedby={describedBy(controlId, hint, error)}
        onChange={(event) => onChange(event.target.value)}
      />
    </FormField>
  );
}
