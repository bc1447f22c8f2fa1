import { useCallback, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Unit } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import { RemoteListView } from '../admin/remote-list-view.tsx';
import { useRemoteList } from '../admin/use-remote-list.ts';
import { districtChoices, useDistricts } from '../districts/use-districts.ts';
import { UnitForm } from './unit-form.tsx';
import { useUnitRoute } from './unit-hash.ts';
import { UnitPage } from './unit-page.tsx';
import { UnitRow } from './unit-row.tsx';
import { listUnits } from './units-api.ts';
import '../admin/admin.css';
import './units.css';
import { withCreated } from '../admin/named-list.ts';

/** The units incidents can be escalated to: everyone who may read them sees them, admins change them. */
export function UnitsScreen({ canManage }: { readonly canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const { api } = useAppServices();
  const headingId = useId();
  const createPanelId = useId();
  const createButtonRef = useRef<HTMLButtonElement>(null);
  const [showArchived, setShowArchived] = useState(false);
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState('');
  const load = useCallback(() => listUnits(api, showArchived), [api, showArchived]);
  const { list, reload, update } = useRemoteList(load);
  const districts = useDistricts();
  const districtNames = useMemo(
    () => new Map(districtChoices(districts, i18n.language).map((d) => [d.id, d.name])),
    [districts, i18n.language],
  );
  const route = useUnitRoute();

  function replace(unit: Unit): void {
    update((units) =>
      units
        .map((candidate) => (candidate.id === unit.id ? unit : candidate))
        .filter((candidate) => showArchived || candidate.archivedAt === undefined),
    );
  }

  function onSaved(unit: Unit): void {
    replace(unit);
    setNotice(
      unit.archivedAt === undefined
        ? t('units.saved', { name: unit.name })
        : t('units.archivedNotice', { name: unit.name }),
    );
  }

  function onCreated(unit: Unit): void {
    update((units) => withCreated(units, unit, i18n.language));
    setNotice(t('units.created', { name: unit.name }));
    setCreating(false);
    createButtonRef.current?.focus();
  }

  if (route !== null) {
    return <UnitPage unitId={route.unitId} view={route.view} canManage={canManage} />;
  }

  return (
    <div className="units-page">
      <section className="panel admin-list" aria-labelledby={headingId}>
        <header className="panel__header units-page__header">
          <h2 id={headingId} className="panel__title">
            {t('units.heading')}
          </h2>
          <p className="admin-list__notice" role="status" data-testid="units-notice">
            {notice}
          </p>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={showArchived}
              onChange={(event) => setShowArchived(event.target.checked)}
            />
            {t('units.showArchived')}
          </label>
          {canManage && (
            <button
              ref={createButtonRef}
              type="button"
              className="button button--primary"
              aria-expanded={creating}
              aria-controls={creating ? createPanelId : undefined}
              onClick={() => setCreating((current) => !current)}
            >
              {t('units.new')}
            </button>
          )}
        </header>
        {creating && (
          <div id={createPanelId} className="units-page__create">
            <UnitForm
              onSaved={onCreated}
              onCancel={() => {
                setCreating(false);
                createButtonRef.current?.focus();
              }}
            />
          </div>
        )}
        <RemoteListView
          list={list}
          loadingText={t('units.loading')}
          emptyText={t('units.empty')}
          onRetry={reload}
        >
          {(units) => (
            <table className="data-table" aria-labelledby={headingId} data-testid="units-table">
              <thead>
                <tr>
                  <th scope="col">{t('units.name')}</th>
                  <th scope="col">{t('units.categories')}</th>
                  <th scope="col">{t('units.districts')}</th>
                  <th scope="col">{t('units.timeZone')}</th>
                  <th scope="col">{t('units.contactCount')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('units.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {units.map((unit) => (
                  <UnitRow
                    key={unit.id}
                    unit={unit}
                    districtNames={districtNames}
                    canManage={canManage}
                    onSaved={onSaved}
                    onReloaded={replace}
                  />
                ))}
              </tbody>
            </table>
          )}
        </RemoteListView>
      </section>
    </div>
  );
}
