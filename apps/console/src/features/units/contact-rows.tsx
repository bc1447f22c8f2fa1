import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTACT_CHANNELS, LANGUAGES, type ContactChannel, type Language } from '@vaka/domain';
import { FormField, TextField } from '../../components/form-field.tsx';
import { LANGUAGE_NAMES } from '../../i18n/i18n.ts';
import { emptyContact, moveContact, UNIT_LIMITS, type ContactDraft } from './unit-draft.ts';

interface ContactRowsProps {
  readonly baseId: string;
  readonly contacts: readonly ContactDraft[];
  /** The message of a field by its name, e.g. `contacts[1].phone`; undefined when it has none. */
  readonly errorOf: (field: string) => string | undefined;
  readonly defaultLanguage: Language;
  readonly onChange: (contacts: ContactDraft[], changedField?: string) => void;
}

/** The unit's contacts in order: add, change, move and remove rows, all by keyboard. */
export function ContactRows({
  baseId,
  contacts,
  errorOf,
  defaultLanguage,
  onChange,
}: ContactRowsProps) {
  const { t } = useTranslation();
  const addRef = useRef<HTMLButtonElement>(null);
  // After a move, add or removal the focus goes where the person expects to go on from.
  const focusTarget = useRef<string | null>(null);
  const setFocusTarget = (target: string): void => {
    focusTarget.current = target;
  };

  useEffect(() => {
    const target = focusTarget.current;
    if (target === null) return;
    focusTarget.current = null;
    if (target === 'add') return addRef.current?.focus();
    document.getElementById(target)?.focus();
  });

  function setContact(index: number, field: keyof ContactDraft, value: string): void {
    onChange(
      contacts.map((contact, at) => (at === index ? { ...contact, [field]: value } : contact)),
      `contacts[${index}].${field}`,
    );
  }

  function move(contact: ContactDraft, offset: -1 | 1): void {
    const reordered = moveContact(contacts, contact.key, offset);
    onChange(reordered);
    const index = reordered.findIndex((candidate) => candidate.key === contact.key);
    // At the end of the list the other button is the one still there to press.
    const direction =
      (offset < 0 && index === 0) || (offset > 0 && index === reordered.length - 1)
        ? offset < 0
          ? 'down'
          : 'up'
        : offset < 0
          ? 'up'
          : 'down';
    setFocusTarget(`${baseId}-contact-${contact.key}-${direction}`);
  }

  function remove(index: number): void {
    const remaining = contacts.filter((_, at) => at !== index);
    onChange(remaining);
    const next = remaining[Math.min(index, remaining.length - 1)];
    setFocusTarget(next === undefined ? 'add' : `${baseId}-contact-${next.key}-name`);
  }

  function add(): void {
    const contact = emptyContact(defaultLanguage);
    onChange([...contacts, contact]);
    setFocusTarget(`${baseId}-contact-${contact.key}-name`);
  }

  return (
    <fieldset className="contact-rows">
      <legend className="form-field__label">{t('units.contacts')}</legend>
      {contacts.length === 0 && <p className="form-field__hint">{t('units.noContacts')}</p>}
      <ol className="contact-rows__list">
        {contacts.map((contact, index) => {
          const id = `${baseId}-contact-${contact.key}`;
          const field = `contacts[${index}]`;
          const rowError = errorOf(field);
          const label = contact.name.trim() === '' ? String(index + 1) : contact.name;
          return (
            <li key={contact.key} className="contact-row" data-testid="contact-row">
              <fieldset
                className="contact-row__fields"
                aria-describedby={rowError === undefined ? undefined : `${id}-row-error`}
              >
                <legend className="visually-hidden">
                  {t('units.contactNumber', { number: index + 1 })}
                </legend>
                <TextField
                  controlId={`${id}-name`}
                  label={t('units.contactName')}
                  error={errorOf(`${field}.name`)}
                  required
                  maxLength={UNIT_LIMITS.contactName}
                  value={contact.name}
                  onChange={(value) => setContact(index, 'name', value)}
                />
                <TextField
                  controlId={`${id}-phone`}
                  label={t('units.phone')}
                  error={errorOf(`${field}.phone`)}
                  type="tel"
                  maxLength={UNIT_LIMITS.phone}
                  value={contact.phone}
                  onChange={(value) => setContact(index, 'phone', value)}
                />
                <TextField
                  controlId={`${id}-email`}
                  label={t('units.email')}
                  error={errorOf(`${field}.email`)}
                  verbatim
                  maxLength={UNIT_LIMITS.email}
                  value={contact.email}
                  onChange={(value) => setContact(index, 'email', value)}
                />
                <TextField
                  controlId={`${id}-username`}
                  label={t('units.username')}
                  error={errorOf(`${field}.username`)}
                  verbatim
                  maxLength={UNIT_LIMITS.username}
                  value={contact.username}
                  onChange={(value) => setContact(index, 'username', value)}
                />
                <FormField controlId={`${id}-channel`} label={t('units.preferredChannel')}>
                  <select
                    id={`${id}-channel`}
                    className="input"
                    value={contact.preferredChannel}
                    onChange={(event) =>
                      setContact(index, 'preferredChannel', event.target.value as ContactChannel)
                    }
                  >
                    {CONTACT_CHANNELS.map((channel) => (
                      <option key={channel} value={channel}>
                        {t(`units.channel.${channel}`)}
                      </option>
                    ))}
                  </select>
                </FormField>
                <FormField controlId={`${id}-language`} label={t('units.contactLanguage')}>
                  <select
                    id={`${id}-language`}
                    className="input"
                    value={contact.language}
                    onChange={(event) =>
                      setContact(index, 'language', event.target.value as Language)
                    }
                  >
                    {LANGUAGES.map((language) => (
                      <option key={language} value={language}>
                        {LANGUAGE_NAMES[language]}
                      </option>
                    ))}
                  </select>
                </FormField>
              </fieldset>
              {rowError !== undefined && (
                <p className="form-field__error" id={`${id}-row-error`}>
                  {rowError}
                </p>
              )}
              <div className="contact-row__actions">
                <button
                  type="button"
                  className="button button--quiet button--small"
                  id={`${id}-up`}
                  aria-label={t('units.moveUpLabel', { name: label })}
                  disabled={index === 0}
                  onClick={() => move(contact, -1)}
                >
                  {t('units.moveUp')}
                </button>
                <button
                  type="button"
                  className="button button--quiet button--small"
                  id={`${id}-down`}
                  aria-label={t('units.moveDownLabel', { name: label })}
                  disabled={index === contacts.length - 1}
                  onClick={() => move(contact, 1)}
                >
                  {t('units.moveDown')}
                </button>
                <button
                  type="button"
                  className="button button--danger-quiet button--small"
                  aria-label={t('units.removeContactLabel', { name: label })}
                  onClick={() => remove(index)}
                >
                  {t('units.removeContact')}
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <div>
        <button ref={addRef} type="button" className="button button--quiet" onClick={add}>
          {t('units.addContact')}
        </button>
      </div>
    </fieldset>
  );
}
