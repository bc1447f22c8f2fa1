import type { ReactNode } from 'react';

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
