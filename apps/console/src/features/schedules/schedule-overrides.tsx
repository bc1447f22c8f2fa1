import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreateOverride, Unit, UnitSchedule, UnitScheduleOverride } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import { failureText } from '../../lib/failure-text.ts';
import { OverrideForm } from './override-form.tsx';
import { removeOverride } from './schedules-api.ts';
import { formatShiftTime } from './shift-time.ts';

interface ScheduleOverridesProps {
  readonly unit: Unit;
  readonly schedule: UnitSchedule;
  /** The "now" of the on-call answer: overrides that ended before it are not shown. */
  readonly asOf: string;
  readonly canOverride: boolean;
  /** An override was added or taken back; the sentence says which. */
  readonly onChanged: (notice: string) => void;
}

/**
 * The overrides of a schedule that have not ended, and for those who may, adding one and taking
 * one back.
 */
export function ScheduleOverrides({
  unit,
  schedule,
  asOf,
  canOverride,
  onChanged,
}: ScheduleOverridesProps) {
  const { t, i18n } = useTranslation();
  const { api } = useAppServices();
  const headingId = useId();
  const formId = useId();
  const addButtonRef = useRef<HTMLButtonElement>(null);
  const [adding, setAdding] = useState(false);
  const [confirmingId, setConfirmingId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState('');
  const names = new Map(unit.contacts.map((contact) => [contact.id, contact.name]));
  const nameOf = (contactId: string): string =>
    names.get(contactId) ?? t('schedules.unknownContact');
  const time = (iso: string): string =>
    formatShiftTime(new Date(iso), i18n.language, unit.timeZone);
  const overrides = schedule.schedule.overrides
    .filter((override) => Date.parse(override.to) > Date.parse(asOf))
    .sort((a, b) => Date.parse(a.from) - Date.parse(b.from));
  const manage = canOverride && unit.archivedAt === undefined;

  if (overrides.length === 0 && !manage) return null;

  function closeForm(): void {
    setAdding(false);
    addButtonRef.current?.focus();
  }

  function onAdded(_saved: UnitSchedule, override: CreateOverride): void {
    closeForm();
    onChanged(
      t('onCall.overrideAdded', {
        name: nameOf(override.contactId),
        from: time(override.from),
        to: time(override.to),
      }),
    );
  }

  async function remove(override: UnitScheduleOverride): Promise<void> {
    if (busy) return;
    setBusy(true);
    setFailure('');
    const result = await removeOverride(api, schedule.id, override.id);
    setBusy(false);
    setConfirmingId(null);
    addButtonRef.current?.focus();
    if (result.outcome !== 'ok') {
      setFailure(failureText(result, t));
      return;
    }
    onChanged(
      t('onCall.overrideRemoved', {
        name: nameOf(override.contactId),
        from: time(override.from),
        to: time(override.to),
      }),
    );
  }

  return (
    <section className="on-call-overrides" aria-labelledby={headingId}>
      <h5 id={headingId} className="on-call-overrides__title">
        {t('onCall.overrides')}
      </h5>
      <p className="form-alert" role="alert">
        {failure}
      </p>
      {overrides.length === 0 ? (
        <p className="form-field__hint">{t('onCall.noOverrides')}</p>
      ) : (
        <ul className="on-call-overrides__list">
          {overrides.map((override) => (
            <li key={override.id} className="on-call-overrides__item" data-testid="override">
              <span>
                <strong>{nameOf(override.contactId)}</strong>{' '}
                {t('onCall.fromTo', { from: time(override.from), to: time(override.to) })}
                {override.note !== undefined && (
                  <span className="data-table__muted"> — {override.note}</span>
                )}
                <span className="data-table__muted">
                  {' '}
                  ({t('onCall.enteredBy', { name: override.createdBy })})
                </span>
              </span>
              {manage &&
                (confirmingId === override.id ? (
                  <span
                    role="group"
                    aria-label={t('onCall.removeQuestion', { name: nameOf(override.contactId) })}
                    className="on-call-overrides__confirm"
                  >
                    <span>{t('onCall.removeQuestion', { name: nameOf(override.contactId) })}</span>
                    <button
                      type="button"
                      className="button button--danger button--small"
                      autoFocus
                      aria-disabled={busy}
                      onClick={() => void remove(override)}
                    >
                      {t('onCall.removeConfirm')}
                    </button>
                    <button
                      type="button"
                      className="button button--quiet button--small"
                      onClick={() => {
                        setConfirmingId(null);
                        addButtonRef.current?.focus();
                      }}
                    >
                      {t('onCall.removeKeep')}
                    </button>
                  </span>
                ) : (
                  <button
                    type="button"
                    className="button button--danger-quiet button--small"
                    aria-label={t('onCall.removeLabel', {
                      name: nameOf(override.contactId),
                      from: time(override.from),
                    })}
                    onClick={() => setConfirmingId(override.id)}
                  >
                    {t('onCall.remove')}
                  </button>
                ))}
            </li>
          ))}
        </ul>
      )}
      {manage && (
        <>
          <div>
            <button
              ref={addButtonRef}
              type="button"
              className="button button--quiet"
              aria-expanded={adding}
              aria-controls={adding ? formId : undefined}
              aria-label={t('onCall.addOverrideLabel', { name: schedule.name })}
              onClick={() => setAdding((current) => !current)}
            >
              {t('onCall.addOverride')}
            </button>
          </div>
          {adding && (
            <div id={formId} className="on-call-overrides__form">
              <OverrideForm
                unit={unit}
                schedule={schedule}
                onSaved={onAdded}
                onCancel={closeForm}
              />
            </div>
          )}
        </>
      )}
    </section>
  );
}
