import { useEffect, useRef } from 'react';

/**
 * Runs `action` every `everyMs` while `active` holds. The admin's screens have no live stream
 * (an admin alone may not read the situation), so a delivery on its way is followed by asking.
 */
export function useRepeatWhile(active: boolean, action: () => void, everyMs: number): void {
  const latest = useRef(action);
  useEffect(() => {
    latest.current = action;
  });
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => latest.current(), everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs]);
}
