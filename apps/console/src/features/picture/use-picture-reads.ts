import { useCallback, useEffect, useRef, useState } from 'react';
import type { KeyEventList, PlannedEvent } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import type { ApiFailure, ApiResult } from '../../lib/api.ts';
import { useConsoleStore } from '../../stores/console-store.ts';
import { useCityTimeZone } from '../city/use-city-time-zone.ts';
import { useNow } from '../incidents/use-now.ts';
import { listKeyEvents, listPlannedEvents } from './picture-api.ts';
import { cityDate, KEY_EVENT_HOURS, plannedEventWindow } from './picture-logic.ts';

/**
 * How long the picture waits after a live change before reading again, so a burst of entries
 * (a storm of reports) costs one read, not one each.
 */
const SETTLE_MS = 1_500;

/** Something the picture reads from the server, with why the last read failed. */
export interface PictureRead<T> {
  /** Null until the first answer. */
  readonly value: T | null;
  readonly failure: ApiFailure | null;
}

/**
 * Reads with `read` now, again at once when `readNowKey` changes, and when `revision` goes up: at
 * most once per SETTLE_MS, so the last change of a burst is always read but the burst is read once.
 */
function useSettledRead<T>(
  read: () => Promise<ApiResult<T>>,
  revision: number,
  readNowKey = '',
): PictureRead<T> {
  const [value, setValue] = useState<T | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [asked, setAsked] = useState(0);
  const latest = useRef(0);
  const seen = useRef(revision);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  // NOTE: a timer already waiting is left alone, so a steady stream of entries still reads every
  // SETTLE_MS rather than never.
  useEffect(() => {
    if (revision === seen.current) return;
    seen.current = revision;
    if (timer.current !== null) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      setAsked((previous) => previous + 1);
    }, SETTLE_MS);
  }, [revision]);
  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = null;
    },
    [],
  );

  useEffect(() => {
    latest.current += 1;
    const request = latest.current;
    void read().then((result) => {
      // An older answer never replaces a newer one.
      if (request !== latest.current) return;
      if (result.outcome === 'ok') {
        setValue(result.body);
        setFailure(null);
      } else {
        setFailure(result);
      }
    });
  }, [read, asked, readNowKey]);

  return { value, failure };
}

/** The key events of the last 12 hours, read again when live entries may have changed them. */
export function useKeyEvents(): PictureRead<KeyEventList> {
  const { api } = useAppServices();
  const revision = useConsoleStore((state) => state.pictureKeyEventsRevision);
  const read = useCallback(
    () => listKeyEvents(api, new Date(Date.now() - KEY_EVENT_HOURS * 3_600_000)),
    [api],
  );
  return useSettledRead(read, revision);
}

/**
 * The planned events from now to the end of the last day the picture shows, read again when one
 * changes live and when a new day starts in the city.
 */
export function usePlannedEvents(): PictureRead<PlannedEvent[]> {
  const { api } = useAppServices();
  const revision = useConsoleStore((state) => state.picturePlannedEventsRevision);
  const timeZone = useCityTimeZone();
  const today = cityDate(useNow(), timeZone);
  const read = useCallback(async () => {
    const window = plannedEventWindow(Date.now(), timeZone);
    const result = await listPlannedEvents(api, window.from, window.to);
    return result.outcome === 'ok' ? { ...result, body: result.body.events } : result;
  }, [api, timeZone]);
  // A new day in the city is read at once, for the day that now comes into view.
  return useSettledRead(read, revision, today);
}
