import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '@vaka/domain';
import { describedBy, FormField } from '../../components/form-field.tsx';
import { moveRow } from '../units/unit-draft.ts';
import { buttonAfterMove, RowOrderButtons, useFocusAfterRender } from './ordered-rows.tsx';
import {
  emptyLayerDraft,
  emptyRestrictionDraft,
  participantDraft,
  ROTATION_KINDS,
  SCHEDULE_LIMITS,
  WEEKDAYS,
  type LayerDraft,
  type RestrictionDraft,
  type RotationKind,
} from './schedule-draft.ts';
import { weekdayName, weekdayOfDate } from './shift-time.ts';

interface LayerRowsProps {
  readonly baseId: string;
  readonly layers: readonly LayerDraft[];
  /** The unit's contacts, the people a rotation can name. */
  readonly contacts: readonly Contact[];
  /** The start date of a new rotation: today in the schedule's time zone. */
  readonly today: string;
  /** The message of a field by its name, e.g. `layers[0].handoffTime`; undefined when none. */
  readonly errorOf: (field: string) => string | undefined;
  /**
   * The new rotations; `changedFields` are the fields whose messages no longer fit, or absent
   * when rows moved, came or went and every message must go (their numbers changed).
   */
  readonly onChange: (layers: LayerDraft[], changedFields?: readonly string[]) => void;
}

/** A schedule's rotations in order, each with its participants and time windows, by keyboard. */
export function LayerRows({ baseId, layers, contacts, today, errorOf, onChange }: LayerRowsProps) {
  const { t } = useTranslation();
  const focusAfterRender = useFocusAfterRender();
  const addId = `${baseId}-add-layer`;
  const layerId = (layer: LayerDraft): string => `${baseId}-layer-${layer.key}`;

  function setLayer(index: number, layer: LayerDraft, ...fields: string[]): void {
    onChange(
      layers.map((current, at) => (at === index ? layer : current)),
      fields.length === 0 ? undefined : fields.map((field) => `layers[${index}]${field}`),
    );
  }

  function move(layer: LayerDraft, index: number, offset: -1 | 1): void {
    onChange(moveRow(layers, layer.key, offset));
    const button = buttonAfterMove(index + offset, layers.length, offset);
    focusAfterRender(`${layerId(layer)}-${button}`);
  }

  function remove(index: number): void {
    const remaining = layers.filter((_, at) => at !== index);
    onChange(remaining);
    const next = remaining[Math.min(index, remaining.length - 1)];
    focusAfterRender(next === undefined ? addId : `${layerId(next)}-rotation`);
  }

  function add(): void {
    const layer = emptyLayerDraft(today);
    onChange([...layers, layer]);
    focusAfterRender(`${layerId(layer)}-rotation`);
  }

  return (
    <fieldset className="schedule-layers" aria-describedby={`${baseId}-layers-hint`}>
      <legend className="form-field__label">{t('schedules.layers')}</legend>
      <p id={`${baseId}-layers-hint`} className="form-field__hint">
        {layers.length === 0 ? t('schedules.noLayers') : t('schedules.layersHint')}
      </p>
      {errorOf('layers') !== undefined && <p className="form-field__error">{errorOf('layers')}</p>}
      <ol className="schedule-layers__list">
        {layers.map((layer, index) => (
          <li key={layer.key} data-testid="schedule-layer">
            <LayerFields
              id={layerId(layer)}
              index={index}
              count={layers.length}
              layer={layer}
              contacts={contacts}
              errorOf={(field) => errorOf(`layers[${index}]${field}`)}
              onChange={(next, ...fields) => setLayer(index, next, ...fields)}
              onRowsChange={(next) => onChange(layers.map((l, at) => (at === index ? next : l)))}
              onMove={(offset) => move(layer, index, offset)}
              onRemove={() => remove(index)}
            />
          </li>
        ))}
      </ol>
      {layers.length < SCHEDULE_LIMITS.layers && (
        <div>
          <button id={addId} type="button" className="button button--quiet" onClick={add}>
            {t('schedules.addLayer')}
          </button>
        </div>
      )}
    </fieldset>
  );
}

interface LayerFieldsProps {
  readonly id: string;
  readonly index: number;
  readonly count: number;
  readonly layer: LayerDraft;
  readonly contacts: readonly Contact[];
  /** The message of a field of this rotation, e.g. `.handoffTime`, `.participants[1]`. */
  readonly errorOf: (field: string) => string | undefined;
  /** A field changed; its message and those of `fields` go. */
  onChange(layer: LayerDraft, ...fields: string[]): void;
  /** Participants or windows moved, came or went: every message goes. */
  onRowsChange(layer: LayerDraft): void;
  onMove(offset: -1 | 1): void;
  onRemove(): void;
}

