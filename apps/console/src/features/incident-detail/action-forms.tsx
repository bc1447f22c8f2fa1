import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  SEVERITIES,
  type Category,
  type Incident,
  type IncidentTransition,
  type Report,
  type Severity,
} from '@vaka/domain';
import { describedBy, FormField } from '../../components/form-field.tsx';
import { formatTimeWithDate } from '../../lib/time-format.ts';
import { useCityTimeZone } from '../city/use-city-time-zone.ts';
import { useNow } from '../incidents/use-now.ts';
import { severityIndexForKey } from '../keyboard/keymap.ts';
import { ActionForm } from './action-form.tsx';
import { readTextAndEventTime, type TextAndEventTimeErrors } from './text-and-event-time.ts';

const REASON_MAX = 2_000;
const TEXT_MAX = 10_000;

/** Selects a field's text when it gets focus, so a default can be typed over at once. */
const selectOnFocus = (event: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) =>
  event.currentTarget.select();

/** The reason typed into an optional reason field; none when it was left empty. */
const optionalReason = (reason: string): string | undefined =>
  reason.trim() === '' ? undefined : reason.trim();

interface ReasonFieldProps {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly required: boolean;
  readonly error?: string;
  readonly autoFocus?: boolean;
}

/** The reason a change gives the journal. */
function ReasonField({ value, onChange, required, error, autoFocus }: ReasonFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <FormField
      controlId={id}
      label={t('actions.reasonForJournal')}
      optionalLabel={required ? undefined : t('actions.optional')}
      error={error}
    >
      <input
        id={id}
        className="input"
        data-testid="action-reason"
        autoComplete="off"
        autoFocus={autoFocus}
        maxLength={REASON_MAX}
        required={required}
        value={value}
        aria-invalid={error !== undefined}
        aria-describedby={describedBy(id, undefined, error)}
        onFocus={selectOnFocus}
        onChange={(event) => onChange(event.target.value)}
      />
    </FormField>
  );
}

interface CommonProps {
  readonly busy: boolean;
  readonly onCancel: () => void;
}

