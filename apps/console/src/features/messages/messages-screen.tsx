import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MessageStatus, type MessageLanguages, type PublicMessage } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import type { ApiFailure } from '../../lib/api.ts';
import { failureText } from '../../lib/failure-text.ts';
import { formatDateTime } from '../../lib/time-format.ts';
import { useConsoleStore } from '../../stores/console-store.ts';
import type { ConsoleAccess } from '../auth/access.ts';
import { useCityTimeZone } from '../city/use-city-time-zone.ts';
import { AreaSummary } from './area-summary.tsx';
import { offeredActions, type MessagePowers } from './message-actions.ts';
import { MessageEditor } from './message-editor.tsx';
import {
  emptyMessageForm,
  shownHeadline,
  toMessageForm,
  type MessageForm,
} from './message-form.ts';
import { messageHref, messagesHref, useMessageRoute } from './message-hash.ts';
import { MessageDeliveries } from './message-deliveries.tsx';
import { MessageList } from './message-list.tsx';
import { MessageWorkflow } from './message-workflow.tsx';
import { getIncidentMessageDraft } from './messages-api.ts';
import { ProblemList } from './problem-list.tsx';
import { StatusMark } from './status-mark.tsx';
import { useMessageDetail } from './use-messages.ts';
import '../admin/admin.css';
import './messages.css';

const NO_LANGUAGES: MessageLanguages = { required: [], expected: [] };

/** The duty communicator's workbench: the list of public messages, a new one, or one message. */
export function MessagesScreen({
  access,
  username,
}: {
  readonly access: ConsoleAccess;
  readonly username: string;
}) {
  const route = useMessageRoute();
  const powers: MessagePowers = {
    mayWrite: access.writeMessages,
    mayApprove: access.approveMessages,
    username,
  };
  switch (route.kind) {
    case 'list':
      return <MessageList mayWrite={access.writeMessages} />;
    case 'new':
      return access.writeMessages ? (
        <NewMessagePage key={route.incidentId ?? 'new'} incidentId={route.incidentId} />
      ) : (
        <MessageList mayWrite={false} />
      );
    case 'message':
      return <MessagePage key={route.messageId} messageId={route.messageId} powers={powers} />;
  }
}

function BackLink() {
  const { t } = useTranslation();
  return (
    <a className="message-page__back" href={messagesHref()}>
      ← {t('messages.backToList')}
    </a>
  );
}

/** A new message, from scratch or drafted by the server from an incident. */
function NewMessagePage({ incidentId }: { readonly incidentId: string | undefined }) {
  const { t } = useTranslation();
  const { api } = useAppServices();
  const timeZone = useCityTimeZone();
  const city = useConsoleStore((state) => state.city);
  const [fromIncident, setFromIncident] = useState<MessageForm | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  // A new message from scratch starts when the page opens; one from an incident once drafted.
  const [openedAt] = useState(() => Date.now());
  const initial =
    incidentId === undefined
      ? city === null
        ? null
        : emptyMessageForm(city, openedAt, timeZone)
      : fromIncident;

  useEffect(() => {
    if (incidentId === undefined) return;
    let current = true;
    void getIncidentMessageDraft(api, incidentId).then((result) => {
      if (!current) return;
      if (result.outcome === 'ok') setFromIncident(toMessageForm(result.body, timeZone));
      else setFailure(result);
    });
    return () => {
      current = false;
    };
  }, [api, incidentId, timeZone]);

  return (
    <section className="panel message-page" aria-labelledby="new-message-heading">
      <header className="panel__header">
        <BackLink />
        <h2 id="new-message-heading" className="panel__title">
          {t('messages.newHeading')}
        </h2>
        {incidentId !== undefined && <p>{t('messages.draftedFromIncident')}</p>}
      </header>
      {failure !== null && (
        <p className="form-alert" role="alert">
          {failureText(failure, t)}
        </p>
      )}
      {initial === null && failure === null && <p>{t('messages.loading')}</p>}
      {initial !== null && (
        <MessageEditor
          initial={initial}
          {...(incidentId !== undefined && { incidentId })}
          onSaved={(message) => {
            window.location.hash = messageHref(message.id);
          }}
        />
      )}
    </section>
  );
}