function LayerFields({
  id,
  index,
  count,
  layer,
  contacts,
  errorOf,
  onChange,
  onRowsChange,
  onMove,
  onRemove,
}: LayerFieldsProps) {
  const { t, i18n } = useTranslation();
  const number = index + 1;
  const control = (
    name: string,
    field: string,
  ): { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined } => ({
    id: `${id}-${name}`,
    'aria-invalid': errorOf(field) !== undefined,
    'aria-describedby': describedBy(`${id}-${name}`, undefined, errorOf(field)),
  });
  const startWeekday = weekdayOfDate(layer.startsAt);

  return (
    <fieldset className="schedule-layer">
      <legend className="schedule-layer__legend">{t('schedules.layerNumber', { number })}</legend>
      {errorOf('') !== undefined && <p className="form-field__error">{errorOf('')}</p>}
      <div className="schedule-layer__fields">
        <FormField
          controlId={`${id}-rotation`}
          label={t('schedules.rotation')}
          error={errorOf('.shift')}
        >
          <select
            {...control('rotation', '.shift')}
            className="input"
            value={layer.rotation}
            onChange={(event) =>
              onChange(
                { ...layer, rotation: event.target.value as RotationKind },
                '.shift',
                '.shift.hours',
                '.handoffWeekday',
              )
            }
          >
            {ROTATION_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`schedules.rotationKind.${kind}`)}
              </option>
            ))}
          </select>
        </FormField>
        {layer.rotation === 'hours' && (
          <FormField
            controlId={`${id}-hours`}
            label={t('schedules.hours')}
            error={errorOf('.shift.hours')}
          >
            <input
              {...control('hours', '.shift.hours')}
              className="input"
              type="number"
              inputMode="numeric"
              min={1}
              max={SCHEDULE_LIMITS.hours}
              required
              value={layer.hours}
              onChange={(event) =>
                onChange({ ...layer, hours: event.target.value }, '.shift.hours')
              }
            />
          </FormField>
        )}
        <FormField
          controlId={`${id}-handoff-time`}
          label={t('schedules.handoffTime')}
          error={errorOf('.handoffTime')}
        >
          <input
            {...control('handoff-time', '.handoffTime')}
            className="input"
            type="time"
            required
            value={layer.handoffTime}
            onChange={(event) =>
              onChange({ ...layer, handoffTime: event.target.value }, '.handoffTime')
            }
          />
        </FormField>
        {layer.rotation === 'weekly' && (
          <FormField
            controlId={`${id}-handoff-weekday`}
            label={t('schedules.handoffWeekday')}
            error={errorOf('.handoffWeekday')}
          >
            <select
              {...control('handoff-weekday', '.handoffWeekday')}
              className="input"
              value={layer.handoffWeekday ?? ''}
              onChange={(event) =>
                onChange(
                  {
                    ...layer,
                    handoffWeekday: event.target.value === '' ? null : Number(event.target.value),
                  },
                  '.handoffWeekday',
                )
              }
            >
              <option value="">
                {startWeekday === null
                  ? t('schedules.startWeekday')
                  : t('schedules.startWeekdayNamed', {
                      weekday: weekdayName(startWeekday, i18n.language, 'long'),
                    })}
              </option>
              {WEEKDAYS.map((weekday) => (
                <option key={weekday} value={weekday}>
                  {weekdayName(weekday, i18n.language, 'long')}
                </option>
              ))}
            </select>
          </FormField>
        )}
        <FormField
          controlId={`${id}-starts-at`}
          label={t('schedules.startsAt')}
          error={errorOf('.startsAt')}
        >
          <input
            {...control('starts-at', '.startsAt')}
            className="input"
            type="date"
            required
            value={layer.startsAt}
            onChange={(event) => onChange({ ...layer, startsAt: event.target.value }, '.startsAt')}
          />
        </FormField>
      </div>
      <ParticipantRows
        id={id}
        layerNumber={number}
        layer={layer}
        contacts={contacts}
        errorOf={errorOf}
        onRowsChange={onRowsChange}
      />
      <RestrictionRows
        id={id}
        layerNumber={number}
        layer={layer}
        errorOf={errorOf}
        onChange={onChange}
        onRowsChange={onRowsChange}
      />
      <RowOrderButtons
        id={id}
        index={index}
        count={count}
        name={t('schedules.layerNumber', { number })}
        named
        onMove={onMove}
        onRemove={onRemove}
      />
    </fieldset>
  );
}

interface ParticipantRowsProps {
  readonly id: string;
  readonly layerNumber: number;
  readonly layer: LayerDraft;
  readonly contacts: readonly Contact[];
  readonly errorOf: (field: string) => string | undefined;
  onRowsChange(layer: LayerDraft): void;
}

