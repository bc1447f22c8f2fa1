import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MESSAGE_STATUSES, MessageStatus, type MessageLanguages } from '@vaka/domain';
import { failureText } from '../../lib/failure-text.ts';
import { formatDateTime } from '../../lib/time-format.ts';
import { useConsoleStore } from '../../stores/console-store.ts';
import { useCityTimeZone } from '../city/use-city-time-zone.ts';
import { shownHeadline } from './message-form.ts';
import { messageHref, newMessageHref } from './message-hash.ts';
import { StatusMark } from './status-mark.tsx';
import { useMessageList } from './use-messages.ts';

const NO_LANGUAGES: MessageLanguages = { required: [], expected: [] };

/** The latest version of every message, newest change first, filtered by status. */
export function MessageList({ mayWrite }: { readonly mayWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const filterId = useId();
  const timeZone = useCityTimeZone();
  const languages = useConsoleStore((state) => state.city?.messageLanguages ?? NO_LANGUAGES);
  const [status, setStatus] = useState<MessageStatus | ''>('');
  const list = useMessageList(status === '' ? [] : [status]);
  const time = (iso: string): string => formatDateTime(new Date(iso), i18n.language, timeZone);

  return (
    <section className="panel messages-list" aria-labelledby={headingId}>
      <header className="panel__header messages-list__header">
        <h2 id={headingId} className="panel__title">
          {t('messages.heading')}
        </h2>
        <div className="messages-list__filter">
          <label htmlFor={filterId}>{t('messages.filter')}</label>
          <select
            id={filterId}
            className="input"
            value={status}
            onChange={(event) => setStatus(event.target.value as MessageStatus | '')}
          >
            <option value="">{t('messages.filterAll')}</option>
            {MESSAGE_STATUSES.map((candidate) => (
              <option key={candidate} value={candidate}>
                {t(`messages.status.${candidate}`)}
              </option>
            ))}
          </select>
        </div>
        {mayWrite && (
          <a className="button button--primary" href={newMessageHref()}>
            {t('messages.new')}
          </a>
        )}
      </header>
      {list.failure !== null && (
        <p className="form-alert" role="alert">
          {failureText(list.failure, t)}{' '}
          <button type="button" className="button button--quiet" onClick={list.reload}>
            {t('messages.retry')}
          </button>
        </p>
      )}
      {list.value === null && list.failure === null && (
        <p className="messages-list__placeholder">{t('messages.loading')}</p>
      )}
      {list.value !== null && list.value.length === 0 && (
        <p className="messages-list__placeholder">{t('messages.empty')}</p>
      )}
      {list.value !== null && list.value.length > 0 && (
        <div className="admin-list__scroll">
          <table className="data-table" aria-labelledby={headingId} data-testid="messages-table">
            <thead>
              <tr>
                <th scope="col">{t('messages.column.headline')}</th>
                <th scope="col">{t('messages.column.status')}</th>
                <th scope="col">{t('messages.column.version')}</th>
                <th scope="col">{t('messages.column.validity')}</th>
                <th scope="col">{t('messages.column.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {list.value.map((message) => {
                const shown = shownHeadline(message.variants, languages);
                return (
                  <tr key={message.id} data-testid="message-row" data-status={message.status}>
                    <td>
                      <a href={messageHref(message.id)} lang={shown?.language}>
                        {shown?.headline ?? t('messages.noHeadline')}
                      </a>
                      {message.exercise && (
                        <span className="messages-exercise"> {t('messages.exerciseMark')}</span>
                      )}
                    </td>
                    <td>
                      <StatusMark status={message.status} />
                      {message.publishAt !== undefined &&
                        message.status === MessageStatus.approved && (
                          <> · {t('messages.scheduledFor', { time: time(message.publishAt) })}</>
                        )}
                    </td>
                    <td>{message.version}</td>
                    <td>
                      {t('messages.validity', {
                        from: time(message.effective),
                        to: time(message.expires),
                      })}
                    </td>
                    <td>{time(message.updatedAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
