import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Gives the focus, after the next render, to the element with an id (or to whatever `focus`
 * returns): after a row moves, is added or goes, the person goes on from where they expect.
 */
export function useFocusAfterRender(): (target: string | (() => HTMLElement | null)) => void {
  const pending = useRef<string | (() => HTMLElement | null) | null>(null);
  useEffect(() => {
    const target = pending.current;
    if (target === null) return;
    pending.current = null;
    const element = typeof target === 'string' ? document.getElementById(target) : target();
    element?.focus();
  });
  return (target) => {
    pending.current = target;
  };
}

/** Which of a moved row's buttons keeps the focus: at the end of the list only the other one can. */
export function buttonAfterMove(index: number, count: number, offset: -1 | 1): 'up' | 'down' {
  if (offset < 0) return index === 0 ? 'down' : 'up';
  return index === count - 1 ? 'up' : 'down';
}

interface RowOrderButtonsProps {
  /** The row's id; the buttons are `${id}-up`, `${id}-down` and `${id}-remove`. */
  readonly id: string;
  /** The row's place in the list, from 0. */
  readonly index: number;
  readonly count: number;
  /** How the buttons' labels name the row, e.g. "Anna" or "step 2". */
  readonly name: string;
  /** Says the row's name on the buttons too, where plain "Up" would not say which row. */
  readonly named?: boolean;
  onMove(offset: -1 | 1): void;
  onRemove(): void;
}

/** A row's Up, Down and Remove buttons, each saying which row it acts on. */
export function RowOrderButtons({
  id,
  index,
  count,
  name,
  named = false,
  onMove,
  onRemove,
}: RowOrderButtonsProps) {
  const { t } = useTranslation();
  const moveUp = t('schedules.order.moveUpLabel', { name });
  const moveDown = t('schedules.order.moveDownLabel', { name });
  const remove = t('schedules.order.removeLabel', { name });
  return (
    <div className="ordered-row__actions">
      <button
        type="button"
        className="button button--quiet button--small"
        id={`${id}-up`}
        aria-label={named ? undefined : moveUp}
        disabled={index === 0}
        onClick={() => onMove(-1)}
      >
        {named ? moveUp : t('schedules.order.moveUp')}
      </button>
      <button
        type="button"
        className="button button--quiet button--small"
        id={`${id}-down`}
        aria-label={named ? undefined : moveDown}
        disabled={index === count - 1}
        onClick={() => onMove(1)}
      >
        {named ? moveDown : t('schedules.order.moveDown')}
      </button>
      <button
        type="button"
        className="button button--danger-quiet button--small"
        id={`${id}-remove`}
        aria-label={named ? undefined : remove}
        onClick={onRemove}
      >
        {named ? remove : t('schedules.order.remove')}
      </button>
    </div>
  );
}
