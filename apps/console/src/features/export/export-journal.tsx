import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { parseCityTime, toCityTimeInput } from '../../lib/time-format.ts';
import { useDisclosure } from '../../components/use-disclosure.ts';
import { useCityTimeZone } from '../city/use-city-time-zone.ts';
import './export.css';

const FORMATS = ['csv', 'json'] as const;
type ExportFormat = (typeof FORMATS)[number];

/** Links that download one incident's journal as CSV or JSON, with the session's cookie. */
export function ExportJournalButtons({ incidentId }: { readonly incidentId: string }) {
  const { t } = useTranslation();
  const path = `/api/v1/incidents/${encodeURIComponent(incidentId)}/journal`;
  return (
    <span className="journal-export" data-testid="journal-export">
      <span className="journal-export__label">{t('journalExport.incidentLabel')}</span>
      {FORMATS.map((format) => (
        <a
          key={format}
          className="button button--quiet button--small"
          data-testid={`journal-export-${format}`}
          href={`${path}?format=${format}`}
          download
          aria-label={t('journalExport.incidentAs', { format: format.toUpperCase() })}
        >
          {format.toUpperCase()}
        </a>
      ))}
    </span>
  );
}

/** The journal of a period, from and to in the city's time, as CSV or JSON. */
export function JournalRangeExport() {
  const { t } = useTranslation();
  const timeZone = useCityTimeZone();
  const fromId = useId();
  const toId = useId();
  const formatName = useId();
  const [from, setFrom] = useState(() =>
    toCityTimeInput(new Date(Date.now() - 24 * 3_600_000), timeZone),
  );
  // The next whole minute, so that what happened this very minute is included.
  const [to, setTo] = useState(() => toCityTimeInput(new Date(Date.now() + 60_000), timeZone));
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [problem, setProblem] = useState('');

  const fromAt = parseCityTime(from, timeZone);
  const toAt = parseCityTime(to, timeZone);

  function submit(event: FormEvent): void {
    event.preventDefault();
    if (fromAt === null || toAt === null) {
      setProblem(t('journalExport.rangeRequired'));
      return;
    }
    if (fromAt >= toAt) {
      setProblem(t('journalExport.rangeOrder'));
      return;
    }
    setProblem('');
    const query = new URLSearchParams({
      from: fromAt.toISOString(),
      to: toAt.toISOString(),
      format,
    });
    // A link with `download` keeps the console open and lets the browser save the file.
    const link = document.createElement('a');
    link.href = `/api/v1/journal?${query.toString()}`;
    link.download = '';
    document.body.append(link);
    link.click();
    link.remove();
  }

  return (
    <form
      className="journal-range-export"
      data-testid="journal-range-export"
      onSubmit={submit}
      noValidate
    >
      <h3 className="journal-range-export__title">{t('journalExport.rangeHeading')}</h3>
      <p className="journal-range-export__hint">{t('journalExport.rangeHint', { timeZone })}</p>
      <div className="journal-range-export__fields">
        <label htmlFor={fromId}>{t('journalExport.from')}</label>
        <input
          id={fromId}
          type="datetime-local"
          className="input"
          value={from}
          onChange={(event) => setFrom(event.target.value)}
        />
        <label htmlFor={toId}>{t('journalExport.to')}</label>
        <input
          id={toId}
          type="datetime-local"
          className="input"
          value={to}
          onChange={(event) => setTo(event.target.value)}
        />
      </div>
      <fieldset className="journal-range-export__formats">
        <legend>{t('journalExport.format')}</legend>
        {FORMATS.map((each) => (
          <label key={each}>
            <input
              type="radio"
              name={formatName}
              value={each}
              checked={format === each}
              onChange={() => setFormat(each)}
            />
            {each.toUpperCase()}
          </label>
        ))}
      </fieldset>
      <p className="form-alert" role="alert">
        {problem}
      </p>
      <button
        type="submit"
        className="button button--primary button--small"
        data-testid="journal-range-download"
      >
        {t('journalExport.download')}
      </button>
    </form>
  );
}

/**
 * "Export journal" in the header: a button opening the period form. Esc, a click elsewhere or
 * tabbing away closes it. Shown only to those who may export the journal.
 */
export function JournalExportMenu() {
  const { t } = useTranslation();
  const { open, panelId, rootProps, buttonProps } = useDisclosure();

  return (
    <div className="journal-export-menu" {...rootProps}>
      <button
        {...buttonProps}
        type="button"
        className="button button--quiet button--small"
        data-testid="journal-export-menu"
      >
        {t('journalExport.menuItem')}
      </button>
      <div id={panelId} className="journal-export-menu__panel" hidden={!open}>
        {open && <JournalRangeExport />}
      </div>
    </div>
  );
}
