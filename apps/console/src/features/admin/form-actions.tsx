interface FormActionsProps {
  readonly submitLabel: string;
  /** Shown beside the button while the form is being sent, e.g. "Saving…". */
  readonly progressLabel: string;
  readonly busy: boolean;
  readonly cancelLabel?: string;
  readonly onCancel?: () => void;
}

/**
 * The row that ends an admin form: the submit button, a cancel button when the form can be left,
 * and the progress a screen reader hears while it is sent.
 */
export function FormActions({
  submitLabel,
  progressLabel,
  busy,
  cancelLabel,
  onCancel,
}: FormActionsProps) {
  return (
    <div className="admin-form__actions">
      <button type="submit" className="button button--primary" aria-disabled={busy}>
        {submitLabel}
      </button>
      {onCancel !== undefined && cancelLabel !== undefined && (
        <button type="button" className="button button--quiet" onClick={onCancel}>
          {cancelLabel}
        </button>
      )}
      <span className="admin-form__progress" role="status">
        {busy ? progressLabel : ''}
      </span>
    </div>
  );
}
