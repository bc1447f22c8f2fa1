import { useId, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CATEGORIES, INCIDENT_STATUSES, SEVERITIES, type Category } from '@vaka/domain';
import { useConsoleStore } from '../../stores/console-store.ts';
import { districtChoices, useDistricts } from '../districts/use-districts.ts';
import { FilterMenu, type FilterChoice } from './filter-menu.tsx';
import { isFiltering, TIME_RANGES, TimeRange, toggled } from './incident-filter.ts';
import { useSearchTruncated, useVisibleIncidents } from './use-visible-incidents.ts';
import './filters.css';

/** The element the search field hands the keyboard back to. */
const QUEUE_SELECTOR = '[data-testid="incident-queue"]';

/** The city's categories in the order it offers them; every category until its settings load. */
function useCityCategories(): readonly Category[] {
  return useConsoleStore((state) => state.city?.categories ?? CATEGORIES);
}

/**
 * Search and filters above the incident list: words (searched on the server in incidents, their
 * reports and notes), status including closed, severity, category, district and when opened;
 * how many match, and a way back to everything open.
 */
export function IncidentFilters() {
  const { t, i18n } = useTranslation();
  const rangeId = useId();
  const fromId = useId();
  const toId = useId();
  const filter = useConsoleStore((state) => state.incidentFilter);
  const change = useConsoleStore((state) => state.changeIncidentFilter);
  const clear = useConsoleStore((state) => state.clearIncidentFilter);
  const liveCount = useConsoleStore((state) => state.incidents.size);
  const { incidents, mode, loading, error } = useVisibleIncidents();
  const truncated = useSearchTruncated();
  const categories = useCityCategories();
  const districts = districtChoices(useDistricts(), i18n.language);
  const filtering = isFiltering(filter);

  function summary(labels: readonly string[]): string {
    if (labels.length === 0) return t('filters.any');
    if (labels.length <= 2) return labels.join(', ');
    return t('filters.chosen', { count: labels.length });
  }

  function onSearchKeyDown(event: KeyboardEvent<HTMLInputElement>): void {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    change({ text: '' });
    const queue = document.querySelector(QUEUE_SELECTOR);
    if (queue instanceof HTMLElement) queue.focus();
    else event.currentTarget.blur();
  }

  const statusChoices: FilterChoice<(typeof INCIDENT_STATUSES)[number]>[] = INCIDENT_STATUSES.map(
    (status) => ({ value: status, label: t(`status.${status}`) }),
  );
  const severityChoices = SEVERITIES.map((severity) => ({
    value: severity,
    label: t(`severity.${severity}`),
  }));
  const categoryChoices = categories.map((category) => ({
    value: category,
    label: t(`category.${category}`),
  }));
  const labelsOf = <T extends string>(choices: readonly FilterChoice<T>[], chosen: readonly T[]) =>
    choices.filter((choice) => chosen.includes(choice.value)).map((choice) => choice.label);

  let countText: string;
  if (mode === 'search' && loading && incidents.length === 0) countText = t('filters.searching');
  else if (mode === 'search')
    countText = t(truncated ? 'filters.foundMore' : 'filters.found', { count: incidents.length });
  else if (filtering)
    countText = t('filters.shownOf', { count: incidents.length, total: liveCount });
  else countText = t('filters.allOpen', { count: incidents.length });

  return (
    <div
      className="incident-filters"
      role="search"
      data-testid="incident-filters"
      aria-label={t('filters.label')}
    >
      <div className="incident-filters__search-row">
        <input
          id="incident-search"
          type="search"
          className="incident-filters__search"
          data-testid="incident-search"
          value={filter.text}
          maxLength={200}
          autoComplete="off"
          spellCheck={false}
          placeholder={t('filters.searchPlaceholder')}
          aria-label={t('filters.search')}
          aria-keyshortcuts="/"
          onChange={(event) => change({ text: event.target.value })}
          onKeyDown={onSearchKeyDown}
        />
      </div>
      <div className="incident-filters__menus">
        <FilterMenu
          testId="filter-status"
          label={t('filters.status')}
          summary={
            filter.statuses.length === 0
              ? // Words are searched in closed incidents too, unless statuses are chosen.
                t(filter.text.trim() === '' ? 'filters.open' : 'filters.any')
              : summary(labelsOf(statusChoices, filter.statuses))
          }
          choices={statusChoices}
          chosen={filter.statuses}
          onToggle={(status) => change({ statuses: toggled(filter.statuses, status) })}
        />
        <FilterMenu
          testId="filter-severity"
          label={t('filters.severity')}
          summary={summary(labelsOf(severityChoices, filter.severities))}
          choices={severityChoices}
          chosen={filter.severities}
          onToggle={(severity) => change({ severities: toggled(filter.severities, severity) })}
        />
        <FilterMenu
          testId="filter-category"
          label={t('filters.category')}
          summary={summary(labelsOf(categoryChoices, filter.categories))}
          choices={categoryChoices}
          chosen={filter.categories}
          onToggle={(category) => change({ categories: toggled(filter.categories, category) })}
        />
        {districts.length > 0 && (
          <FilterMenu
            testId="filter-district"
            label={t('filters.district')}
            summary={summary(
              districts.filter((d) => filter.districtIds.includes(d.id)).map((d) => d.name),
            )}
            choices={districts.map((district) => ({ value: district.id, label: district.name }))}
            chosen={filter.districtIds}
            onToggle={(id) => change({ districtIds: toggled(filter.districtIds, id) })}
          />
        )}
        <label className="incident-filters__range" htmlFor={rangeId}>
          <span className="incident-filters__range-label">{t('filters.opened')}:</span>
          <select
            id={rangeId}
            data-testid="filter-time-range"
            value={filter.timeRange}
            onChange={(event) => change({ timeRange: event.target.value as TimeRange })}
          >
            {TIME_RANGES.map((range) => (
              <option key={range} value={range}>
                {t(`filters.range.${range}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {filter.timeRange === TimeRange.custom && (
        <div className="incident-filters__custom" data-testid="filter-custom-range">
          <label htmlFor={fromId}>{t('filters.from')}</label>
          <input
            id={fromId}
            type="datetime-local"
            value={filter.customFrom}
            onChange={(event) => change({ customFrom: event.target.value })}
          />
          <label htmlFor={toId}>{t('filters.to')}</label>
          <input
            id={toId}
            type="datetime-local"
            value={filter.customTo}
            onChange={(event) => change({ customTo: event.target.value })}
          />
        </div>
      )}
      <div className="incident-filters__status">
        <span
          className="incident-filters__count"
          data-testid="filter-count"
          data-mode={mode}
          role="status"
        >
          {countText}
          {mode === 'search' && loading && incidents.length > 0 && (
            <span className="incident-filters__busy"> · {t('filters.searching')}</span>
          )}
        </span>
        {error !== null && (
          <span className="incident-filters__error" role="alert" data-testid="filter-error">
            {error}
          </span>
        )}
        {filtering && (
          <button
            type="button"
            className="button button--quiet button--small"
            data-testid="clear-filters"
            onClick={clear}
          >
            {t('filters.clear')}
          </button>
        )}
      </div>
    </div>
  );
}
