import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { DistrictCollection } from '@vaka/domain';
import { FormField } from '../../components/form-field.tsx';
import { AreaMap } from './area-map.tsx';
import type { AreaMode } from './area-map-view.ts';
import { MAX_CORNERS, type Corner, type CornerLineError } from './area-polygon.ts';
import type { AreaDrawingProblem } from './message-form.ts';

interface AreaDrawingProps {
  readonly districts: DistrictCollection | null;
  readonly chosenDistrictIds: readonly string[];
  readonly corners: readonly Corner[];
  readonly cornerText: string;
  /** Why the drawn area cannot be saved as it is; null when it can. */
  readonly problem: AreaDrawingProblem | null;
  onCorners(corners: readonly Corner[]): void;
  onCornerText(text: string): void;
  /** A district clicked on the map: chosen when it was not, removed when it was. */
  onToggleDistrict(districtId: string): void;
}

/**
 * The area of a message on the map: districts chosen by clicking them, or a polygon drawn by its
 * corners, clicked on the map or typed a line each in a text field that follows the map both
 * ways, so that neither a mouse nor sight is needed (the districts have their checkboxes too).
 */
export function AreaDrawing({
  districts,
  chosenDistrictIds,
  corners,
  cornerText,
  problem,
  onCorners,
  onCornerText,
  onToggleDistrict,
}: AreaDrawingProps) {
  const { t } = useTranslation();
  const baseId = useId();
  const hintId = `${baseId}-hint`;
  const statusId = `${baseId}-status`;
  const textId = `${baseId}-corners`;
  const chosenId = `${baseId}-chosen`;
  // A stored area opens finished; a new one is ready for its first corner.
  const [drawing, setDrawing] = useState(() => corners.length === 0);
  // Most messages are about whole districts: a click chooses one, unless an area is drawn already.
  const [chosenMode, setMode] = useState<AreaMode>(() =>
    corners.length === 0 ? 'districts' : 'draw',
  );
  const [announcement, setAnnouncement] = useState('');
  const canChoose = (districts?.features.length ?? 0) > 0;
  const mode: AreaMode = canChoose ? chosenMode : 'draw';
  const nameOf = (districtId: string): string =>
    districts?.features.find((district) => district.properties.id === districtId)?.properties
      .name ?? districtId;
  const polygonProblem = problem?.kind === 'unreadableLines' ? null : problem;
  const lineErrors = problem?.kind === 'unreadableLines' ? problem.errors : [];
  const mayFinish = drawing && corners.length >= 3 && polygonProblem === null;

  const finish = (): void => {
    if (mayFinish) setDrawing(false);
  };

  const toggleDistrict = (districtId: string): void => {
    const district = nameOf(districtId);
    setAnnouncement(
      chosenDistrictIds.includes(districtId)
        ? t('messages.area.choosing.removed', { district })
        : t('messages.area.choosing.chosen', { district }),
    );
    onToggleDistrict(districtId);
  };

  return (
    <div className="message-area" data-testid="area-drawing">
      {canChoose && (
        <div
          className="message-area__modes"
          role="group"
          aria-label={t('messages.area.choosing.modes')}
        >
          {(['districts', 'draw'] as const).map((each) => (
            <button
              key={each}
              type="button"
              className="button button--small message-area__mode"
              aria-pressed={mode === each}
              onClick={() => setMode(each)}
            >
              {each === 'districts'
                ? t('messages.area.choosing.modeDistricts')
                : t('messages.area.choosing.modeDraw')}
            </button>
          ))}
        </div>
      )}
      <p className="form-field__hint" id={hintId}>
        {canChoose && (
          <>
            <strong data-testid="area-mode">
              {mode === 'districts'
                ? t('messages.area.choosing.nowDistricts')
                : t('messages.area.choosing.nowDraw')}
            </strong>{' '}
          </>
        )}
        {mode === 'districts'
          ? `${t('messages.area.choosing.hint')} ${t('messages.area.choosing.keyboardHint')}`
          : `${t('messages.area.drawing.hint')} ${t('messages.area.drawing.keyboardHint')}`}
      </p>
      <AreaMap
        districts={districts}
        chosenDistrictIds={chosenDistrictIds}
        corners={corners}
        drawing={drawing}
        mode={mode}
        describedBy={canChoose ? `${hintId} ${chosenId} ${statusId}` : `${hintId} ${statusId}`}
        onAddCorner={(corner) => {
          if (corners.length < MAX_CORNERS) onCorners([...corners, corner]);
        }}
        onFinish={finish}
        onToggleDistrict={toggleDistrict}
        onNoDistrict={() => setAnnouncement(t('messages.area.choosing.noneHere'))}
      />
      {canChoose && (
        <p className="message-area__status" id={chosenId} data-testid="area-chosen">
          {chosenDistrictIds.length === 0
            ? t('messages.area.choosing.noneChosen')
            : t('messages.area.choosing.chosenList', {
                districts: chosenDistrictIds.map(nameOf).join(', '),
              })}
        </p>
      )}
      <p className="message-area__announcement" aria-live="polite" data-testid="area-announcement">
        {announcement}
      </p>
      <div className="message-area__tools">
        {drawing || corners.length === 0 ? (
          <button
            type="button"
            className="button button--small"
            disabled={!mayFinish}
            onClick={finish}
          >
            {t('messages.area.drawing.finish')}
          </button>
        ) : (
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              setDrawing(true);
              setMode('draw');
            }}
          >
            {t('messages.area.drawing.drawMore')}
          </button>
        )}
        <button
          type="button"
          className="button button--small"
          disabled={corners.length === 0}
          onClick={() => {
            onCorners(corners.slice(0, -1));
            setDrawing(true);
            setMode('draw');
          }}
        >
          {t('messages.area.drawing.undo')}
        </button>
        <button
          type="button"
          className="button button--small"
          disabled={corners.length === 0 && cornerText.trim() === ''}
          onClick={() => {
            onCorners([]);
            setDrawing(true);
          }}
        >
          {t('messages.area.drawing.clear')}
        </button>
      </div>
      <p className="message-area__status" id={statusId} role="status" data-testid="area-status">
        <span data-testid="area-corner-count" data-count={corners.length}>
          {corners.length === 0
            ? t('messages.area.drawing.none')
            : t('messages.area.drawing.cornerCount', { count: corners.length })}
        </span>
        {corners.length > 0 && (
          <>
            {' · '}
            {drawing
              ? t('messages.area.drawing.stateDrawing')
              : t('messages.area.drawing.stateFinished')}
          </>
        )}
      </p>
      <p className="form-field__error" aria-live="polite" data-testid="area-problem">
        {polygonProblem === null ? '' : polygonProblemText(polygonProblem, t)}
      </p>
      <FormField
        controlId={textId}
        label={t('messages.area.drawing.cornersLabel')}
        hint={t('messages.area.drawing.cornersHint')}
      >
        <textarea
          id={textId}
          className="input message-area__corners"
          rows={Math.min(Math.max(corners.length + 1, 4), 10)}
          spellCheck={false}
          autoCapitalize="none"
          value={cornerText}
          aria-invalid={lineErrors.length > 0}
          aria-describedby={
            lineErrors.length > 0 ? `${textId}-hint ${textId}-errors` : `${textId}-hint`
          }
          onChange={(event) => onCornerText(event.target.value)}
        />
      </FormField>
      {lineErrors.length > 0 && (
        <ul className="form-field__error" id={`${textId}-errors`} data-testid="area-line-errors">
          {lineErrors.map((error) => (
            <li key={error.line}>{lineErrorText(error, t)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** What is wrong with the drawn polygon, as a sentence. */
export function polygonProblemText(
  problem: Exclude<AreaDrawingProblem, { kind: 'unreadableLines' }>,
  t: TFunction,
): string {
  switch (problem.kind) {
    case 'tooFew':
      return t('messages.area.drawing.tooFew');
    case 'tooMany':
      return t('messages.area.drawing.tooMany', { corners: problem.corners, max: MAX_CORNERS });
    case 'noArea':
      return t('messages.area.drawing.noArea');
    case 'selfIntersecting':
      return t('messages.area.drawing.selfIntersecting', {
        first: problem.sides[0],
        second: problem.sides[1],
      });
  }
}

/** What is wrong with one line of the corners field, naming the line. */
export function lineErrorText(error: CornerLineError, t: TFunction): string {
  switch (error.kind) {
    case 'notTwoNumbers':
      return t('messages.area.drawing.lineNotTwoNumbers', { line: error.line, text: error.text });
    case 'latitudeOutOfRange':
      return t('messages.area.drawing.lineLatitude', { line: error.line, value: error.value });
    case 'longitudeOutOfRange':
      return t('messages.area.drawing.lineLongitude', { line: error.line, value: error.value });
  }
}

/** Why the drawn area stops a save, as a sentence. */
export function areaDrawingProblemText(problem: AreaDrawingProblem, t: TFunction): string {
  const reason =
    problem.kind === 'unreadableLines'
      ? problem.errors.map((error) => lineErrorText(error, t)).join(' ')
      : polygonProblemText(problem, t);
  return t('messages.area.drawing.notSaved', { reason });
}
