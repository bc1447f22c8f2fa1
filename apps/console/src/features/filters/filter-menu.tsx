import { useDisclosure } from '../../components/use-disclosure.ts';

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
  const { open, panelId, rootProps, buttonProps } = useDisclosure();

  return (
    <div className="filter-menu" data-testid={testId} {...rootProps}>
      <button
        {...buttonProps}
        type="button"
        className={chosen.length > 0 ? 'filter-menu__button is-active' : 'filter-menu__button'}
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
