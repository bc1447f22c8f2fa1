import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HandoverStatus, type Handover } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import { describedBy, FormField } from '../../components/form-field.tsx';
import { failureText } from '../../lib/failure-text.ts';
import { mergeNotice } from '../admin/merge-notice.ts';
import { getHandover, updateHandover } from './handover-api.ts';
import { followLatest, mergeNotes, type NotesEditor } from './handover-logic.ts';

/** The longest the notes may be, as the contract has it. */
const NOTES_MAX_LENGTH = 20_000;

/**
 * The outgoing duty officer's free notes on a draft handover, saved with Save. A newer version
 * arriving live is taken in unless someone else changed the notes while these are typed; a save
 * refused because someone saved first merges with theirs, keeping what was typed here.
 */
export function HandoverNotes({
  handover,
  onSaved,
}: {
  readonly handover: Handover;
  readonly onSaved: (handover: Handover) => void;
}) {
  const { t, i18n } = useTranslation();
  const { api } = useAppServices();
  const controlId = useId();
  const [editor, setEditor] = useState<NotesEditor>({ base: handover, notes: handover.notes });
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState('');
  const [notice, setNotice] = useState('');

  // A newer version from outside (live, or a step elsewhere on the page) is taken in as it
  // renders, the way React adjusts state to a changed prop.
  const [seen, setSeen] = useState(handover);
  if (seen !== handover) {
    setSeen(handover);
    setEditor(followLatest(editor, handover));
  }

  async function mergeWithTheirs(message: string): Promise<void> {
    const reloaded = await getHandover(api, editor.base.id);
    if (reloaded.outcome !== 'ok' || reloaded.body.status !== HandoverStatus.draft) {
      setAlert(t('handover.changedElsewhere', { message }));
      if (reloaded.outcome === 'ok') onSaved(reloaded.body);
      return;
    }
    const merged = mergeNotes(editor, reloaded.body);
    setEditor(merged.editor);
    onSaved(reloaded.body);
    const labels = merged.bothChanged ? [t('handover.notesField')] : [];
    setAlert(
      `${t('handover.changedElsewhere', { message })} ${mergeNotice(t, i18n.language, labels)}`,
    );
  }

  async function save(): Promise<void> {
    if (busy) return;
    setAlert('');
    setNotice('');
    if (editor.notes === editor.base.notes) return setNotice(t('handover.nothingChanged'));
    setBusy(true);
    const result = await updateHandover(api, editor.base.id, {
      expectedUpdatedAt: editor.base.updatedAt,
      notes: editor.notes,
    });
    if (result.outcome === 'ok') {
      setEditor({ base: result.body, notes: result.body.notes });
      setNotice(t('handover.saved'));
      onSaved(result.body);
    } else if (result.outcome === 'rejected' && result.status === 409) {
      await mergeWithTheirs(result.message);
    } else {
      setAlert(failureText(result, t));
    }
    setBusy(false);
  }

  return (
    <form
      className="handover-notes"
      aria-busy={busy}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <p className="form-alert" role="alert" data-testid="handover-notes-alert">
        {alert}
      </p>
      <FormField controlId={controlId} label={t('handover.notes')} hint={t('handover.notesHint')}>
        <textarea
          id={controlId}
          className="input handover-notes__text"
          rows={8}
          maxLength={NOTES_MAX_LENGTH}
          value={editor.notes}
          aria-describedby={describedBy(controlId, t('handover.notesHint'))}
          data-testid="handover-notes"
          onChange={(event) => {
            const notes = event.target.value;
            setEditor((current) => ({ ...current, notes }));
            setNotice('');
          }}
        />
      </FormField>
      <div className="admin-form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('handover.saving') : t('handover.save')}
        </button>
        <p className="admin-list__notice" role="status" data-testid="handover-notes-notice">
          {notice}
        </p>
      </div>
    </form>
  );
}
