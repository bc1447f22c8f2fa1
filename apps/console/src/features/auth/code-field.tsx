import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/form-field.tsx';

/** The field for a code from an authenticator app: digits, filled in by the phone if it can. */
export function CodeField({
  controlId,
  error,
  inputRef,
  autoFocus,
  value,
  onChange,
}: {
  readonly controlId: string;
  readonly error?: string;
  readonly inputRef?: Ref<HTMLInputElement>;
  readonly autoFocus?: boolean;
  readonly value: string;
  readonly onChange: (value: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <TextField
      controlId={controlId}
      label={t('auth.code')}
      hint={t('auth.codeHint')}
      error={error}
      inputRef={inputRef}
      inputMode="numeric"
      autoComplete="one-time-code"
      autoFocus={autoFocus}
      verbatim
      required
      maxLength={12}
      value={value}
      onChange={onChange}
    />
  );
}
