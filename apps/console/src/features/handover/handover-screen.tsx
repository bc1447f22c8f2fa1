import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HandoverStatus, type Handover } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import { failureText } from '../../lib/failure-text.ts';
import { formatDateTime } from '../../lib/time-format.ts';
import { useLocationHash } from '../navigation/use-location-hash.ts';
import { useCityTimeZone } from '../city/use-city-time-zone.ts';
import { draftHandover } from './handover-api.ts';
import {
  handoverHref,
  handoverRouteFromHash,
  handoversHref,
  newerHandover,
  splitHandovers,
} from './handover-logic.ts';
import { HandoverView, type HandoverReader } from './handover-view.tsx';
import { useHandover, useHandoverList } from './use-handovers.ts';
import '../admin/admin.css';
import './handover.css';

/** The shift handover: the one in progress and those confirmed before it, or one of them. */
export function HandoverScreen({ reader }: { readonly reader: HandoverReader }) {
  const route = handoverRouteFromHash(useLocationHash());
  return route.kind === 'handover' ? (
    <OneHandover key={route.handoverId} handoverId={route.handoverId} reader={reader} />
  ) : (
    <HandoverOverview reader={reader} />
  );
}

/** The handover in progress (or the button to draft one) and the confirmed ones. */
function HandoverOverview({ reader }: { readonly reader: HandoverReader }) {
  const { t } = useTranslation();
  const { api } = useAppServices();
  const headingId = useId();
  const list = useHandoverList();
  const [local, setLocal] = useState<Handover | null>(null);
  const [drafting, setDrafting] = useState(false);
  const [alert, setAlert] = useState('');
  const [notice, setNotice] = useState('');
  const { draft: listed, confirmed } = splitHandovers(list.value ?? []);
  // What a step here answered, until the list has caught up; never a handover since confirmed.
  const fresh = local !== null && !confirmed.some(({ id }) => id === local.id) ? local : null;
  const shown = newerHandover(listed, fresh);
  const draft = shown?.status === HandoverStatus.draft ? shown : null;

  async function startDraft(): Promise<void> {
    if (drafting) return;
    setDrafting(true);
    setAlert('');
    setNotice('');
    const result = await draftHandover(api);
    if (result.outcome === 'ok') setLocal(result.body);
    else setAlert(failureText(result, t));
    list.reload();
    setDrafting(false);
  }

  return (
    <div className="handover-screen">
      <section className="panel handover-panel" aria-labelledby={headingId}>
        <header className="panel__header handover-panel__header">
          <h2 id={headingId} className="panel__title">
            {draft === null ? t('handover.heading') : t('handover.inProgress')}
          </h2>
          {reader.mayWrite && list.value !== null && draft === null && (
            <button
              type="button"
              className="button button--primary"
              disabled={drafting}
              onClick={() => void startDraft()}
            >
              {drafting ? t('handover.drafting') : t('handover.draft')}
            </button>
          )}
        </header>
        <p className="form-alert" role="alert">
          {alert}
        </p>
        <p className="admin-list__notice" role="status" data-testid="handover-screen-notice">
          {notice}
        </p>
        {list.failure !== null && (
          <p className="form-alert" role="alert">
            {failureText(list.failure, t)}{' '}
            <button type="button" className="button button--quiet" onClick={list.reload}>
              {t('handover.retry')}
            </button>
          </p>
        )}
        {list.value === null && list.failure === null && (
          <p className="handover-panel__placeholder">{t('handover.loading')}</p>
        )}
        {list.value !== null && draft === null && (
          <p className="handover-panel__placeholder" data-testid="handover-none">
            {t('handover.noDraft')}
          </p>
        )}
        {draft !== null && (
          <HandoverView
            key={draft.id}
            handover={draft}
            reader={reader}
            onChanged={(changed) => {
              setLocal(changed);
              if (changed.status === HandoverStatus.confirmed) {
                setNotice(t('handover.confirmedNotice'));
              }
              list.reload();
            }}
          />
        )}
      </section>
      <ConfirmedHandovers handovers={list.value === null ? null : confirmed} />
    </div>
  );
}

/** The confirmed handovers, newest first, each a link to read it. */
function ConfirmedHandovers({ handovers }: { readonly handovers: readonly Handover[] | null }) {
  const { t, i18n } = useTranslation();
  const timeZone = useCityTimeZone();
  const headingId = useId();
  const time = (iso: string): string => formatDateTime(new Date(iso), i18n.language, timeZone);
  if (handovers === null) return null;
  return (
    <section className="panel handover-panel" aria-labelledby={headingId}>
      <header className="panel__header">
        <h2 id={headingId} className="panel__title">
          {t('handover.confirmedHeading')}
        </h2>
      </header>
      {handovers.length === 0 ? (
        <p className="handover-panel__placeholder">{t('handover.confirmedEmpty')}</p>
      ) : (
        <div className="admin-list__scroll">
          <table className="data-table" aria-labelledby={headingId} data-testid="handover-table">
            <thead>
              <tr>
                <th scope="col">{t('handover.column.takenOver')}</th>
                <th scope="col">{t('handover.column.from')}</th>
                <th scope="col">{t('handover.column.to')}</th>
              </tr>
            </thead>
            <tbody>
              {handovers.map((handover) => (
                <tr key={handover.id} data-testid="handover-row">
                  <td>
                    <a href={handoverHref(handover.id)}>
                      {time(handover.confirmedAt ?? handover.updatedAt)}
                    </a>
                  </td>
                  <td>{handover.createdBy}</td>
                  <td>{handover.confirmedBy}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** One handover at its own address: read-only once confirmed. */
function OneHandover({
  handoverId,
  reader,
}: {
  readonly handoverId: string;
  readonly reader: HandoverReader;
}) {
  const { t, i18n } = useTranslation();
  const timeZone = useCityTimeZone();
  const headingId = useId();
  const remote = useHandover(handoverId);
  const [local, setLocal] = useState<Handover | null>(null);
  const handover = newerHandover(remote.value, local);

  return (
    <section className="panel handover-panel" aria-labelledby={headingId}>
      <header className="panel__header handover-panel__header">
        <h2 id={headingId} className="panel__title">
          {handover === null
            ? t('handover.heading')
            : t('handover.title', {
                time: formatDateTime(new Date(handover.createdAt), i18n.language, timeZone),
              })}
        </h2>
        <a className="button button--quiet" href={handoversHref()}>
          {t('handover.back')}
        </a>
      </header>
      {remote.failure !== null && (
        <p className="form-alert" role="alert">
          {failureText(remote.failure, t)}{' '}
          <button type="button" className="button button--quiet" onClick={remote.reload}>
            {t('handover.retry')}
          </button>
        </p>
      )}
      {handover === null && remote.failure === null && (
        <p className="handover-panel__placeholder">{t('handover.loading')}</p>
      )}
      {handover !== null && (
        <HandoverView handover={handover} reader={reader} onChanged={setLocal} />
      )}
    </section>
  );
}
