import { useId, useImperativeHandle, useRef, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import {
  EscalationStatus,
  IncidentStatus,
  isAwaitingAcknowledgement,
  type Escalation,
  type HiddenJournalEntry,
  type Incident,
  type JournalEntry,
} from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import { failureText } from '../../lib/failure-text.ts';
import {
  useIncidentChange,
  type ChangeNotice,
  type ChangeOutcome,
} from '../incident-detail/use-incident-change.ts';
import { EscalationCard } from './escalation-card.tsx';
import { AcknowledgeForm, CancelEscalationForm, StartEscalationForm } from './escalation-forms.tsx';
import {
  cancelEscalation,
  escalateNow,
  recordAcknowledgement,
  startEscalation,
} from './escalations-api.ts';
import { useIncidentEscalations } from './use-incident-escalations.ts';
import { useMayRunEscalations } from './use-may-run-escalations.ts';
import './escalations.css';

/** What the keyboard asks of the escalation section: true when it took the request. */
export interface EscalationSectionHandle {
  /** Opens the form to escalate the incident to a unit. */
  startEscalation(): boolean;
  /** Closes an open form; true when there was one. */
  dismiss(): boolean;
}

/**
 * An open form. `basedOn` is the escalation's updatedAt when the form opened, what the duty
 * officer decided on; after a refusal as stale it is null, and the retry goes with the state
 * shown by then.
 */
type SectionForm =
  | { readonly kind: 'start' }
  | {
      readonly kind: 'acknowledge' | 'cancel';
      readonly escalationId: string;
      readonly basedOn: string | null;
    };

interface EscalationSectionProps {
  readonly ref?: Ref<EscalationSectionHandle>;
  readonly incident: Incident;
  /** The incident's journal, kept live: entries about its escalations bring their new state. */
  readonly entries: ReadonlyArray<JournalEntry | HiddenJournalEntry>;
}

/**
 * The incident's escalations, newest first, and for the duty officer the ways to start one and to
 * act on one: record an acknowledgement heard by phone, escalate now, call it off. A refusal as
 * stale shows the server's sentence, reloads and keeps what was typed.
 */
export function EscalationSection({ ref, incident, entries }: EscalationSectionProps) {
  const { t } = useTranslation();
  const { api } = useAppServices();
  const headingId = useId();
  const mayRun = useMayRunEscalations();
  const view = useIncidentEscalations(incident.id, entries);
  const change = useIncidentChange(() => view.reload());
  const [form, setForm] = useState<SectionForm | null>(null);
  const returnFocus = useRef<Element | null>(null);
  const busy = change.busy !== null;
  const closed = incident.status === IncidentStatus.closed || incident.mergedInto !== undefined;

  function open(next: SectionForm): void {
    if (form === null) returnFocus.current = document.activeElement;
    change.tell(incident.id, null);
    setForm(next);
  }

  function closeForm(): void {
    setForm(null);
    const target = returnFocus.current;
    returnFocus.current = null;
    requestAnimationFrame(() => {
      if (target instanceof HTMLElement && target.isConnected && target !== document.body) {
        target.focus();
      } else {
        document.getElementById(headingId)?.focus();
      }
    });
  }

  function openStart(): boolean {
    if (!mayRun) return false;
    if (closed) {
      change.tell(incident.id, { kind: 'failed', text: t('escalations.incidentClosed') });
      return true;
    }
    open({ kind: 'start' });
    return true;
  }

  useImperativeHandle(ref, () => ({
    startEscalation: openStart,
    dismiss: () => {
      if (form === null) return false;
      closeForm();
      return true;
    },
  }));

  const finish = (outcome: ChangeOutcome): void => {
    if (outcome === 'done') {
      closeForm();
      view.reload();
    } else if (outcome === 'conflict') {
      setForm((current) =>
        current === null || current.kind === 'start' ? current : { ...current, basedOn: null },
      );
    }
  };

  const act = (
    action: string,
    escalation: Escalation,
    send: (expectedUpdatedAt: string) => ReturnType<typeof escalateNow>,
    doneText: string,
  ): void => {
    const basedOn =
      form !== null && form.kind !== 'start' && form.escalationId === escalation.id
        ? form.basedOn
        : null;
    void change
      .run(
        action,
        incident.id,
        () => send(basedOn ?? escalation.updatedAt),
        () => ({
          text: doneText,
        }),
      )
      .then(finish);
  };

  const formFor = (escalation: Escalation) => {
    if (form === null || form.kind === 'start' || form.escalationId !== escalation.id) return null;
    return form.kind === 'acknowledge' ? (
      <AcknowledgeForm
        escalation={escalation}
        busy={busy}
        onCancel={closeForm}
        onSubmit={(request) =>
          act(
            'acknowledge',
            escalation,
            (expectedUpdatedAt) =>
              recordAcknowledgement(api, escalation.id, { ...request, expectedUpdatedAt }),
            t('escalations.acknowledgeForm.done', { unit: escalation.unitName }),
          )
        }
      />
    ) : (
      <CancelEscalationForm
        busy={busy}
        onCancel={closeForm}
        onSubmit={(reason) =>
          act(
            'cancel',
            escalation,
            (expectedUpdatedAt) =>
              cancelEscalation(api, escalation.id, { reason, expectedUpdatedAt }),
            t('escalations.cancelForm.done', { unit: escalation.unitName }),
          )
        }
      />
    );
  };

  const actionsFor = (escalation: Escalation) => {
    if (!mayRun || !isAwaitingAcknowledgement(escalation.status)) return null;
    const button = (testId: string, label: string, onClick: () => void) => (
      <button
        type="button"
        className="button button--quiet button--small"
        data-testid={testId}
        aria-disabled={busy}
        onClick={onClick}
      >
        {label}
      </button>
    );
    return (
      <div
        className="escalation__actions"
        role="group"
        aria-label={t('escalations.actionsFor', { unit: escalation.unitName })}
      >
        {button('escalation-acknowledge', t('escalations.acknowledge'), () =>
          open({ kind: 'acknowledge', escalationId: escalation.id, basedOn: escalation.updatedAt }),
        )}
        {escalation.status === EscalationStatus.active &&
          button('escalation-escalate-now', t('escalations.escalateNow'), () => {
            if (busy) return;
            act(
              'escalate-now',
              escalation,
              (expectedUpdatedAt) => escalateNow(api, escalation.id, { expectedUpdatedAt }),
              t('escalations.escalateNowDone', { unit: escalation.unitName }),
            );
          })}
        {button('escalation-cancel', `${t('escalations.cancel')}…`, () =>
          open({ kind: 'cancel', escalationId: escalation.id, basedOn: escalation.updatedAt }),
        )}
      </div>
    );
  };

  return (
    <section className="escalations" aria-labelledby={headingId} data-testid="escalations">
      <header className="escalations__header">
        <h3 id={headingId} className="incident-pane__section-title" tabIndex={-1}>
          {t('escalations.heading')}
        </h3>
        {mayRun && !closed && (
          <button
            type="button"
            className="button button--quiet button--small incident-actions__button"
            data-testid="escalation-start"
            aria-keyshortcuts="u"
            aria-expanded={form?.kind === 'start'}
            onClick={openStart}
          >
            {t('escalations.start')}
            <kbd aria-hidden="true">u</kbd>
          </button>
        )}
      </header>
      <SectionNotice notice={change.noticeFor(incident.id)} />
      {form?.kind === 'start' && (
        <StartEscalationForm
          incident={incident}
          suggestions={view.suggestions}
          busy={busy}
          onCancel={closeForm}
          onSubmit={(request) =>
            void change
              .run(
                'start',
                incident.id,
                () => startEscalation(api, incident.id, request),
                (escalation) => ({
                  text: t('escalations.startForm.done', { unit: escalation.unitName }),
                }),
              )
              .then(finish)
          }
        />
      )}
      {view.failure !== null && (
        <div className="escalations__failure" role="alert" data-testid="escalations-error">
          <p>{t('escalations.failed', { reason: failureText(view.failure, t) })}</p>
          <button
            type="button"
            className="button button--quiet button--small"
            onClick={view.reload}
          >
            {t('escalations.retry')}
          </button>
        </div>
      )}
      {!view.loaded && view.failure === null && (
        <p className="escalations__placeholder" role="status">
          {t('escalations.loading')}
        </p>
      )}
      {view.loaded && view.escalations.length === 0 && (
        <p className="escalations__placeholder" data-testid="escalations-none">
          {t('escalations.none')}
        </p>
      )}
      {view.escalations.length > 0 && (
        <div className="escalations__list">
          {view.escalations.map((escalation) => (
            <EscalationCard
              key={escalation.id}
              escalation={escalation}
              actions={actionsFor(escalation)}
              form={formFor(escalation)}
            />
          ))}
        </div>
      )}
    </section>
  );
}

function SectionNotice({ notice }: { readonly notice: ChangeNotice | null }) {
  const { t } = useTranslation();
  return (
    <>
      {/* Both regions are always there, so screen readers announce what appears in them. */}
      <div className="incident-notice-region" role="status" aria-live="polite">
        {notice?.kind === 'done' && (
          <p className="incident-notice incident-notice--done" data-testid="escalation-notice">
            {notice.text}
          </p>
        )}
      </div>
      <div className="incident-notice-region" role="alert">
        {notice?.kind === 'conflict' && (
          <div
            className="incident-notice incident-notice--conflict"
            data-testid="escalation-conflict"
          >
            <p className="incident-notice__title">{t('escalations.conflict')}</p>
            <p>{t('escalations.conflictDetail', { message: notice.serverMessage })}</p>
          </div>
        )}
        {notice?.kind === 'failed' && (
          <p className="incident-notice incident-notice--failed" data-testid="escalation-error">
            {notice.text}
          </p>
        )}
      </div>
    </>
  );
}