/** One message: its latest version to change or act on, and its versions. */
function MessagePage({
  messageId,
  powers,
}: {
  readonly messageId: string;
  readonly powers: MessagePowers;
}) {
  const { t, i18n } = useTranslation();
  const timeZone = useCityTimeZone();
  const languages = useConsoleStore((state) => state.city?.messageLanguages ?? NO_LANGUAGES);
  const detail = useMessageDetail(messageId);
  // What the last step here left, shown while the message stays as that step left it.
  const [notice, setNotice] = useState<{ text: string; updatedAt: string } | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const time = (iso: string): string => formatDateTime(new Date(iso), i18n.language, timeZone);

  if (detail.value === null) {
    return (
      <section className="panel message-page">
        <BackLink />
        {detail.failure === null ? (
          <p>{t('messages.loading')}</p>
        ) : (
          <p className="form-alert" role="alert">
            {failureText(detail.failure, t)}
          </p>
        )}
      </section>
    );
  }
  const { versions, problems } = detail.value;
  const latest = versions[0];
  if (latest === undefined) return null;
  const published = versions.some((version) => version.status === MessageStatus.published);
  const offered = offeredActions(latest, problems, published, powers);
  const editing = offered.some((offer) => offer.action === 'edit');
  const headline = shownHeadline(latest.variants, languages);

  const onDone = (message: PublicMessage): void => {
    setNotice({
      text: t(`messages.statusNotice`, { status: t(`messages.status.${message.status}`) }),
      updatedAt: message.updatedAt,
    });
    detail.reload();
    // The button just pressed is usually gone with the step: the message itself takes the focus.
    headingRef.current?.focus();
  };

  return (
    <section
      className="panel message-page"
      aria-labelledby="message-heading"
      data-testid="message-page"
    >
      <header className="panel__header message-page__header">
        <BackLink />
        <h2
          id="message-heading"
          ref={headingRef}
          tabIndex={-1}
          className="panel__title"
          lang={headline?.language}
        >
          {headline?.headline ?? t('messages.noHeadline')}
        </h2>
        <p className="message-page__facts">
          <StatusMark status={latest.status} /> ·{' '}
          {t('messages.versionOf', { version: latest.version })} ·{' '}
          {t('messages.writtenBy', { author: latest.author })}
          {latest.approvedBy !== undefined && (
            <> · {t('messages.approvedBy', { approver: latest.approvedBy })}</>
          )}
          {latest.publishAt !== undefined && latest.status === MessageStatus.approved && (
            <> · {t('messages.scheduledFor', { time: time(latest.publishAt) })}</>
          )}
          {latest.exercise && (
            <span className="messages-exercise"> · {t('messages.exerciseMark')}</span>
          )}
        </p>
        {latest.status === MessageStatus.draft && latest.returnReason !== undefined && (
          <p className="message-page__returned" data-testid="message-returned">
            {t('messages.returnedBy', {
              who:
                latest.returnedBy === 'system'
                  ? t('messages.returnedByVaka')
                  : (latest.returnedBy ?? ''),
              time: time(latest.returnedAt ?? latest.updatedAt),
              reason: latest.returnReason,
            })}
          </p>
        )}
        <p className="admin-list__notice" role="status" data-testid="message-page-notice">
          {notice !== null && notice.updatedAt === latest.updatedAt ? notice.text : ''}
        </p>
      </header>
      <MessageWorkflow latest={latest} offered={offered} onDone={onDone} />
      {editing ? (
        <MessageEditor
          key={`${latest.id}-${latest.version}`}
          base={latest}
          initial={toMessageForm(latest, timeZone)}
          onSaved={(message) => {
            if (message.status !== MessageStatus.draft) onDone(message);
            else detail.reload();
          }}
        />
      ) : (
        <MessageSummary message={latest} problems={problems} time={time} />
      )}
      <section className="message-versions" aria-label={t('messages.versions')}>
        <h3 className="message-problems__title">{t('messages.versions')}</h3>
        <ol className="message-versions__list">
          {versions.map((version) => (
            <li key={version.version}>
              {t('messages.versionOf', { version: version.version })} —{' '}
              <StatusMark status={version.status} /> · {time(version.updatedAt)}
              {version.withdrawReason !== undefined && <> · {version.withdrawReason}</>}
            </li>
          ))}
        </ol>
      </section>
      <MessageDeliveries messageId={messageId} />
    </section>
  );
}

/** A version that cannot be changed, as it reads. */
function MessageSummary({
  message,
  problems,
  time,
}: {
  readonly message: PublicMessage;
  readonly problems: Parameters<typeof ProblemList>[0]['problems'];
  readonly time: (iso: string) => string;
}) {
  const { t } = useTranslation();
  return (
    <div className="message-summary">
      {/* What blocks going out matters only to a version that has yet to go out. */}
      {(message.status === MessageStatus.inReview || message.status === MessageStatus.approved) && (
        <ProblemList problems={problems} />
      )}
      <dl className="message-summary__facts">
        <dt>{t('messages.category')}</dt>
        <dd>{t(`category.${message.category}`)}</dd>
        <dt>{t('messages.cap.urgency.label')}</dt>
        <dd>{t(`messages.cap.urgency.${message.urgency}`)}</dd>
        <dt>{t('messages.cap.severity.label')}</dt>
        <dd>{t(`messages.cap.severity.${message.severity}`)}</dd>
        <dt>{t('messages.cap.certainty.label')}</dt>
        <dd>{t(`messages.cap.certainty.${message.certainty}`)}</dd>
        <dt>{t('messages.area.legend')}</dt>
        <dd>
          <AreaSummary area={message.area} />
        </dd>
        <dt>{t('messages.column.validity')}</dt>
        <dd>
          {t('messages.validity', { from: time(message.effective), to: time(message.expires) })}
        </dd>
        <dt>{t('messages.issuer')}</dt>
        <dd>{message.issuer}</dd>
        {message.link !== undefined && (
          <>
            <dt>{t('messages.link')}</dt>
            <dd>{message.link}</dd>
          </>
        )}
      </dl>
      {message.variants.map((variant) => (
        <article
          key={variant.language}
          className="message-summary__variant"
          lang={variant.language}
        >
          <h4>{variant.headline}</h4>
          <p>{variant.description}</p>
          <p>{variant.instruction}</p>
          <dl>
            <dt>{t('messages.field.sms')}</dt>
            <dd>{variant.sms}</dd>
            <dt>{t('messages.field.push')}</dt>
            <dd>{variant.push}</dd>
            <dt>{t('messages.field.social')}</dt>
            <dd>{variant.social}</dd>
          </dl>
        </article>
      ))}
    </div>
  );
}
