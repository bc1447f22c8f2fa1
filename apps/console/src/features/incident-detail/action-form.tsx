import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface ActionFormProps {
  readonly testId: string;
  readonly heading: string;
  readonly submitLabel: string;
  /** The change is on its way: the submit button says so and does nothing more. */
  readonly busy: boolean;
  /** False hides the submit button, e.g. when there is nothing to submit. */
  readonly canSubmit?: boolean;
  readonly onSubmit: () => void;
  readonly onCancel: () => void;
  readonly children: ReactNode;
}

/**
 * The frame of every change the incident pane offers: a heading, the fields, and submit and
 * cancel. Esc cancels; Ctrl+Enter submits from any field.
 */
export function ActionForm({
  testId,
  heading,
  submitLabel,
  busy,
  canSubmit = true,
  onSubmit,
  onCancel,
  children,
}: ActionFormProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const formRef = useRef<HTMLFormElement>(null);

  // Opened from a key, the form may start below the fold of the pane: bring all of it into view.
  useEffect(() => {
    formRef.current?.scrollIntoView({ block: 'nearest' });
  }, []);

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      if (!busy) onSubmit();
    }
  }

  return (
    <form
      ref={formRef}
      className="action-form"
      data-testid={testId}
      aria-labelledby={headingId}
      aria-busy={busy}
      noValidate
      onKeyDown={onKeyDown}
      onSubmit={(event) => {
        event.preventDefault();
        if (!busy) onSubmit();
      }}
    >
      <h3 id={headingId} className="action-form__heading">
        {heading}
      </h3>
      {children}
      <div className="action-form__buttons">
        {canSubmit && (
          <button
            type="submit"
            className="button button--primary"
            aria-disabled={busy}
            data-testid="action-submit"
          >
            {busy ? t('actions.saving') : submitLabel}
          </button>
        )}
        <button type="button" className="button button--quiet" onClick={onCancel}>
          {t('actions.cancel')}
        </button>
      </div>
    </form>
  );
}
