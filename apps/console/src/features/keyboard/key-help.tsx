import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { KEY_BINDINGS, mayUse } from './keymap.ts';
import './keyboard.css';

interface KeyHelpProps {
  readonly mayUpdate: boolean;
  readonly mayReport: boolean;
  readonly onClose: () => void;
}

/** Every key of the duty officer's screen, in the person's language; Esc or ? closes it. */
export function KeyHelp({ mayUpdate, mayReport, onClose }: KeyHelpProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const dialogRef = useRef<HTMLDivElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const before = document.activeElement;
    closeRef.current?.focus();
    return () => {
      if (before instanceof HTMLElement && before.isConnected) before.focus();
    };
  }, []);

  // Focus stays in the list while it is open: Tab goes round its own controls.
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.key !== 'Tab') return;
    const focusable = dialogRef.current?.querySelectorAll<HTMLElement>('button, [tabindex="0"]');
    if (focusable === undefined || focusable.length === 0) return;
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first?.focus();
    }
  }

  const bindings = KEY_BINDINGS.filter((binding) =>
    mayUse(binding.audience, { mayUpdate, mayReport }),
  );

  return (
    <div className="key-help__backdrop" onClick={onClose}>
      <div
        ref={dialogRef}
        className="key-help"
        role="dialog"
        aria-modal="true"
        aria-labelledby={headingId}
        data-testid="key-help"
        onClick={(event) => event.stopPropagation()}
        onKeyDown={onKeyDown}
      >
        <header className="key-help__header">
          <h2 id={headingId} className="panel__title">
            {t('keys.heading')}
          </h2>
          <button
            ref={closeRef}
            type="button"
            className="button button--quiet button--small"
            onClick={onClose}
          >
            {t('keys.close')}
          </button>
        </header>
        <p className="key-help__intro">{t('keys.intro')}</p>
        <dl className="key-help__list" tabIndex={0}>
          {bindings.map((binding) => (
            <div key={binding.command} className="key-help__row" data-command={binding.command}>
              <dt>
                {binding.keys.map((key) => (
                  <kbd key={key}>{key}</kbd>
                ))}
              </dt>
              <dd>{t(`keys.${binding.command}`)}</dd>
            </div>
          ))}
        </dl>
      </div>
    </div>
  );
}