/** A status change with its reason; acknowledge and start come with a reason to edit. */
export function TransitionForm({
  transition,
  busy,
  onCancel,
  onSubmit,
}: CommonProps & {
  readonly transition: IncidentTransition;
  readonly onSubmit: (reason: string) => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState(() => t(`actions.defaultReason.${transition}`));
  const [error, setError] = useState<string | undefined>();
  return (
    <ActionForm
      testId="transition-form"
      heading={t(`actions.transition.${transition}`)}
      submitLabel={t(`actions.transition.${transition}`)}
      busy={busy}
      onCancel={onCancel}
      onSubmit={() => {
        if (reason.trim() === '') {
          setError(t('actions.reasonRequired'));
          return;
        }
        onSubmit(reason.trim());
      }}
    >
      <ReasonField
        value={reason}
        required
        autoFocus
        error={error}
        onChange={(value) => {
          setReason(value);
          setError(undefined);
        }}
      />
    </ActionForm>
  );
}

/** A new severity: 1 to 4 picks and sends at once; or choose and press the button. */
export function SeverityForm({
  incident,
  busy,
  onCancel,
  onSubmit,
}: CommonProps & {
  readonly incident: Incident;
  readonly onSubmit: (severity: Severity, reason: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const name = useId();
  const hintId = useId();
  const [severity, setSeverity] = useState<Severity>(incident.severity);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();

  function send(chosen: Severity): void {
    if (chosen === incident.severity) {
      setError(t('actions.unchanged'));
      return;
    }
    onSubmit(chosen, optionalReason(reason));
  }

  function onKeyDown(event: KeyboardEvent<HTMLFieldSetElement>): void {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target instanceof HTMLInputElement && event.target.type !== 'radio') return;
    const index = severityIndexForKey(event.key);
    const chosen = index === null ? undefined : SEVERITIES[index];
    if (chosen === undefined) return;
    event.preventDefault();
    setSeverity(chosen);
    if (!busy) send(chosen);
  }

  return (
    <ActionForm
      testId="severity-form"
      heading={t('actions.severity')}
      submitLabel={t('actions.severity')}
      busy={busy}
      onCancel={onCancel}
      onSubmit={() => send(severity)}
    >
      <fieldset className="action-form__choices" onKeyDown={onKeyDown} aria-describedby={hintId}>
        <legend className="visually-hidden">{t('actions.severity')}</legend>
        {SEVERITIES.map((level, index) => (
          <label key={level} className={`severity-choice severity-choice--${level}`}>
            <input
              type="radio"
              name={name}
              value={level}
              checked={severity === level}
              autoFocus={severity === level}
              onChange={() => {
                setSeverity(level);
                setError(undefined);
              }}
            />
            <kbd>{index + 1}</kbd> {t(`severity.${level}`)}
          </label>
        ))}
      </fieldset>
      <p id={hintId} className="form-field__hint">
        {t('actions.severityHint')}
      </p>
      {error !== undefined && (
        <p className="form-field__error" role="alert">
          {error}
        </p>
      )}
      <ReasonField value={reason} required={false} onChange={setReason} />
    </ActionForm>
  );
}

/** A new category, with an optional reason. */
export function CategoryForm({
  incident,
  categories,
  busy,
  onCancel,
  onSubmit,
}: CommonProps & {
  readonly incident: Incident;
  readonly categories: readonly Category[];
  readonly onSubmit: (category: Category, reason: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [category, setCategory] = useState<Category>(incident.category);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  return (
    <ActionForm
      testId="category-form"
      heading={t('actions.category')}
      submitLabel={t('actions.saveCategory')}
      busy={busy}
      onCancel={onCancel}
      onSubmit={() => {
        if (category === incident.category) setError(t('actions.unchanged'));
        else onSubmit(category, optionalReason(reason));
      }}
    >
      <FormField controlId={id} label={t('actions.newCategory')} error={error}>
        <select
          id={id}
          className="input"
          autoFocus
          value={category}
          aria-invalid={error !== undefined}
          aria-describedby={describedBy(id, undefined, error)}
          onChange={(event) => {
            setCategory(event.target.value as Category);
            setError(undefined);
          }}
        >
          {categories.map((choice) => (
            <option key={choice} value={choice}>
              {t(`category.${choice}`)}
            </option>
          ))}
        </select>
      </FormField>
      <ReasonField value={reason} required={false} onChange={setReason} />
    </ActionForm>
  );
}

interface EventTimeFieldProps {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly error?: string;
}

/** When it happened, in the city's time; empty means now. */
function EventTimeField({ value, onChange, error }: EventTimeFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <FormField
      controlId={id}
      label={t('actions.eventTime')}
      optionalLabel={t('actions.optional')}
      hint={t('actions.eventTimeHint')}
      error={error}
    >
      <input
        id={id}
        className="input"
        type="datetime-local"
        data-testid="action-event-time"
        value={value}
        aria-invalid={error !== undefined}
        aria-describedby={describedBy(id, t('actions.eventTimeHint'), error)}
        onChange={(event) => onChange(event.target.value)}
      />
    </FormField>
  );
}

interface EntryTextFieldProps {
  readonly testId: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly error?: string;
}

/** What a note or a correction says; it has the keyboard when its form opens. */
function EntryTextField({ testId, label, value, onChange, error }: EntryTextFieldProps) {
  const id = useId();
  return (
    <FormField controlId={id} label={label} error={error}>
      <textarea
        id={id}
        className="input action-form__text"
        data-testid={testId}
        rows={3}
        autoFocus
        maxLength={TEXT_MAX}
        value={value}
        aria-invalid={error !== undefined}
        aria-describedby={describedBy(id, undefined, error)}
        onChange={(event) => onChange(event.target.value)}
      />
    </FormField>
  );
}

/** A note: text, when it happened, and whether it is a key event or public. */
export function NoteForm({
  busy,
  onCancel,
  onSubmit,
}: CommonProps & {
  readonly onSubmit: (note: {
    text: string;
    eventAt?: string;
    keyEvent: boolean;
    public: boolean;
  }) => void;
}) {
  const { t } = useTranslation();
  const timeZone = useCityTimeZone();
  const [text, setText] = useState('');
  const [eventTime, setEventTime] = useState('');
  const [keyEvent, setKeyEvent] = useState(false);
  const [isPublic, setPublic] = useState(false);
  const [errors, setErrors] = useState<TextAndEventTimeErrors>({});
  return (
    <ActionForm
      testId="note-form"
      heading={t('actions.note')}
      submitLabel={t('actions.addNote')}
      busy={busy}
      onCancel={onCancel}
      onSubmit={() => {
        const { errors: found, written } = readTextAndEventTime({ text, eventTime }, timeZone, {
          textRequired: t('actions.noteRequired'),
          eventTimeInvalid: t('actions.eventTimeInvalid'),
        });
        setErrors(found);
        if (written !== null) onSubmit({ ...written, keyEvent, public: isPublic });
      }}
    >
      <EntryTextField
        testId="note-text"
        label={t('actions.noteText')}
        value={text}
        onChange={setText}
        error={errors.text}
      />
      <EventTimeField value={eventTime} onChange={setEventTime} error={errors.eventTime} />
      <FlagChoices
        keyEvent={keyEvent}
        isPublic={isPublic}
        onKeyEvent={setKeyEvent}
        onPublic={setPublic}
      />
    </ActionForm>
  );
}

interface FlagChoicesProps {
  readonly keyEvent: boolean;
  readonly isPublic: boolean;
  readonly onKeyEvent: (value: boolean) => void;
  readonly onPublic: (value: boolean) => void;
  readonly autoFocus?: boolean;
}

/** The two flags of a timeline item. */
function FlagChoices({ keyEvent, isPublic, onKeyEvent, onPublic, autoFocus }: FlagChoicesProps) {
  const { t } = useTranslation();
  return (
    <div className="action-form__flags">
      <label className="checkbox">
        <input
          type="checkbox"
          data-testid="flag-key-event"
          checked={keyEvent}
          autoFocus={autoFocus}
          onChange={(event) => onKeyEvent(event.target.checked)}
        />
        <span>
          {t('actions.keyEvent')}{' '}
          <span className="form-field__hint">— {t('actions.keyEventHint')}</span>
        </span>
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          data-testid="flag-public"
          checked={isPublic}
          onChange={(event) => onPublic(event.target.checked)}
        />
        <span>
          {t('actions.public')}{' '}
          <span className="form-field__hint">— {t('actions.publicHint')}</span>
        </span>
      </label>
    </div>
  );
}

/** What a form about one timeline item shows of it. */
export interface ItemPreview {
  readonly seq: number;
  readonly summary: string;
  readonly body?: string;
  readonly keyEvent: boolean;
  readonly public: boolean;
}

function Preview({ item }: { readonly item: ItemPreview }) {
  return (
    <blockquote className="action-form__preview">
      <strong>#{item.seq}</strong> {item.summary}
      {item.body !== undefined && <span className="action-form__preview-body">{item.body}</span>}
    </blockquote>
  );
}

/** Sets or clears a timeline item's flags; only the flags changed are sent. */
export function FlagForm({
  item,
  busy,
  onCancel,
  onSubmit,
}: CommonProps & {
  readonly item: ItemPreview;
  readonly onSubmit: (flags: { keyEvent?: boolean; public?: boolean }) => void;
}) {
  const { t } = useTranslation();
  const [keyEvent, setKeyEvent] = useState(item.keyEvent);
  const [isPublic, setPublic] = useState(item.public);
  const [error, setError] = useState<string | undefined>();
  return (
    <ActionForm
      testId="flag-form"
      heading={t('actions.flagHeading', { seq: item.seq })}
      submitLabel={t('actions.flagSubmit')}
      busy={busy}
      onCancel={onCancel}
      onSubmit={() => {
        const flags = {
          ...(keyEvent !== item.keyEvent && { keyEvent }),
          ...(isPublic !== item.public && { public: isPublic }),
        };
        if (Object.keys(flags).length === 0) setError(t('actions.unchanged'));
        else onSubmit(flags);
      }}
    >
      <Preview item={item} />
      <FlagChoices
        keyEvent={keyEvent}
        isPublic={isPublic}
        autoFocus
        onKeyEvent={(value) => {
          setKeyEvent(value);
          setError(undefined);
        }}
        onPublic={(value) => {
          setPublic(value);
          setError(undefined);
        }}
      />
      {error !== undefined && (
        <p className="form-field__error" role="alert">
          {error}
        </p>
      )}
    </ActionForm>
  );
}

/** A correction of a timeline item: what is right, and when it happened if that was wrong. */
export function CorrectForm({
  item,
  busy,
  onCancel,
  onSubmit,
}: CommonProps & {
  readonly item: ItemPreview;
  readonly onSubmit: (correction: { text: string; eventAt?: string }) => void;
}) {
  const { t } = useTranslation();
  const timeZone = useCityTimeZone();
  const [text, setText] = useState(item.body ?? '');
  const [eventTime, setEventTime] = useState('');
  const [errors, setErrors] = useState<TextAndEventTimeErrors>({});
  return (
    <ActionForm
      testId="correct-form"
      heading={t('actions.correctHeading', { seq: item.seq })}
      submitLabel={t('actions.correctSubmit')}
      busy={busy}
      onCancel={onCancel}
      onSubmit={() => {
        const { errors: found, written } = readTextAndEventTime({ text, eventTime }, timeZone, {
          textRequired: t('actions.correctRequired'),
          eventTimeInvalid: t('actions.eventTimeInvalid'),
        });
        setErrors(found);
        if (written !== null) onSubmit(written);
      }}
    >
      <Preview item={item} />
      <EntryTextField
        testId="correct-text"
        label={t('actions.correctText')}
        value={text}
        onChange={setText}
        error={errors.text}
      />
      <EventTimeField value={eventTime} onChange={setEventTime} error={errors.eventTime} />
    </ActionForm>
  );
}

/** Picks one of the incident's reports to split out into a new incident, with why. */
export function SplitForm({
  reports,
  busy,
  onCancel,
  onSubmit,
}: CommonProps & {
  readonly reports: readonly Report[];
  readonly onSubmit: (reportId: string, reason: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const timeZone = useCityTimeZone();
  const now = useNow();
  const name = useId();
  const [reportId, setReportId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ report?: string; reason?: string }>({});
  const splittable = reports.length > 1;
  return (
    <ActionForm
      testId="split-form"
      heading={t('actions.splitHeading')}
      submitLabel={t('actions.splitSubmit')}
      busy={busy}
      canSubmit={splittable}
      onCancel={onCancel}
      onSubmit={() => {
        const found = {
          ...(reportId === null && { report: t('actions.splitReport') }),
          ...(reason.trim() === '' && { reason: t('actions.reasonRequired') }),
        };
        setErrors(found);
        if (reportId !== null && reason.trim() !== '') onSubmit(reportId, reason.trim());
      }}
    >
      {!splittable ? (
        <p className="form-field__hint" role="status">
          {t('actions.splitOnlyOne')}
        </p>
      ) : (
        <>
          <fieldset className="action-form__reports">
            <legend className="form-field__label">{t('actions.splitReport')}</legend>
            {reports.map((report, index) => (
              <label key={report.id} className="checkbox" data-testid="split-choice">
                <input
                  type="radio"
                  name={name}
                  value={report.id}
                  checked={reportId === report.id}
                  autoFocus={index === 0}
                  onChange={() => setReportId(report.id)}
                />
                <span>
                  {report.title}{' '}
                  <span className="form-field__hint">
                    {t(`channel.${report.source.channel}`)} ·{' '}
                    {formatTimeWithDate(new Date(report.receivedAt), now, i18n.language, timeZone)}
                  </span>
                </span>
              </label>
            ))}
            {errors.report !== undefined && (
              <p className="form-field__error" role="alert">
                {errors.report}
              </p>
            )}
          </fieldset>
          <ReasonField
            value={reason}
            required
            error={errors.reason}
            onChange={(value) => {
              setReason(value);
              setErrors((current) => ({ ...current, reason: undefined }));
            }}
          />
        </>
      )}
    </ActionForm>
  );
}
