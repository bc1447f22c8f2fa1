import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HandoverStatus, type Handover } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import { failureText } from '../../lib/failure-text.ts';
import { formatTimeWithDate } from '../../lib/time-format.ts';
import { useCityTimeZone } from '../city/use-city-time-zone.ts';
import { useNow } from '../incidents/use-now.ts';
import { confirmHandover, getHandover, updateHandover } from './handover-api.ts';
import { confirmRefusal } from './handover-logic.ts';
import { HandoverNotes } from './handover-notes.tsx';
import { HandoverPictureView } from './handover-picture.tsx';

/** Who is looking at a handover, and whether their roles let them hand over. */
export interface HandoverReader {
  readonly username: string;
  readonly mayWrite: boolean;
}

/**
 * One handover: who drafted it and when, its state in words, its notes and the picture handed
 * over. A draft offers the duty officers to gather the picture again and to confirm, the latter
 * disabled, with why, for the person who drafted it; its author writes the notes, the others read them.
 */
export function HandoverView({
  handover,
  reader,
  onChanged,
}: {
  readonly handover: Handover;
  readonly reader: HandoverReader;
  /** A newer version of the handover, from a step taken here. */
  readonly onChanged: (handover: Handover) => void;
}) {
  const { t, i18n } = useTranslation();
  const { api } = useAppServices();
  const timeZone = useCityTimeZone();
  const now = useNow();
  const baseId = useId();
  const [busy, setBusy] = useState<'gather' | 'confirm' | null>(null);
  const [alert, setAlert] = useState('');
  const [notice, setNotice] = useState('');
  const time = (iso: string): string =>
    formatTimeWithDate(new Date(iso), now, i18n.language, timeZone);
  const isDraft = handover.status === HandoverStatus.draft;
  const refusal = confirmRefusal(handover, reader.username, reader.mayWrite);

  /** Someone changed it meanwhile: show their version, and say so. */
  async function takeTheirs(sentence: string): Promise<void> {
    const reloaded = await getHandover(api, handover.id);
    if (reloaded.outcome === 'ok') onChanged(reloaded.body);
    setAlert(sentence);
  }

  async function gatherAgain(): Promise<void> {
    if (busy !== null) return;
    setBusy('gather');
    setAlert('');
    setNotice('');
    const result = await updateHandover(api, handover.id, {
      expectedUpdatedAt: handover.updatedAt,
      refresh: true,
    });
    if (result.outcome === 'ok') {
      onChanged(result.body);
      setNotice(t('handover.gathered'));
    } else if (result.outcome === 'rejected' && result.status === 409) {
      await takeTheirs(t('handover.changedElsewhere', { message: result.message }));
    } else {
      setAlert(failureText(result, t));
    }
    setBusy(null);
  }

  async function confirm(): Promise<void> {
    if (busy !== null || refusal !== null) return;
    setBusy('confirm');
    setAlert('');
    setNotice('');
    const result = await confirmHandover(api, handover.id, {
      expectedUpdatedAt: handover.updatedAt,
    });
    if (result.outcome === 'ok') {
      onChanged(result.body);
      setNotice(t('handover.confirmedNotice'));
    } else if (result.outcome === 'rejected' && result.status === 409) {
      await takeTheirs(t('handover.changedBeforeConfirm', { message: result.message }));
    } else {
      setAlert(failureText(result, t));
    }
    setBusy(null);
  }

  const refusalId = `${baseId}-refusal`;
  return (
    <article
      className="handover-view"
      aria-busy={busy !== null}
      data-testid="handover-view"
      data-status={handover.status}
    >
      <div className="handover-view__facts">
        <p className="handover-view__status">
          <strong data-testid="handover-status">{t(`handover.status.${handover.status}`)}</strong>
        </p>
        <p>
          {t('handover.draftedBy', { name: handover.createdBy, time: time(handover.createdAt) })}
        </p>
        {handover.confirmedBy !== undefined && handover.confirmedAt !== undefined && (
          <p data-testid="handover-confirmed-by">
            {t('handover.confirmedBy', {
              name: handover.confirmedBy,
              time: time(handover.confirmedAt),
            })}
          </p>
        )}
        <p className="handover-view__gathered">
          {t('handover.gatheredAt', { time: time(handover.picture.gatheredAt) })}
        </p>
      </div>

      {isDraft && reader.mayWrite && (
        <div className="handover-view__actions">
          <button
            type="button"
            className="button"
            disabled={busy !== null}
            onClick={() => void gatherAgain()}
          >
            {busy === 'gather' ? t('handover.gathering') : t('handover.gatherAgain')}
          </button>
          <span className="handover-view__action">
            <button
              type="button"
              className="button button--primary"
              disabled={busy !== null || refusal !== null}
              aria-describedby={refusal === null ? undefined : refusalId}
              onClick={() => void confirm()}
            >
              {busy === 'confirm' ? t('handover.confirming') : t('handover.confirm')}
            </button>
            {refusal === 'ownHandover' && (
              <span id={refusalId} className="handover-view__refusal">
                {t('handover.ownHandover')}
              </span>
            )}
          </span>
        </div>
      )}
      <p className="form-alert" role="alert" data-testid="handover-alert">
        {alert}
      </p>
      <p className="admin-list__notice" role="status" data-testid="handover-notice">
        {notice}
      </p>

      {isDraft && reader.mayWrite && handover.createdBy === reader.username ? (
        <HandoverNotes handover={handover} onSaved={onChanged} />
      ) : (
        <section className="handover-notes" aria-labelledby={`${baseId}-notes`}>
          <h3 id={`${baseId}-notes`} className="handover-group__title">
            {t('handover.notes')}
          </h3>
          <p className="handover-notes__read" data-testid="handover-notes-text">
            {handover.notes.trim() === '' ? t('handover.notesEmpty') : handover.notes}
          </p>
        </section>
      )}

      <HandoverPictureView picture={handover.picture} />
    </article>
  );
}