/** The people of a rotation in turn: chosen from the unit's contacts, moved and removed. */
function ParticipantRows({
  id,
  layerNumber,
  layer,
  contacts,
  errorOf,
  onRowsChange,
}: ParticipantRowsProps) {
  const { t } = useTranslation();
  const focusAfterRender = useFocusAfterRender();
  const [choice, setChoice] = useState('');
  const names = new Map(contacts.map((contact) => [contact.id, contact.name]));
  const chosen = new Set(layer.participants.map((participant) => participant.contactId));
  // Offered first: whoever is not in the rotation yet.
  const offered =
    choice !== '' && names.has(choice)
      ? choice
      : (contacts.find((contact) => !chosen.has(contact.id)) ?? contacts[0])?.id;
  const selectId = `${id}-participant-choice`;
  const listError = errorOf('.participants');
  const participants = layer.participants;

  function add(): void {
    if (offered === undefined) return;
    onRowsChange({ ...layer, participants: [...participants, participantDraft(offered)] });
    setChoice('');
  }

  function move(key: string, index: number, offset: -1 | 1): void {
    onRowsChange({ ...layer, participants: moveRow(participants, key, offset) });
    const button = buttonAfterMove(index + offset, participants.length, offset);
    focusAfterRender(`${id}-participant-${key}-${button}`);
  }

  function remove(index: number): void {
    const remaining = participants.filter((_, at) => at !== index);
    onRowsChange({ ...layer, participants: remaining });
    const next = remaining[Math.min(index, remaining.length - 1)];
    focusAfterRender(next === undefined ? selectId : `${id}-participant-${next.key}-remove`);
  }

  return (
    <fieldset
      className="schedule-layer__group"
      aria-describedby={listError === undefined ? undefined : `${id}-participants-error`}
    >
      <legend className="form-field__label">
        {t('schedules.participants', { number: layerNumber })}
      </legend>
      {listError !== undefined && (
        <p className="form-field__error" id={`${id}-participants-error`}>
          {listError}
        </p>
      )}
      <ol className="ordered-rows">
        {participants.map((participant, index) => {
          const name = names.get(participant.contactId) ?? t('schedules.unknownContact');
          const error = errorOf(`.participants[${index}]`);
          return (
            <li key={participant.key} className="ordered-row" data-testid="schedule-participant">
              <span className="ordered-row__name">
                <span className="ordered-row__number">{index + 1}.</span> {name}
              </span>
              <RowOrderButtons
                id={`${id}-participant-${participant.key}`}
                index={index}
                count={participants.length}
                name={name}
                onMove={(offset) => move(participant.key, index, offset)}
                onRemove={() => remove(index)}
              />
              {error !== undefined && <p className="form-field__error">{error}</p>}
            </li>
          );
        })}
      </ol>
      {contacts.length === 0 ? (
        <p className="form-field__hint">{t('schedules.noContacts')}</p>
      ) : (
        participants.length < SCHEDULE_LIMITS.participants && (
          <div className="ordered-rows__add">
            <FormField controlId={selectId} label={t('schedules.participantChoice')}>
              <select
                id={selectId}
                className="input"
                value={offered ?? ''}
                onChange={(event) => setChoice(event.target.value)}
                onKeyDown={(event) => {
                  // Enter adds the chosen person, as the button beside it does.
                  if (event.key !== 'Enter') return;
                  event.preventDefault();
                  add();
                }}
              >
                {contacts.map((contact) => (
                  <option key={contact.id} value={contact.id}>
                    {contact.name}
                  </option>
                ))}
              </select>
            </FormField>
            <button
              type="button"
              className="button button--quiet"
              aria-label={t('schedules.addParticipantLabel', { number: layerNumber })}
              onClick={add}
            >
              {t('schedules.addParticipant')}
            </button>
          </div>
        )
      )}
    </fieldset>
  );
}

interface RestrictionRowsProps {
  readonly id: string;
  readonly layerNumber: number;
  readonly layer: LayerDraft;
  readonly errorOf: (field: string) => string | undefined;
  onChange(layer: LayerDraft, ...fields: string[]): void;
  onRowsChange(layer: LayerDraft): void;
}

