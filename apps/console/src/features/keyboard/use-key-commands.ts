import { useEffect, useEffectEvent } from 'react';
import { commandForKey, isTypingTarget, type KeyCommand, type KeyContext } from './keymap.ts';

/** Whether the focused control moves with the arrow keys itself. */
function takesArrows(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement && target.type === 'radio') return true;
  return target.closest('[data-arrow-keys]') !== null;
}

/**
 * Runs the duty officer's key commands from anywhere on the page. `onCommand` returns false when
 * it did nothing with the key, which the browser then keeps.
 */
export function useKeyCommands(
  onCommand: (command: KeyCommand, event: KeyboardEvent) => boolean,
  context: Pick<KeyContext, 'helpOpen' | 'mayUpdate' | 'mayReport'>,
): void {
  const { helpOpen, mayUpdate, mayReport } = context;
  const run = useEffectEvent((event: KeyboardEvent) => {
    // Another part of the page (a form, the report shortcut) has dealt with it already.
    if (event.defaultPrevented) return;
    const command = commandForKey(event, {
      helpOpen,
      mayUpdate,
      mayReport,
      typing: isTypingTarget(event.target),
      arrowsTaken: takesArrows(event.target),
      nothingFocused: event.target === document.body || event.target === document.documentElement,
    });
    if (command !== null && onCommand(command, event)) event.preventDefault();
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => run(event);
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
