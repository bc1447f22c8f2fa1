import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  LANGUAGES,
  MESSAGE_LIMITS,
  type Language,
  type MessageLanguages,
  type MessageProblem,
  type MessageVariant,
} from '@vaka/domain';
import { describedBy, FormField } from '../../components/form-field.tsx';
import { LANGUAGE_NAMES } from '../../i18n/i18n.ts';
import { languageDuty, orderedVariants } from './message-form.ts';
import {
  characterCounter,
  characterCounterText,
  smsCounter,
  smsCounterText,
} from './message-text.ts';

interface VariantTabsProps {
  readonly variants: readonly MessageVariant[];
  readonly languages: MessageLanguages;
  readonly problems: readonly MessageProblem[];
  readonly onChange: (variant: MessageVariant) => void;
  readonly onAdd: (language: Language) => void;
  readonly onRemove: (language: Language) => void;
}

/** The message in each language, one tab each: required ones first and marked. */
export function VariantTabs({
  variants,
  languages,
  problems,
  onChange,
  onAdd,
  onRemove,
}: VariantTabsProps) {
  const { t } = useTranslation();
  const baseId = useId();
  const ordered = orderedVariants(variants, languages);
  const [chosen, setChosen] = useState<Language | null>(null);
  const current = ordered.find((variant) => variant.language === chosen) ?? ordered[0];
  const tabRefs = useRef(new Map<Language, HTMLButtonElement>());
  const missing = LANGUAGES.filter((language) => !variants.some((v) => v.language === language));
  const [adding, setAdding] = useState<Language | ''>('');

  function onTabKey(event: KeyboardEvent<HTMLButtonElement>, index: number): void {
    const offset = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (offset === 0) return;
    event.preventDefault();
    const next = ordered[(index + offset + ordered.length) % ordered.length];
    if (next === undefined) return;
    setChosen(next.language);
    tabRefs.current.get(next.language)?.focus();
  }

  const dutyText = (language: Language): string => {
    const duty = languageDuty(language, languages);
    return duty === 'other' ? '' : t(`messages.languages.${duty}`);
  };

  return (
    <fieldset className="message-variants">
      <legend className="message-variants__legend">{t('messages.languages.legend')}</legend>
      <div
        role="tablist"
        className="message-variants__tabs"
        aria-label={t('messages.languages.legend')}
      >
        {ordered.map((variant, index) => {
          const selected = variant.language === current?.language;
          const troubled = problems.some(
            (problem) =>
              'language' in problem && problem.language === variant.language && problem.blocking,
          );
          const duty = dutyText(variant.language);
          return (
            <button
              key={variant.language}
              ref={(element) => {
                if (element === null) tabRefs.current.delete(variant.language);
                else tabRefs.current.set(variant.language, element);
              }}
              type="button"
              role="tab"
              id={`${baseId}-tab-${variant.language}`}
              aria-selected={selected}
              aria-controls={`${baseId}-panel`}
              tabIndex={selected ? 0 : -1}
              className="message-variants__tab"
              onClick={() => setChosen(variant.language)}
              onKeyDown={(event) => onTabKey(event, index)}
            >
              {LANGUAGE_NAMES[variant.language]}
              {duty !== '' && <span className="message-variants__duty"> ({duty})</span>}
              {troubled && (
                <span className="message-variants__trouble">
                  {' '}
                  <span aria-hidden="true">⚠</span>
                  <span className="visually-hidden">{t('messages.languages.hasProblems')}</span>
                </span>
              )}
            </button>
          );
        })}
      </div>
      {current === undefined ? (
        <p className="message-variants__empty">{t('messages.languages.none')}</p>
      ) : (
        <div
          role="tabpanel"
          id={`${baseId}-panel`}
          aria-labelledby={`${baseId}-tab-${current.language}`}
          className="message-variants__panel"
          lang={current.language}
        >
          <VariantFields
            key={current.language}
            variant={current}
            baseId={`${baseId}-${current.language}`}
            onChange={onChange}
          />
          <button
            type="button"
            className="button button--quiet button--small"
            onClick={() => {
              onRemove(current.language);
              setChosen(null);
            }}
          >
            {t('messages.languages.remove', { language: LANGUAGE_NAMES[current.language] })}
          </button>
        </div>
      )}
      {missing.length > 0 && (
        <div className="message-variants__add">
          <label htmlFor={`${baseId}-add`}>{t('messages.languages.addChoose')}</label>
          <select
            id={`${baseId}-add`}
            className="input"
            value={adding}
            onChange={(event) => setAdding(event.target.value as Language | '')}
          >
            <option value="">—</option>
            {missing.map((language) => {
              const duty = dutyText(language);
              return (
                <option key={language} value={language}>
                  {LANGUAGE_NAMES[language]}
                  {duty === '' ? '' : ` (${duty})`}
                </option>
              );
            })}
          </select>
          <button
            type="button"
            className="button button--small"
            disabled={adding === ''}
            onClick={() => {
              if (adding === '') return;
              onAdd(adding);
              setChosen(adding);
              setAdding('');
            }}
          >
            {t('messages.languages.add')}
          </button>
        </div>
      )}
    </fieldset>
  );
}

