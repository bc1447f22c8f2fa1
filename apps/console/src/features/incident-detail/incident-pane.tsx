import { useId, useImperativeHandle, useRef, useState, type ReactNode, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import {
  allowedTransitions,
  buildTimeline,
  CATEGORIES,
  IncidentStatus,
  type Category,
  type Incident,
  type IncidentTransition,
  type IncidentDetail,
  type JournalEntry,
  type UpdateIncidentRequest,
} from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import { failureText } from '../../lib/failure-text.ts';
import { formatExactTime, formatTimeWithDate } from '../../lib/time-format.ts';
import { useConsoleStore } from '../../stores/console-store.ts';
import { useCityTimeZone } from '../city/use-city-time-zone.ts';
import { DuplicateHint } from '../duplicates/duplicate-hint.tsx';
import { MergePicker } from '../duplicates/merge-picker.tsx';
import {
  EscalationSection,
  type EscalationSectionHandle,
} from '../escalations/escalation-section.tsx';
import { ExportJournalButtons } from '../export/export-journal.tsx';
import { IncidentMessageButton } from '../messages/incident-message-button.tsx';
import { formatLocation } from '../incidents/format-location.ts';
import { incidentHref } from '../incidents/incident-hash.ts';
import { focusIncidentRow } from '../incidents/incident-row.tsx';
import { SeverityBadge } from '../incidents/severity-badge.tsx';
import { useNow } from '../incidents/use-now.ts';
import { isEditableItem, Timeline } from '../timeline/timeline.tsx';
import { describeEntry, statesBefore } from '../timeline/timeline-text.ts';
import {
  CategoryForm,
  CorrectForm,
  FlagForm,
  NoteForm,
  SeverityForm,
  SplitForm,
  TransitionForm,
  type ItemPreview,
} from './action-forms.tsx';
import {
  addNote,
  correctEntry,
  flagEntry,
  isIncident,
  isJournalEntry,
  mergeIncident,
  splitReport,
  transitionIncident,
  updateIncident,
} from './incident-api.ts';
import { IncidentPlannedEvent } from '../planned-events/incident-planned-event.tsx';
import { ReportList } from './report-list.tsx';
import {
  useIncidentChange,
  type ChangeDone,
  type ChangeNotice,
  type ChangeOutcome,
} from './use-incident-change.ts';
import { useIncidentDetailLoader } from './use-incident-detail.ts';
import './incident-detail.css';

/** What the keyboard asks of the incident pane. */
export type PaneRequest =
  | 'acknowledge'
  | 'start'
  | 'close'
  | 'note'
  | 'severity'
  | 'category'
  | 'merge'
  | 'split'
  | 'flag'
  | 'correct'
  | 'escalate';

/** The incident pane's answer to the keyboard: true when it took the request. */
export interface IncidentPaneHandle {
  request(request: PaneRequest): boolean;
  /** Closes an open form; true when there was one. */
  dismiss(): boolean;
}

type PaneForm =
  | { readonly kind: 'transition'; readonly transition: IncidentTransition }
  | { readonly kind: 'severity' | 'category' | 'note' | 'merge' | 'split' }
  | { readonly kind: 'flag' | 'correct'; readonly seq: number };

interface IncidentPaneProps {
  readonly ref?: Ref<IncidentPaneHandle>;
  /** The person may change incidents; others read. */
  readonly mayUpdate: boolean;
  /** May download the incident's journal. */
  readonly mayExport: boolean;
  readonly onOpenIncident: (incidentId: string) => void;
}

const TRANSITION_KEYS: Partial<Record<IncidentTransition, string>> = {
  acknowledge: 'a',
  start: 's',
  close: 'c',
};

/**
 * The open incident: what it is, its reports and timeline, and for the duty officer the changes
 * that can be made to it. Every change names the state it was made on; when someone else changed
 * the incident first, the pane says so, shows the current state and keeps what was typed.
 */
export function IncidentPane({ ref, mayUpdate, mayExport, onOpenIncident }: IncidentPaneProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const view = useConsoleStore((state) => state.incidentDetail);
  const load = useIncidentDetailLoader();
  const change = useIncidentChange((incidentId) => void load(incidentId));
  // `basedOn` is the incident's updatedAt when the form opened: what the person decided on. After
  // a conflict it is null, and the retry goes with the state the pane shows by then.
  const [form, setForm] = useState<{
    incidentId: string;
    form: PaneForm;
    basedOn: string | null;
  } | null>(null);
  const returnFocus = useRef<Element | null>(null);
  const escalationRef = useRef<EscalationSectionHandle>(null);
  const detail = view?.detail ?? null;
  const openForm = detail !== null && form?.incidentId === detail.incident.id ? form.form : null;

  function open(next: PaneForm): void {
    if (detail === null) return;
    if (openForm === null) returnFocus.current = document.activeElement;
    change.tell(detail.incident.id, null);
    setForm({ incidentId: detail.incident.id, form: next, basedOn: detail.incident.updatedAt });
  }

  function closeForm(): void {
    setForm(null);
    const target = returnFocus.current;
    const incidentId = detail?.incident.id;
    returnFocus.current = null;
    // After the form has gone, back where the person was: the incident's row, which may have
    // moved in the queue meanwhile, or else the incident's heading.
    requestAnimationFrame(() => {
      if (target instanceof HTMLElement && target.isConnected && target !== document.body) {
        target.focus();
      } else if (
        !(target instanceof HTMLElement && target.closest('[data-testid="incident-row"]')) ||
        incidentId === undefined ||
        !focusIncidentRow(incidentId)
      ) {
        document.getElementById(headingId)?.focus();
      }
    });
  }

  function request(wanted: PaneRequest): boolean {
    if (detail === null || !mayUpdate) return false;
    const { incident } = detail;
    switch (wanted) {
      case 'acknowledge':
      case 'start':
      case 'close': {
        const allowed = allowedTransitions(incident.status);
        if (!allowed.includes(wanted)) {
          change.tell(incident.id, {
            kind: 'failed',
            text: t('actions.notAllowed', {
              status: t(`status.${incident.status}`),
              allowed: allowed
                .map((transition) => t(`actions.transition.${transition}`))
                .join(', '),
            }),
          });
          return true;
        }
        open({ kind: 'transition', transition: wanted });
        return true;
      }
      case 'flag':
      case 'correct': {
        const seq = focusedTimelineSeq() ?? newestEditableSeq(detail);
        if (seq === null)
          change.tell(incident.id, { kind: 'failed', text: t('actions.noTimelineItem') });
        else open({ kind: wanted, seq });
        return true;
      }
      case 'escalate':
        return escalationRef.current?.startEscalation() ?? false;
      case 'merge':
      case 'split':
        if (incident.status === IncidentStatus.closed) return false;
        open({ kind: wanted });
        return true;
      default:
        open({ kind: wanted });
        return true;
    }
  }

  useImperativeHandle(ref, () => ({
    request,
    dismiss: () => {
      if (escalationRef.current?.dismiss() === true) return true;
      if (openForm === null) return false;
      closeForm();
      return true;
    },
  }));

  if (view === null) {
    return (
      <PaneFrame headingId={headingId}>
        <p className="incident-pane__placeholder" data-testid="incident-pane-empty">
          {t('incidentPane.none')}
        </p>
      </PaneFrame>
    );
  }
  if (detail === null) {
    const failure = view.failure;
    return (
      <PaneFrame headingId={headingId} incidentId={view.incidentId}>
        {failure === null ? (
          <p className="incident-pane__placeholder" role="status">
            {t('incidentPane.loading')}
          </p>
        ) : (
          <div
            className="incident-pane__placeholder"
            role="alert"
            data-testid="incident-pane-error"
          >
            <p>
              {failure.outcome === 'rejected' && failure.status === 404
                ? t('incidentPane.notFound')
                : t('incidentPane.failed', { reason: failureText(failure, t) })}
            </p>
            <button
              type="button"
              className="button button--quiet"
              onClick={() => void load(view.incidentId)}
            >
              {t('incidentPane.retry')}
            </button>
          </div>
        )}
      </PaneFrame>
    );
  }

  return (
    <PaneFrame headingId={headingId} incidentId={detail.incident.id} detail={detail}>
      <IncidentHeading detail={detail} headingId={headingId} refreshing={view.loading} />
      {detail.incident.mergedInto !== undefined && (
        <p className="incident-pane__merged" data-testid="incident-merged-into">
          {t('incidentPane.mergedInto')}{' '}
          <a href={incidentHref(detail.incident.mergedInto)}>{t('incidentPane.openMergedInto')}</a>
        </p>
      )}
      {!mayUpdate && <p className="incident-pane__read-only">{t('incidentPane.readOnly')}</p>}
      {mayUpdate && <ActionBar detail={detail} busy={change.busy !== null} onOpen={open} />}
      <IncidentMessageButton incidentId={detail.incident.id} />
      <Notice notice={change.noticeFor(detail.incident.id)} onOpenIncident={onOpenIncident} />
      {openForm !== null && (
        <ActionPanel
          detail={detail}
          form={openForm}
          expectedUpdatedAt={form?.basedOn ?? detail.incident.updatedAt}
          busy={change.busy !== null}
          onCancel={closeForm}
          change={change}
          onDone={closeForm}
          onConflict={() => setForm((current) => current && { ...current, basedOn: null })}
          onOpenIncident={onOpenIncident}
        />
      )}
      {openForm === null && (
        <DuplicateHint
          incident={detail.incident}
          {...(mayUpdate && { onMerge: () => open({ kind: 'merge' }) })}
        />
      )}
      <IncidentFacts detail={detail} />
      <IncidentPlannedEvent incident={detail.incident} mayUpdate={mayUpdate} />
      <EscalationSection
        key={detail.incident.id}
        ref={escalationRef}
        incident={detail.incident}
        entries={detail.entries}
      />
      <ReportList
        incidentId={detail.incident.id}
        reports={detail.reports}
        entries={detail.entries}
      />
      <Timeline
        incidentId={detail.incident.id}
        entries={detail.entries}
        editable={mayUpdate}
        onFlag={(seq) => open({ kind: 'flag', seq })}
        onCorrect={(seq) => open({ kind: 'correct', seq })}
      />
      {mayExport && <ExportJournalButtons incidentId={detail.incident.id} />}
    </PaneFrame>
  );
}

function PaneFrame({
  headingId,
  incidentId,
  detail,
  children,
}: {
  readonly headingId: string;
  readonly incidentId?: string;
  readonly detail?: IncidentDetail;
  readonly children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <section
      className="panel incident-pane"
      data-testid="incident-pane"
      data-incident-id={incidentId}
      data-status={detail?.incident.status}
      data-updated-at={detail?.incident.updatedAt}
      aria-labelledby={detail === undefined ? undefined : headingId}
      aria-label={detail === undefined ? t('incidentPane.heading') : undefined}
    >
      {children}
    </section>
  );
}

function IncidentHeading({
  detail,
  headingId,
  refreshing,
}: {
  readonly detail: IncidentDetail;
  readonly headingId: string;
  readonly refreshing: boolean;
}) {
  const { t } = useTranslation();
  const { incident } = detail;
  return (
    <header className="incident-pane__header">
      <p className="incident-pane__badges">
        <SeverityBadge severity={incident.severity} />
        <span
          className="incident-pane__status"
          data-testid="incident-status"
          data-status={incident.status}
        >
          {t(`status.${incident.status}`)}
        </span>
        {refreshing && (
          <span className="incident-pane__refreshing" role="status">
            {t('incidentPane.refreshing')}
          </span>
        )}
      </p>
      <h2
        id={headingId}
        className="incident-pane__title"
        tabIndex={-1}
        data-testid="incident-title"
      >
        {incident.title}
      </h2>
    </header>
  );
}

function IncidentFacts({ detail }: { readonly detail: IncidentDetail }) {
  const { t, i18n } = useTranslation();
  const timeZone = useCityTimeZone();
  const now = useNow();
  const { incident } = detail;
  const time = (iso: string) => (
    <time dateTime={iso} title={formatExactTime(new Date(iso), i18n.language, timeZone)}>
      {formatTimeWithDate(new Date(iso), now, i18n.language, timeZone)}
    </time>
  );
  return (
    <dl className="facts" data-testid="incident-facts">
      <div>
        <dt>{t('incidentPane.category')}</dt>
        <dd data-testid="incident-category">{t(`category.${incident.category}`)}</dd>
      </div>
      {incident.district !== undefined && (
        <div>
          <dt>{t('incidentPane.district')}</dt>
          <dd data-testid="incident-district">{incident.district.name}</dd>
        </div>
      )}
      <div>
        <dt>{t('incidentPane.location')}</dt>
        <dd data-testid="incident-location">{formatLocation(incident.location)}</dd>
      </div>
      <div>
        <dt>{t('incidentPane.opened')}</dt>
        <dd>{time(incident.openedAt)}</dd>
      </div>
      <div>
        <dt>{t('incidentPane.updated')}</dt>
        <dd data-testid="incident-updated">{time(incident.updatedAt)}</dd>
      </div>
      <div>
        <dt>{t('incidentPane.reportCount')}</dt>
        <dd>{incident.reportCount}</dd>
      </div>
    </dl>
  );
}

function ActionBar({
  detail,
  busy,
  onOpen,
}: {
  readonly detail: IncidentDetail;
  readonly busy: boolean;
  readonly onOpen: (form: PaneForm) => void;
}) {
  const { t } = useTranslation();
  const { incident } = detail;
  const closed = incident.status === IncidentStatus.closed;
  const button = (testId: string, label: string, key: string | undefined, form: PaneForm) => (
    <button
      key={testId}
      type="button"
      className="button button--quiet button--small incident-actions__button"
      data-testid={testId}
      aria-keyshortcuts={key}
      aria-disabled={busy}
      onClick={() => onOpen(form)}
    >
      {label}
      {key !== undefined && <kbd aria-hidden="true">{key}</kbd>}
    </button>
  );
  return (
    <div className="incident-actions" role="group" aria-label={t('actions.label')}>
      {allowedTransitions(incident.status).map((transition) =>
        button(
          `action-${transition}`,
          t(`actions.transition.${transition}`),
          TRANSITION_KEYS[transition],
          { kind: 'transition', transition },
        ),
      )}
      {button('action-severity', t('actions.severity'), 'e', { kind: 'severity' })}
      {button('action-category', t('actions.category'), 'g', { kind: 'category' })}
      {button('action-note', t('actions.note'), 't', { kind: 'note' })}
      {!closed && button('action-merge', t('actions.merge'), 'm', { kind: 'merge' })}
      {!closed && button('action-split', t('actions.split'), 'x', { kind: 'split' })}
    </div>
  );
}

function Notice({
  notice,
  onOpenIncident,
}: {
  readonly notice: ChangeNotice | null;
  readonly onOpenIncident: (incidentId: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      {/* Both regions are always there, so screen readers announce what appears in them. */}
      <div className="incident-notice-region" role="status" aria-live="polite">
        {notice?.kind === 'done' && (
          <p className="incident-notice incident-notice--done" data-testid="incident-notice">
            {notice.text}
            {notice.link !== undefined && (
              <>
                {' '}
                <a
                  href={incidentHref(notice.link.incidentId)}
                  onClick={(event) => {
                    event.preventDefault();
                    if (notice.link !== undefined) onOpenIncident(notice.link.incidentId);
                  }}
                >
                  {notice.link.label}
                </a>
              </>
            )}
          </p>
        )}
      </div>
      <div className="incident-notice-region" role="alert">
        {notice?.kind === 'conflict' && (
          <div
            className="incident-notice incident-notice--conflict"
            data-testid="incident-conflict"
          >
            <p className="incident-notice__title">{t('actions.conflict')}</p>
            <p>{t('actions.conflictDetail', { message: notice.serverMessage })}</p>
          </div>
        )}
        {notice?.kind === 'failed' && (
          <p className="incident-notice incident-notice--failed" data-testid="incident-error">
            {notice.text}
          </p>
        )}
      </div>
    </>
  );
}

interface ActionPanelProps {
  readonly detail: IncidentDetail;
  readonly form: PaneForm;
  /** The incident's state the change is made on. */
  readonly expectedUpdatedAt: string;
  readonly busy: boolean;
  readonly change: ReturnType<typeof useIncidentChange>;
  readonly onCancel: () => void;
  readonly onDone: () => void;
  readonly onConflict: () => void;
  readonly onOpenIncident: (incidentId: string) => void;
}

/** The open form, wired to its route. */
function ActionPanel({
  detail,
  form,
  expectedUpdatedAt,
  busy,
  change,
  onCancel,
  onDone,
  onConflict,
  onOpenIncident,
}: ActionPanelProps) {
  const { t } = useTranslation();
  const { api } = useAppServices();
  const detailChanged = useConsoleStore((state) => state.detailChanged);
  const categories = useConsoleStore((state) => state.city?.categories ?? CATEGORIES);
  const { incident } = detail;
  const finish = (outcome: ChangeOutcome): void => {
    if (outcome === 'done') onDone();
    else if (outcome === 'conflict') onConflict();
  };
  /** Shows the incident as the change left it, and says what was done. */
  const showIncident =
    (text: string) =>
    (changed: Incident): ChangeDone => {
      if (isIncident(changed)) detailChanged({ incident: changed });
      return { text };
    };
  /** Adds the entry the change wrote to the timeline, and says what was done. */
  const showEntry =
    (text: string) =>
    (entry: JournalEntry): ChangeDone => {
      if (isJournalEntry(entry)) detailChanged({ entry });
      return { text };
    };
  /** Changes some of the incident's fields, with the reason for the journal if one was given. */
  const update = (
    action: 'severity' | 'category',
    changes: UpdateIncidentRequest['changes'],
    reason: string | undefined,
    doneText: string,
  ): void =>
    void change
      .run(
        action,
        incident.id,
        () =>
          updateIncident(api, incident.id, {
            changes,
            ...(reason !== undefined && { reason }),
            expectedUpdatedAt,
          }),
        showIncident(doneText),
      )
      .then(finish);

  switch (form.kind) {
    case 'transition':
      return (
        <TransitionForm
          key={form.transition}
          transition={form.transition}
          busy={busy}
          onCancel={onCancel}
          onSubmit={(reason) =>
            void change
              .run(
                form.transition,
                incident.id,
                () =>
                  transitionIncident(api, incident.id, {
                    transition: form.transition,
                    reason,
                    expectedUpdatedAt,
                  }),
                showIncident(t(`actions.transitionDone.${form.transition}`)),
              )
              .then(finish)
          }
        />
      );
    case 'severity':
      return (
        <SeverityForm
          incident={incident}
          busy={busy}
          onCancel={onCancel}
          onSubmit={(severity, reason) =>
            update(
              'severity',
              { severity },
              reason,
              t('actions.severityDone', { severity: t(`severity.${severity}`) }),
            )
          }
        />
      );
    case 'category':
      return (
        <CategoryForm
          incident={incident}
          categories={categories}
          busy={busy}
          onCancel={onCancel}
          onSubmit={(category: Category, reason) =>
            update(
              'category',
              { category },
              reason,
              t('actions.categoryDone', { category: t(`category.${category}`) }),
            )
          }
        />
      );
    case 'note':
      return (
        <NoteForm
          busy={busy}
          onCancel={onCancel}
          onSubmit={(note) =>
            void change
              .run(
                'note',
                incident.id,
                () => addNote(api, incident.id, note),
                showEntry(t('actions.noteDone')),
              )
              .then(finish)
          }
        />
      );
    case 'merge':
      return (
        <MergePicker
          incident={incident}
          busy={busy}
          onCancel={onCancel}
          onSubmit={(into, reason) =>
            void change
              .run(
                'merge',
                incident.id,
                () =>
                  mergeIncident(api, incident.id, {
                    into: into.id,
                    reason,
                    expectedUpdatedAt,
                    intoExpectedUpdatedAt: into.updatedAt,
                  }),
                (result) => ({
                  text: t('duplicates.done', { title: result.incident.title }),
                  showOn: result.incident.id,
                }),
              )
              .then((outcome) => {
                finish(outcome);
                if (outcome !== 'done') return;
                // The duplicate is closed: the work goes on in the incident it went into.
                onOpenIncident(into.id);
                requestAnimationFrame(() => requestAnimationFrame(() => focusIncidentRow(into.id)));
              })
          }
        />
      );
    case 'split':
      return (
        <SplitForm
          reports={detail.reports}
          busy={busy}
          onCancel={onCancel}
          onSubmit={(reportId, reason) =>
            void change
              .run(
                'split',
                incident.id,
                () => splitReport(api, incident.id, { reportId, reason, expectedUpdatedAt }),
                (result) => {
                  detailChanged({ incident: result.from });
                  return {
                    text: t('actions.splitDone', { title: result.incident.title }),
                    link: { incidentId: result.incident.id, label: t('actions.openSplit') },
                  };
                },
              )
              .then(finish)
          }
        />
      );
    case 'flag':
    case 'correct': {
      const item = previewOf(detail, form.seq, t);
      if (item === null) return null;
      return form.kind === 'flag' ? (
        <FlagForm
          key={form.seq}
          item={item}
          busy={busy}
          onCancel={onCancel}
          onSubmit={(flags) =>
            void change
              .run(
                'flag',
                incident.id,
                () => flagEntry(api, form.seq, flags),
                showEntry(t('actions.flagDone', { seq: form.seq })),
              )
              .then(finish)
          }
        />
      ) : (
        <CorrectForm
          key={form.seq}
          item={item}
          busy={busy}
          onCancel={onCancel}
          onSubmit={(correction) =>
            void change
              .run(
                'correct',
                incident.id,
                () => correctEntry(api, form.seq, correction),
                showEntry(t('actions.correctDone', { seq: form.seq })),
              )
              .then(finish)
          }
        />
      );
    }
  }
}

/** What the flag and correct forms show of the item they are about. */
function previewOf(
  detail: IncidentDetail,
  seq: number,
  t: ReturnType<typeof useTranslation>['t'],
): ItemPreview | null {
  const item = buildTimeline(detail.entries).find((candidate) => candidate.entry.seq === seq);
  if (item === undefined) return null;
  const text = describeEntry(item.entry, {
    incidentId: detail.incident.id,
    previous: statesBefore(detail.entries).get(seq),
    t,
  });
  return {
    seq,
    summary: text.summary,
    ...(text.body !== undefined && { body: text.body }),
    keyEvent: item.keyEvent,
    public: item.public,
  };
}

/** The timeline item that has the keyboard, if one has. */
function focusedTimelineSeq(): number | null {
  const item = document.activeElement?.closest<HTMLElement>('[data-testid="timeline-item"]');
  const seq = Number(item?.dataset['seq']);
  return Number.isInteger(seq) && seq > 0 ? seq : null;
}

/** The newest entry that can be flagged or corrected. */
function newestEditableSeq(detail: IncidentDetail): number | null {
  for (let index = detail.entries.length - 1; index >= 0; index -= 1) {
    const entry = detail.entries[index];
    if (entry !== undefined && isEditableItem(entry)) return entry.seq;
  }
  return null;
}
