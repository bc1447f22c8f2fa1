import { useEffect, type RefObject } from 'react';

/** Whether a key press is going into a text field, where "n" is just a letter. */
function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['button', 'checkbox', 'radio', 'reset', 'submit'].includes(target.type);
  }
  return false;
}

/**
 * Focuses the field on "n" (when not typing in a field) or Alt+N (anywhere), so a call can be
 * typed in without reaching for the mouse.
 */
export function useNewReportShortcut(field: RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.isComposing || event.ctrlKey || event.metaKey) return;
      const altN = event.altKey && event.code === 'KeyN';
      const plainN =
        !event.altKey && event.key.toLowerCase() === 'n' && !isTypingTarget(event.target);
      if (!altN && !plainN) return;
      event.preventDefault();
      field.current?.focus();
      field.current?.select();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [field]);
}
