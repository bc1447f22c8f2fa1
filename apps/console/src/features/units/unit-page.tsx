import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Unit } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import type { ApiResult } from '../../lib/api.ts';
import { RemoteListView } from '../admin/remote-list-view.tsx';
import { useRemoteList } from '../admin/use-remote-list.ts';
import { PoliciesView } from '../escalation-policies/policies-view.tsx';
import { Section, sectionHref } from '../navigation/sections.ts';
import { OnCallView } from '../schedules/on-call-view.tsx';
import { SchedulesView } from '../schedules/schedules-view.tsx';
import { useCanOverride } from '../schedules/use-can-override.ts';
import { UNIT_VIEWS, unitHref, UnitView } from './unit-hash.ts';
import { getUnit } from './units-api.ts';
import '../schedules/schedules.css';

interface UnitPageProps {
  readonly unitId: string;
  readonly view: UnitView;
  /** Whether this person may change the unit's schedules and escalation policies. */
  readonly canManage: boolean;
}

/** One unit: who is on call, its schedules and its escalation policies, each at its own address. */
export function UnitPage({ unitId, view, canManage }: UnitPageProps) {
  const { t } = useTranslation();
  const { api } = useAppServices();
  const canOverride = useCanOverride();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const load = useCallback(async (): Promise<ApiResult<Unit[]>> => {
    const result = await getUnit(api, unitId);
    return result.outcome === 'ok' ? { ...result, body: [result.body] } : result;
  }, [api, unitId]);
  const { list, reload } = useRemoteList(load);
  const unit = list.status === 'loaded' ? list.items[0] : undefined;
  const loaded = unit !== undefined;

  // Opening a unit takes the focus to its name, so the person hears where they are.
  useEffect(() => {
    if (loaded) headingRef.current?.focus();
  }, [loaded, unitId]);

  return (
    <div className="units-page unit-page" data-testid="unit-page">
      <p className="unit-page__back">
        <a href={sectionHref(Section.units)}>{t('unitPage.allUnits')}</a>
      </p>
      <RemoteListView
        list={list}
        loadingText={t('unitPage.loading')}
        emptyText={t('unitPage.loading')}
        onRetry={reload}
      >
        {() =>
          unit !== undefined && (
            <>
              <header className="unit-page__header">
                <h2 ref={headingRef} tabIndex={-1} className="unit-page__title">
                  {unit.name}
                  {unit.archivedAt !== undefined && (
                    <>
                      {' '}
                      <span className="state-tag state-tag--off">{t('units.archived')}</span>
                    </>
                  )}
                </h2>
                <p className="data-table__muted">
                  {t('unitPage.summary', {
                    timeZone: unit.timeZone,
                    contacts: unit.contacts.map((contact) => contact.name).join(', ') || '—',
                  })}
                </p>
                <nav aria-label={t('unitPage.views')}>
                  <ul className="section-nav__list unit-page__views">
                    {UNIT_VIEWS.map((candidate) => (
                      <li key={candidate}>
                        <a
                          className="section-nav__link"
                          href={unitHref(unit.id, candidate)}
                          aria-current={candidate === view ? 'page' : undefined}
                        >
                          {t(`unitPage.view.${candidate}`)}
                        </a>
                      </li>
                    ))}
                  </ul>
                </nav>
              </header>
              {view === UnitView.onCall && <OnCallView unit={unit} canOverride={canOverride} />}
              {view === UnitView.schedules && <SchedulesView unit={unit} canManage={canManage} />}
              {view === UnitView.escalationPolicies && (
                <PoliciesView unit={unit} canManage={canManage} />
              )}
            </>
          )
        }
      </RemoteListView>
    </div>
  );
}
