import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { buildTimeline, JournalKind, type JournalEntry, type TimelineItem } from '@vaka/domain';
import { formatExactTime, formatTimeWithDate } from '../../lib/time-format.ts';
import { useCityTimeZone } from '../city/use-city-time-zone.ts';
import { useNow } from '../incidents/use-now.ts';
import { describeEntry, statesBefore } from './timeline-text.ts';
import './timeline.css';

interface TimelineProps {
  readonly incidentId: string;
  readonly entries: readonly JournalEntry[];
  /** Flag and correct buttons on each item, for those who may change the incident. */
  readonly editable: boolean;
  readonly onFlag: (seq: number) => void;
  readonly onCorrect: (seq: number) => void;
}

/** Less than this between when it happened and when it was written reads as the same moment. */
const SAME_MOMENT_MS = 60_000;

/** Whether an item can be flagged and corrected: anything but a flag itself. */
export function isEditableItem(entry: JournalEntry): boolean {
  return entry.kind !== JournalKind.entryFlagged;
}

/**
 * The incident's journal, newest first: when it was written (and when it happened, if that
 * differs), who, what, and its key-event and public flags. Corrections stay beside what they
 * correct. ↑ and ↓ move between items; f flags and r corrects the focused one.
 */
export function Timeline({ incidentId, entries, editable, onFlag, onCorrect }: TimelineProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const items = useMemo(() => buildTimeline(entries).reverse(), [entries]);
  const before = useMemo(() => statesBefore(entries), [entries]);
  const [activeSeq, setActiveSeq] = useState<number | null>(null);
  const tabStop = items.some((item) => item.entry.seq === activeSeq)
    ? activeSeq
    : (items[0]?.entry.seq ?? null);

  function onKeyDown(event: KeyboardEvent<HTMLOListElement>): void {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const current = (event.target as HTMLElement).closest<HTMLElement>(
      '[data-testid="timeline-item"]',
    );
    const next =
      event.key === 'ArrowDown' ? current?.nextElementSibling : current?.previousElementSibling;
    if (next instanceof HTMLElement) {
      event.preventDefault();
      next.focus();
    }
  }

  return (
    <section className="timeline" aria-labelledby={headingId} data-testid="timeline">
      <h3 id={headingId} className="incident-pane__section-title">
        {t('timeline.heading')}
      </h3>
      {items.length === 0 ? (
        <p className="timeline__empty">{t('timeline.empty')}</p>
      ) : (
        <ol className="timeline__list" data-arrow-keys onKeyDown={onKeyDown}>
          {items.map((item) => (
            <TimelineEntry
              key={item.entry.seq}
              item={item}
              text={describeEntry(item.entry, {
                incidentId,
                previous: before.get(item.entry.seq),
                t,
              })}
              tabStop={item.entry.seq === tabStop}
              editable={editable && isEditableItem(item.entry)}
              onFocus={() => setActiveSeq(item.entry.seq)}
              onFlag={onFlag}
              onCorrect={onCorrect}
            />
          ))}
        </ol>
      )}
    </section>
  );
}

interface TimelineEntryProps {
  readonly item: TimelineItem;
  readonly text: ReturnType<typeof describeEntry>;
  readonly tabStop: boolean;
  readonly editable: boolean;
  readonly onFocus: () => void;
  readonly onFlag: (seq: number) => void;
  readonly onCorrect: (seq: number) => void;
}

function TimelineEntry({
  item,
  text,
  tabStop,
  editable,
  onFocus,
  onFlag,
  onCorrect,
}: TimelineEntryProps) {
  const { t, i18n } = useTranslation();
  const timeZone = useCityTimeZone();
  const now = useNow();
  const { entry } = item;
  const at = (iso: string): string =>
    formatTimeWithDate(new Date(iso), now, i18n.language, timeZone);
  const happenedApart =
    item.eventAt !== undefined &&
    Math.abs(Date.parse(item.eventAt) - Date.parse(entry.recordedAt)) >= SAME_MOMENT_MS;
  const corrects = entry.kind === JournalKind.entryCorrected ? entry.data.seq : undefined;

  return (
    <li
      className="timeline-item"
      data-testid="timeline-item"
      data-seq={entry.seq}
      data-kind={entry.kind}
      data-key-event={item.keyEvent}
      data-public={item.public}
      data-corrected={item.correctedBy.length > 0}
      data-corrects={corrects}
      tabIndex={tabStop ? 0 : -1}
      aria-label={`${t('timeline.label', { seq: entry.seq })}: ${text.summary}`}
      onFocus={(event) => {
        if (event.target === event.currentTarget) onFocus();
      }}
    >
      <p className="timeline-item__head">
        <span className="timeline-item__seq">#{entry.seq}</span>
        <time
          className="timeline-item__time"
          dateTime={entry.recordedAt}
          title={formatExactTime(new Date(entry.recordedAt), i18n.language, timeZone)}
        >
          {happenedApart && item.eventAt !== undefined
            ? t('timeline.happenedWritten', {
                event: at(item.eventAt),
                recorded: at(entry.recordedAt),
              })
            : at(entry.recordedAt)}
        </time>
        {'actor' in entry && (
          <span className="timeline-item__actor">{t('timeline.by', { actor: entry.actor })}</span>
        )}
        {item.keyEvent && (
          <span className="timeline-badge timeline-badge--key" data-testid="badge-key-event">
            {t('timeline.keyEvent')}
          </span>
        )}
        {item.public && (
          <span className="timeline-badge timeline-badge--public" data-testid="badge-public">
            {t('timeline.public')}
          </span>
        )}
        {item.correctedBy.length > 0 && (
          <span className="timeline-badge timeline-badge--corrected" data-testid="badge-corrected">
            {t('timeline.correctedBy', {
              seqs: item.correctedBy.map((seq) => `#${seq}`).join(', '),
            })}
          </span>
        )}
      </p>
      <p className="timeline-item__summary">{text.summary}</p>
      {text.body !== undefined && <p className="timeline-item__body">{text.body}</p>}
      {text.reason !== undefined && (
        <p className="timeline-item__reason">{t('timeline.reason', { reason: text.reason })}</p>
      )}
      {editable && (
        <p className="timeline-item__tools">
          <ItemTool
            testId="timeline-flag"
            label={t('actions.flag')}
            seq={entry.seq}
            onClick={onFlag}
          />
          <ItemTool
            testId="timeline-correct"
            label={t('actions.correct')}
            seq={entry.seq}
            onClick={onCorrect}
          />
        </p>
      )}
    </li>
  );
}

interface ItemToolProps {
  readonly testId: string;
  readonly label: string;
  readonly seq: number;
  readonly onClick: (seq: number) => void;
}

/** A button that acts on one item; a screen reader hears which item, as #seq after the label. */
function ItemTool({ testId, label, seq, onClick }: ItemToolProps) {
  return (
    <button
      type="button"
      className="button button--quiet button--small"
      data-testid={testId}
      onClick={() => onClick(seq)}
    >
      {label}
      <span className="visually-hidden"> #{seq}</span>
    </button>
  );
}
