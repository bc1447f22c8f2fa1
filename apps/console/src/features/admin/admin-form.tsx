import type { ReactNode } from 'react';
import { FormActions } from './form-actions.tsx';

interface AdminFormProps {
  /** The heading that names the form. */
  readonly labelledBy: string;
  readonly testId: string;
  /** Why the last attempt failed, read out at once; empty when it did not. */
  readonly failure: string;
  readonly failureTestId: string;
  readonly busy: boolean;
  readonly submitLabel: string;
  readonly progressLabel: string;
  onSubmit(): void;
  readonly children: ReactNode;
}

/**
 * An admin's create form: the failure above it, its fields, and the row that sends it. The
 * browser's own validation is off; the form checks its fields and names what to fix.
 */
export function AdminForm({
  labelledBy,
  testId,
  failure,
  failureTestId,
  busy,
  submitLabel,
  progressLabel,
  onSubmit,
  children,
}: AdminFormProps) {
  return (
    <>
      <p className="form-alert" role="alert" data-testid={failureTestId}>
        {failure}
      </p>
      <form
        className="admin-form"
        data-testid={testId}
        aria-labelledby={labelledBy}
        aria-busy={busy}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        {children}
        <FormActions submitLabel={submitLabel} progressLabel={progressLabel} busy={busy} />
      </form>
    </>
  );
}