const LONG_FIELDS = [
  ['headline', MESSAGE_LIMITS.headline, 1],
  ['description', MESSAGE_LIMITS.description, 5],
  ['instruction', MESSAGE_LIMITS.instruction, 4],
] as const;

/** The texts of one language, each short rendition with its live counter. */
function VariantFields({
  variant,
  baseId,
  onChange,
}: {
  readonly variant: MessageVariant;
  readonly baseId: string;
  readonly onChange: (variant: MessageVariant) => void;
}) {
  const { t } = useTranslation();
  const sms = smsCounter(variant.sms);
  const push = characterCounter(variant.push, MESSAGE_LIMITS.push);
  const social = characterCounter(variant.social, MESSAGE_LIMITS.social);
  const renditions = [
    ['sms', smsCounterText(sms, t), sms.over, 3],
    ['push', characterCounterText(push, t), push.over, 2],
    ['social', characterCounterText(social, t), social.over, 3],
  ] as const;

  return (
    <div className="message-variant">
      {LONG_FIELDS.map(([field, limit, rows]) => (
        <FormField
          key={field}
          controlId={`${baseId}-${field}`}
          label={t(`messages.field.${field}`)}
        >
          {rows === 1 ? (
            <input
              id={`${baseId}-${field}`}
              className="input"
              maxLength={limit}
              value={variant[field]}
              onChange={(event) => onChange({ ...variant, [field]: event.target.value })}
            />
          ) : (
            <textarea
              id={`${baseId}-${field}`}
              className="input"
              rows={rows}
              maxLength={limit}
              value={variant[field]}
              onChange={(event) => onChange({ ...variant, [field]: event.target.value })}
            />
          )}
        </FormField>
      ))}
      {renditions.map(([field, counterText, over, rows]) => {
        const controlId = `${baseId}-${field}`;
        return (
          <div key={field} className="form-field">
            <label className="form-field__label" htmlFor={controlId}>
              {t(`messages.field.${field}`)}
            </label>
            <textarea
              id={controlId}
              className="input"
              rows={rows}
              maxLength={2_000}
              value={variant[field]}
              aria-invalid={over}
              aria-describedby={describedBy(controlId, counterText)}
              onChange={(event) => onChange({ ...variant, [field]: event.target.value })}
            />
            <p
              id={`${controlId}-hint`}
              className={over ? 'message-counter message-counter--over' : 'message-counter'}
              data-testid={`counter-${field}`}
              aria-live="polite"
            >
              {over && <span aria-hidden="true">⚠ </span>}
              {counterText}
            </p>
          </div>
        );
      })}
    </div>
  );
}