/** The windows of the week a rotation is limited to; none means it always applies. */
function RestrictionRows({
  id,
  layerNumber,
  layer,
  errorOf,
  onChange,
  onRowsChange,
}: RestrictionRowsProps) {
  const { t, i18n } = useTranslation();
  const focusAfterRender = useFocusAfterRender();
  const addId = `${id}-add-window`;
  const restrictions = layer.restrictions;

  function setRestriction(index: number, restriction: RestrictionDraft, field: string): void {
    onChange(
      {
        ...layer,
        restrictions: restrictions.map((current, at) => (at === index ? restriction : current)),
      },
      `.restrictions[${index}].${field}`,
      `.restrictions[${index}]`,
    );
  }

  function add(): void {
    const restriction = emptyRestrictionDraft();
    onRowsChange({ ...layer, restrictions: [...restrictions, restriction] });
    focusAfterRender(`${id}-window-${restriction.key}-weekday-1`);
  }

  function remove(index: number): void {
    onRowsChange({ ...layer, restrictions: restrictions.filter((_, at) => at !== index) });
    focusAfterRender(addId);
  }

  return (
    <fieldset className="schedule-layer__group" aria-describedby={`${id}-windows-hint`}>
      <legend className="form-field__label">
        {t('schedules.windows', { number: layerNumber })}
        <span className="form-field__optional"> ({t('schedules.optional')})</span>
      </legend>
      <p className="form-field__hint" id={`${id}-windows-hint`}>
        {restrictions.length === 0 ? t('schedules.noWindows') : t('schedules.windowsHint')}
      </p>
      {restrictions.map((restriction, index) => {
        const windowId = `${id}-window-${restriction.key}`;
        const field = `.restrictions[${index}]`;
        const weekdaysError = errorOf(`${field}.weekdays`);
        const rowError = errorOf(field);
        return (
          <fieldset key={restriction.key} className="schedule-window" data-testid="schedule-window">
            <legend className="visually-hidden">
              {t('schedules.windowNumber', { number: index + 1 })}
            </legend>
            <div
              className="schedule-window__weekdays"
              role="group"
              aria-label={t('schedules.windowWeekdays')}
              aria-describedby={
                weekdaysError === undefined ? undefined : `${windowId}-weekdays-error`
              }
            >
              {WEEKDAYS.map((weekday) => (
                <label key={weekday} className="checkbox">
                  <input
                    id={`${windowId}-weekday-${weekday}`}
                    type="checkbox"
                    aria-label={weekdayName(weekday, i18n.language, 'long')}
                    checked={restriction.weekdays.includes(weekday)}
                    onChange={(event) =>
                      setRestriction(
                        index,
                        {
                          ...restriction,
                          weekdays: event.target.checked
                            ? [...restriction.weekdays, weekday].sort((a, b) => a - b)
                            : restriction.weekdays.filter((day) => day !== weekday),
                        },
                        'weekdays',
                      )
                    }
                  />
                  <span aria-hidden="true">{weekdayName(weekday, i18n.language, 'short')}</span>
                </label>
              ))}
            </div>
            {weekdaysError !== undefined && (
              <p className="form-field__error" id={`${windowId}-weekdays-error`}>
                {weekdaysError}
              </p>
            )}
            <div className="schedule-window__times">
              <TimeField
                id={`${windowId}-start`}
                label={t('schedules.windowStart')}
                error={errorOf(`${field}.startTime`)}
                value={restriction.startTime}
                onChange={(startTime) =>
                  setRestriction(index, { ...restriction, startTime }, 'startTime')
                }
              />
              <TimeField
                id={`${windowId}-end`}
                label={t('schedules.windowEnd')}
                error={errorOf(`${field}.endTime`)}
                value={restriction.endTime}
                onChange={(endTime) =>
                  setRestriction(index, { ...restriction, endTime }, 'endTime')
                }
              />
              <button
                type="button"
                className="button button--danger-quiet button--small"
                aria-label={t('schedules.removeWindowLabel', { number: index + 1 })}
                onClick={() => remove(index)}
              >
                {t('schedules.order.remove')}
              </button>
            </div>
            {rowError !== undefined && <p className="form-field__error">{rowError}</p>}
          </fieldset>
        );
      })}
      {restrictions.length < SCHEDULE_LIMITS.restrictions && (
        <div>
          <button
            id={addId}
            type="button"
            className="button button--quiet button--small"
            aria-label={t('schedules.addWindowLabel', { number: layerNumber })}
            onClick={add}
          >
            {t('schedules.addWindow')}
          </button>
        </div>
      )}
    </fieldset>
  );
}

function TimeField({
  id,
  label,
  error,
  value,
  onChange,
}: {
  readonly id: string;
  readonly label: string;
  readonly error: string | undefined;
  readonly value: string;
  readonly onChange: (value: string) => void;
}) {
  return (
    <FormField controlId={id} label={label} error={error}>
      <input
        id={id}
        className="input"
        type="time"
        required
        value={value}
        aria-invalid={error !== undefined}
        aria-describedby={describedBy(id, undefined, error)}
        onChange={(event) => onChange(event.target.value)}
      />
    </FormField>
  );
}
