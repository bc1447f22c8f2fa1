import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';

export interface FilterChoice<T extends string> {
  readonly value: T;
  readonly label: string;
}

interface FilterMenuProps<T extends string> {
  /** What is filtered, e.g. "Severity". */
  readonly label: string;
  /** What is chosen, e.g. "any" or "Serious, Critical". */
  readonly summary: string;
  readonly choices: readonly FilterChoice<T>[];
  readonly chosen: readonly T[];
  onToggle(value: T): void;
  readonly testId: string;
}

/**
 * A compact filter: a button naming what is chosen, opening a list of checkboxes. Esc, a click
 * elsewhere or tabbing away closes it.
 */
export function FilterMenu<T extends string>({
  label,
  summary,
  choices,
  chosen,
  onToggle,
  testId,
}: FilterMenuProps<T>) {
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    if (!open) return;
    const closeOnOutsidePointer = (event: PointerEvent): void => {
      if (!(event.target instanceof Node) || rootRef.current?.contains(event.target) !== true) {
        setOpen(false);
      }
    };
    document.addEventListener('pointerdown', closeOnOutsidePointer);
    return () => document.removeEventListener('pointerdown', closeOnOutsidePointer);
  }, [open]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.key === 'Escape' && open) {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
      buttonRef.current?.focus();
    }
  }

  return (
    <div
      className="filter-menu"
      ref={rootRef}
      data-testid={testId}
      onKeyDown={onKeyDown}
      onBlur={(event) => {
        if (
          !(event.relatedTarget instanceof Node) ||
          !event.currentTarget.contains(event.relatedTarget)
        ) {
          setOpen(false);
        }
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className={chosen.length > 0 ? 'filter-menu__button is-active' : 'filter-menu__button'}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((current) => !current)}
      >
        <span className="filter-menu__label">{label}:</span>{' '}
        <span className="filter-menu__summary">{summary}</span>
        <span className="filter-menu__caret" aria-hidden="true" />
      </button>
      <fieldset id={panelId} className="filter-menu__panel" hidden={!open}>
        <legend className="visually-hidden">{label}</legend>
        {choices.map((choice) => (
          <label key={choice.value} className="filter-menu__choice">
            <input
              type="checkbox"
              checked={chosen.includes(choice.value)}
              onChange={() => onToggle(choice.value)}
            />
            {choice.label}
          </label>
        ))}
      </fieldset>
    </div>
  );
}
