import { useId, useMemo, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import {
  approvable,
  messageProblems,
  MessageCertainty,
  MessageSeverity,
  MessageUrgency,
  type MessageLanguages,
  type PublicMessage,
} from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import { mergeDraft, mergeListById } from '../admin/draft-merge.ts';
import { mergeNotice } from '../admin/merge-notice.ts';
import { FormField, TextField } from '../../components/form-field.tsx';
import { failureText } from '../../lib/failure-text.ts';
import { readKeptDraft, useKeptDraft } from '../../lib/kept-draft.ts';
import { useConsoleStore } from '../../stores/console-store.ts';
import { useCityTimeZone } from '../city/use-city-time-zone.ts';
import { districtChoices, useDistricts } from '../districts/use-districts.ts';
import { AreaDrawing, areaDrawingProblemText } from './area-drawing.tsx';
import {
  areaDrawingProblem,
  formFields,
  messageChanges,
  toCreateMessageRequest,
  toMessageForm,
  unreadableTimes,
  withLanguage,
  withoutLanguage,
  withCornerText,
  withDistrict,
  withDistrictToggled,
  withDrawnCorners,
  withVariant,
  type MessageForm,
} from './message-form.ts';
import { createMessage, getMessage, stepMessage, updateMessage } from './messages-api.ts';
import { ProblemList } from './problem-list.tsx';
import { VariantTabs } from './variant-tabs.tsx';

const NO_LANGUAGES: MessageLanguages = { required: [], expected: [] };

interface MessageEditorProps {
  /** The stored draft being changed; a new message when absent. */
  readonly base?: PublicMessage;
  readonly initial: MessageForm;
  /** The incident a new message is about. */
  readonly incidentId?: string;
  /** After it was created, changed or submitted. */
  readonly onSaved: (message: PublicMessage) => void;
}

/**
 * The communicator's editor of a draft: what it is about, where and when, and the texts in each
 * language, with what blocks approval above, computed as they type.
 */
export function MessageEditor({
  base: initialBase,
  initial,
  incidentId,
  onSaved,
}: MessageEditorProps) {
  const { t, i18n } = useTranslation();
  const { api } = useAppServices();
  const timeZone = useCityTimeZone();
  const city = useConsoleStore((state) => state.city);
  const languages = city?.messageLanguages ?? NO_LANGUAGES;
  const districtCollection = useDistricts();
  const districts = districtChoices(districtCollection, i18n.language);
  const baseId = useId();
  const problemsId = useId();
  const [base, setBase] = useState<PublicMessage | undefined>(initialBase);
  // What was typed into a stored draft and not saved, before a reload or a move to another
  // screen, comes back. (A new message is not kept: the next one may start somewhere else.)
  const draftKey = `message:${initialBase?.id ?? 'new'}`;
  const [kept] = useState(() =>
    initialBase === undefined
      ? undefined
      : readKeptDraft(draftKey, { on: initialBase.updatedAt, form: initial }, mergeMessageForms),
  );
  const [form, setForm] = useState<MessageForm>(kept ?? initial);
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState('');
  const [notice, setNotice] = useState(kept === undefined ? '' : t('messages.restored'));
  const storedForm = useMemo(
    () => (base === undefined ? initial : toMessageForm(base, timeZone)),
    [base, initial, timeZone],
  );
  useKeptDraft(
    draftKey,
    { on: base?.updatedAt ?? '', base: storedForm },
    form,
    base !== undefined && messageChanges(base, form, timeZone) !== null,
  );
  const problems = messageProblems(formFields(form, timeZone), languages);
  const blocking = problems.filter((problem) => problem.blocking).length;
  const badTimes = unreadableTimes(form, timeZone);
  const areaProblem = areaDrawingProblem(form);

  const change = (next: Partial<MessageForm>): void => {
    setForm((current) => ({ ...current, ...next }));
    setNotice('');
  };

  /** Stores the form; the stored version, or null when it failed (the alert says why). */
  async function save(): Promise<PublicMessage | null> {
    if (badTimes.length > 0) {
      setAlert(t('messages.timeUnreadable'));
      return null;
    }
    if (areaProblem !== null) {
      setAlert(areaDrawingProblemText(areaProblem, t));
      return null;
    }
    if (base === undefined) {
      const result = await createMessage(api, toCreateMessageRequest(form, timeZone, incidentId));
      if (result.outcome === 'ok') return result.body;
      setAlert(failureText(result, t));
      return null;
    }
    const changes = messageChanges(base, form, timeZone);
    if (changes === null) return base;
    const result = await updateMessage(api, base.id, {
      changes,
      expectedUpdatedAt: base.updatedAt,
    });
    if (result.outcome === 'ok') return result.body;
    if (result.outcome === 'rejected' && result.status === 409) {
      // Someone else changed it: build on its new state. What was typed is kept, and the fields
      // left alone take the other change, so saving again does not undo it.
      const reloaded = await getMessage(api, base.id);
      const latest = reloaded.outcome === 'ok' ? reloaded.body.versions[0] : undefined;
      let merged = '';
      if (latest !== undefined) {
        const { draft, bothChanged } = mergeMessageFormsNaming(
          toMessageForm(base, timeZone),
          form,
          toMessageForm(latest, timeZone),
        );
        setForm(draft);
        setBase(latest);
        merged = mergeNotice(
          t,
          i18n.language,
          bothChanged.flatMap((field) => fieldLabel(field, t) ?? []),
        );
      }
      setAlert(`${t('messages.changedElsewhere', { message: result.message })} ${merged}`.trim());
      return null;
    }
    setAlert(failureText(result, t));
    return null;
  }

  async function onSave(): Promise<void> {
    if (busy) return;
    setBusy(true);
    setAlert('');
    const saved = await save();
    setBusy(false);
    if (saved === null) return;
    setBase(saved);
    setForm(toMessageForm(saved, timeZone));
    setNotice(t(base === undefined ? 'messages.created' : 'messages.saved'));
    onSaved(saved);
  }

  async function onSubmit(): Promise<void> {
    if (busy || blocking > 0) return;
    setBusy(true);
    setAlert('');
    const saved = await save();
    if (saved === null) return setBusy(false);
    setBase(saved);
    const result = await stepMessage(api, saved.id, 'submit', {
      expectedUpdatedAt: saved.updatedAt,
    });
    setBusy(false);
    if (result.outcome !== 'ok') {
      setAlert(failureText(result, t));
      onSaved(saved);
      return;
    }
    onSaved(result.body);
  }

  const capSelect = (field: 'urgency' | 'severity' | 'certainty', values: readonly string[]) => (
    <FormField
      controlId={`${baseId}-${field}`}
      label={t(`messages.cap.${field}.label`)}
      hint={t(`messages.cap.${field}.hint`)}
    >
      <select
        id={`${baseId}-${field}`}
        className="input"
        value={form[field]}
        aria-describedby={`${baseId}-${field}-hint`}
        onChange={(event) => change({ [field]: event.target.value })}
      >
        {values.map((value) => (
          <option key={value} value={value}>
            {t(`messages.cap.${field}.${value}` as 'messages.cap.urgency.Immediate')}
          </option>
        ))}
      </select>
    </FormField>
  );

  return (
    <form
      className="message-editor"
      data-testid="message-editor"
      aria-busy={busy}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void onSave();
      }}
    >
      <p className="form-alert" role="alert" data-testid="message-alert">
        {alert}
      </p>
      <p className="admin-list__notice" role="status" data-testid="message-notice">
        {notice}
      </p>
      <ProblemList problems={problems} id={problemsId} />
      <div className="message-editor__columns">
        <div className="message-editor__general">
          <FormField controlId={`${baseId}-category`} label={t('messages.category')}>
            <select
              id={`${baseId}-category`}
              className="input"
              value={form.category}
              onChange={(event) =>
                change({ category: event.target.value as MessageForm['category'] })
              }
            >
              {(city?.categories ?? [form.category]).map((category) => (
                <option key={category} value={category}>
                  {t(`category.${category}`)}
                </option>
              ))}
            </select>
          </FormField>
          {capSelect('urgency', Object.values(MessageUrgency))}
          {capSelect('severity', Object.values(MessageSeverity))}
          {capSelect('certainty', Object.values(MessageCertainty))}
          <fieldset className="message-editor__area">
            <legend>{t('messages.area.legend')}</legend>
            <TextField
              controlId={`${baseId}-area`}
              label={t('messages.area.description')}
              maxLength={500}
              value={form.area.description}
              onChange={(description) => change({ area: { ...form.area, description } })}
            />
            {districts.length === 0 ? (
              <p className="form-field__hint">{t('messages.area.noDistricts')}</p>
            ) : (
              <div
                className="message-editor__districts"
                role="group"
                aria-label={t('messages.area.districts')}
              >
                {districts.map((district) => (
                  <label key={district.id} className="checkbox">
                    <input
                      type="checkbox"
                      checked={form.area.districtIds.includes(district.id)}
                      onChange={(event) =>
                        change(withDistrict(form, district.id, event.target.checked))
                      }
                    />
                    {district.name}
                  </label>
                ))}
              </div>
            )}
            <AreaDrawing
              districts={districtCollection}
              chosenDistrictIds={form.area.districtIds}
              corners={form.corners}
              cornerText={form.cornerText}
              problem={areaProblem}
              onCorners={(corners) => change(withDrawnCorners(form, corners))}
              onCornerText={(text) => change(withCornerText(form, text))}
              onToggleDistrict={(districtId) => change(withDistrictToggled(form, districtId))}
            />
          </fieldset>
          {(['effective', 'expires'] as const).map((field) => (
            <FormField
              key={field}
              controlId={`${baseId}-${field}`}
              label={t(`messages.${field}`)}
              hint={t('messages.timeHint', { timeZone })}
              error={badTimes.includes(field) ? t('messages.timeUnreadable') : undefined}
            >
              <input
                id={`${baseId}-${field}`}
                className="input"
                type="datetime-local"
                value={form[field]}
                aria-invalid={badTimes.includes(field)}
                aria-describedby={`${baseId}-${field}-hint`}
                onChange={(event) => change({ [field]: event.target.value })}
              />
            </FormField>
          ))}
          <TextField
            controlId={`${baseId}-issuer`}
            label={t('messages.issuer')}
            maxLength={200}
            value={form.issuer}
            onChange={(issuer) => change({ issuer })}
          />
          <TextField
            controlId={`${baseId}-link`}
            label={t('messages.link')}
            optionalLabel={t('messages.optional')}
            verbatim
            maxLength={500}
            value={form.link}
            onChange={(link) => change({ link })}
          />
          <label className="checkbox">
            <input
              type="checkbox"
              checked={form.exercise}
              onChange={(event) => change({ exercise: event.target.checked })}
            />
            {t('messages.exercise')}
          </label>
        </div>
        <VariantTabs
          variants={form.variants}
          languages={languages}
          problems={problems}
          onChange={(variant) => change(withVariant(form, variant))}
          onAdd={(language) => change(withLanguage(form, language))}
          onRemove={(language) => change(withoutLanguage(form, language))}
        />
      </div>
      <div className="admin-form__actions">
        <button type="submit" className="button" disabled={busy}>
          {base === undefined ? t('messages.create') : t('messages.save')}
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={busy || blocking > 0}
          aria-describedby={blocking > 0 ? problemsId : undefined}
          onClick={() => void onSubmit()}
        >
          {t('messages.submit')}
        </button>
        {blocking > 0 && (
          <span className="message-editor__blocked" data-testid="submit-blocked">
            {t('messages.submitBlocked', { blocking })}
          </span>
        )}
        {approvable(problems) && busy && <span>{t('messages.saving')}</span>}
      </div>
    </form>
  );
}

/** A form field by the label the editor shows it with; the corners go with the area. */
function fieldLabel(field: keyof MessageForm, t: TFunction): string | undefined {
  switch (field) {
    case 'category':
    case 'issuer':
    case 'link':
    case 'exercise':
    case 'effective':
    case 'expires':
      return t(`messages.${field}`);
    case 'urgency':
    case 'severity':
    case 'certainty':
      return t(`messages.cap.${field}.label`);
    case 'area':
    case 'corners':
      return t('messages.area.legend');
    case 'variants':
      return t('messages.textsField');
    case 'cornerText':
      return undefined;
  }
}

/** Two people's changes of a message form, field by field, its texts language by language. */
function mergeMessageFormsNaming(base: MessageForm, mine: MessageForm, theirs: MessageForm) {
  return mergeDraft(base, mine, theirs, {
    variants: mergeListById(
      (variant) => variant.language,
      (variant) => variant,
    ),
  });
}

function mergeMessageForms(base: MessageForm, mine: MessageForm, theirs: MessageForm): MessageForm {
  return mergeMessageFormsNaming(base, mine, theirs).draft;
}
