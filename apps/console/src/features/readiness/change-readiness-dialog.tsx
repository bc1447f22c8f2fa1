import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  READINESS_LEVELS,
  type Readiness,
  type ReadinessLevel,
  type SetReadinessRequest,
} from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import { describedBy, FormField } from '../../components/form-field.tsx';
import { failureText } from '../../lib/failure-text.ts';
import { useConsoleStore } from '../../stores/console-store.ts';

interface ChangeReadinessDialogProps {
  /** The level the console showed when the dialog opened; a later change does not move it. */
  readonly current: ReadinessLevel;
  onClose(): void;
}

/**
 * Choosing a new readiness level, with why. A modal dialog: the rest of the console waits, Tab
 * stays inside, Esc closes. If someone else changed the level meanwhile, it says so and shows
 * the level now in force before anything is sent again.
 */
export function ChangeReadinessDialog({ current, onClose }: ChangeReadinessDialogProps) {
  const { t } = useTranslation();
  const { api } = useAppServices();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  const reasonId = useId();
  const levelNow = useConsoleStore((state) => state.readiness?.level ?? current);
  // The level the person saw when they opened the dialog; after a conflict has shown them the
  // level now in force, that one.
  const [seenLevel] = useState(current);
  const [conflict, setConflict] = useState(false);
  const expectedLevel = conflict ? levelNow : seenLevel;
  const [level, setLevel] = useState<ReadinessLevel>(() => nextLevel(current));
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState('');
  const [sending, setSending] = useState(false);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog === null) return;
    if (!dialog.open) dialog.showModal();
    return () => dialog.close();
  }, []);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (sending) return;
    if (reason.trim() === '') {
      setReasonError(t('readiness.reasonRequired'));
      return;
    }
    if (level === expectedLevel) {
      setFailure(t('readiness.sameLevel'));
      return;
    }
    setReasonError(undefined);
    setFailure('');
    setConflict(false);
    setSending(true);
    const body: SetReadinessRequest = { level, reason: reason.trim(), expectedLevel };
    const result = await api.request<Readiness>('PUT', '/api/v1/readiness', { body });
    setSending(false);
    if (result.outcome === 'ok') {
      onClose();
      return;
    }
    if (result.outcome === 'rejected' && result.status === 409) {
      setConflict(true);
      return;
    }
    setFailure(failureText(result, t));
  }

  return (
    <dialog
      ref={dialogRef}
      className="readiness-dialog"
      data-testid="readiness-dialog"
      aria-labelledby={headingId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <form className="readiness-dialog__form" onSubmit={(event) => void submit(event)} noValidate>
        <h2 id={headingId} className="readiness-dialog__title">
          {t('readiness.dialogTitle')}
        </h2>
        <p className="readiness-dialog__current" data-testid="readiness-dialog-current">
          {t('readiness.now', { level: t(`readiness.level.${levelNow}`) })}
        </p>
        <fieldset className="readiness-dialog__levels">
          <legend>{t('readiness.newLevel')}</legend>
          {READINESS_LEVELS.map((each) => (
            <label
              key={each}
              className={`readiness-dialog__level readiness-dialog__level--${each}`}
            >
              <input
                type="radio"
                name="readiness-level"
                value={each}
                checked={level === each}
                onChange={() => setLevel(each)}
              />
              {t(`readiness.level.${each}`)}
              {each === levelNow && (
                <span className="readiness-dialog__in-force"> ({t('readiness.inForce')})</span>
              )}
            </label>
          ))}
        </fieldset>
        <FormField controlId={reasonId} label={t('readiness.reason')} error={reasonError}>
          <textarea
            id={reasonId}
            className="input"
            data-testid="readiness-reason-input"
            rows={3}
            maxLength={2_000}
            required
            value={reason}
            aria-invalid={reasonError !== undefined}
            aria-describedby={describedBy(reasonId, undefined, reasonError)}
            onChange={(event) => setReason(event.target.value)}
          />
        </FormField>
        <p className="form-alert" role="alert" data-testid="readiness-dialog-alert">
          {conflict
            ? t('readiness.conflict', { level: t(`readiness.level.${levelNow}`) })
            : failure}
        </p>
        <div className="readiness-dialog__actions">
          <button
            type="submit"
            className="button button--primary"
            data-testid="readiness-submit"
            aria-disabled={sending}
          >
            {sending ? t('readiness.saving') : t('readiness.submit')}
          </button>
          <button type="button" className="button button--quiet" onClick={onClose}>
            {t('readiness.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** The level one step up, or the one below at the top: the usual next choice. */
function nextLevel(current: ReadinessLevel): ReadinessLevel {
  const index = READINESS_LEVELS.indexOf(current);
  return READINESS_LEVELS[index + 1] ?? READINESS_LEVELS[index - 1] ?? current;
}
