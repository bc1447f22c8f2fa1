import { useCallback, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EscalationPolicy, EscalationTarget, Unit, UnitSchedule } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import { RemoteListView } from '../admin/remote-list-view.tsx';
import { EditorRow, useRowEditor } from '../admin/row-editor.tsx';
import { useRemoteList } from '../admin/use-remote-list.ts';
import { listSchedules } from '../schedules/schedules-api.ts';
import { listEscalationPolicies } from './escalation-policies-api.ts';
import { PolicyForm } from './policy-form.tsx';
import '../admin/admin.css';
import '../schedules/schedules.css';
import { withCreated, withSaved } from '../admin/named-list.ts';

const COLUMNS = 4;

/**
 * A unit's escalation policies: everyone who may read units sees their steps, admins create,
 * change and archive them.
 */
export function PoliciesView({
  unit,
  canManage,
}: {
  readonly unit: Unit;
  readonly canManage: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { api } = useAppServices();
  const headingId = useId();
  const createPanelId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const createButtonRef = useRef<HTMLButtonElement>(null);
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState('');
  const load = useCallback(() => listEscalationPolicies(api, unit.id), [api, unit.id]);
  const { list, reload, update } = useRemoteList(load);
  const loadSchedules = useCallback(() => listSchedules(api, unit.id), [api, unit.id]);
  const { list: scheduleList } = useRemoteList(loadSchedules);
  const schedules = scheduleList.status === 'loaded' ? scheduleList.items : [];
  const manage = canManage && unit.archivedAt === undefined;

  function onCreated(policy: EscalationPolicy): void {
    update((policies) => withCreated(policies, policy, i18n.language));
    setNotice(t('escalationPolicies.created', { name: policy.name }));
    setCreating(false);
    createButtonRef.current?.focus();
  }

  function onSaved(policy: EscalationPolicy): void {
    replace(policy);
    if (policy.archivedAt !== undefined) {
      setNotice(t('escalationPolicies.archivedNotice', { name: policy.name }));
      // The row and its edit button are gone: the list's heading is where the person goes on.
      headingRef.current?.focus();
      return;
    }
    setNotice(t('escalationPolicies.saved', { name: policy.name }));
  }

  /** Shows a version of the policy from the server: in place, or gone once archived. */
  function replace(policy: EscalationPolicy): void {
    update((policies) => withSaved(policies, policy));
  }
  return (
    <section className="panel admin-list" aria-labelledby={headingId}>
      <header className="panel__header unit-view__header">
        <h3 id={headingId} ref={headingRef} tabIndex={-1} className="panel__title">
          {t('escalationPolicies.heading')}
        </h3>
        <p className="admin-list__notice" role="status" data-testid="policies-notice">
          {notice}
        </p>
        {manage && (
          <button
            ref={createButtonRef}
            type="button"
            className="button button--primary"
            aria-expanded={creating}
            aria-controls={creating ? createPanelId : undefined}
            onClick={() => setCreating((current) => !current)}
          >
            {t('escalationPolicies.new')}
          </button>
        )}
      </header>
      {creating && (
        <div id={createPanelId} className="unit-view__create">
          <PolicyForm
            unit={unit}
            schedules={schedules}
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
        loadingText={t('escalationPolicies.loading')}
        emptyText={t('escalationPolicies.empty')}
        onRetry={reload}
      >
        {(policies) => (
          <table
            className="data-table schedule-table"
            aria-labelledby={headingId}
            data-testid="policies-table"
          >
            <thead>
              <tr>
                <th scope="col">{t('escalationPolicies.name')}</th>
                <th scope="col">{t('escalationPolicies.steps')}</th>
                <th scope="col">{t('escalationPolicies.repeat')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('escalationPolicies.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {policies.map((policy) => (
                <PolicyRow
                  key={policy.id}
                  unit={unit}
                  schedules={schedules}
                  policy={policy}
                  canManage={manage}
                  onSaved={onSaved}
                  onReloaded={replace}
                />
              ))}
            </tbody>
          </table>
        )}
      </RemoteListView>
    </section>
  );
}

interface PolicyRowProps {
  readonly unit: Unit;
  readonly schedules: readonly UnitSchedule[];
  readonly policy: EscalationPolicy;
  readonly canManage: boolean;
  readonly onSaved: (policy: EscalationPolicy) => void;
  readonly onReloaded: (policy: EscalationPolicy) => void;
}

/** One policy in the list, its steps in words, opening for an admin into a form that changes it. */
function PolicyRow({ unit, schedules, policy, canManage, onSaved, onReloaded }: PolicyRowProps) {
  const { t } = useTranslation();
  const editor = useRowEditor();

  function targetName(target: EscalationTarget): string {
    if (target.kind === 'contact') {
      return (
        unit.contacts.find((contact) => contact.id === target.contactId)?.name ??
        t('schedules.unknownContact')
      );
    }
    const schedule = schedules.find((candidate) => candidate.id === target.scheduleId);
    return schedule === undefined
      ? t('escalationPolicies.unknownSchedule')
      : t('escalationPolicies.scheduleTarget', { name: schedule.name });
  }

  return (
    <>
      <tr data-testid="policy-row" data-policy-name={policy.name}>
        <th scope="row">{policy.name}</th>
        <td>
          <ol className="schedule-summary">
            {policy.steps.map((step, index) => (
              <li key={index}>
                <strong>{step.targets.map(targetName).join(', ')}</strong>{' '}
                <span className="data-table__muted">
                  {t(
                    step.requireAll
                      ? 'escalationPolicies.summary.waitAll'
                      : 'escalationPolicies.summary.waitAny',
                    { minutes: step.waitMinutes },
                  )}
                </span>
              </li>
            ))}
          </ol>
        </td>
        <td>{policy.repeat}</td>
        <td>
          {canManage && (
            <button
              {...editor.buttonProps}
              type="button"
              className="button button--quiet button--small"
              aria-label={t('escalationPolicies.editLabel', { name: policy.name })}
            >
              {t('escalationPolicies.edit')}
            </button>
          )}
        </td>
      </tr>
      <EditorRow editor={editor} columns={COLUMNS}>
        <PolicyForm
          unit={unit}
          schedules={schedules}
          policy={policy}
          onCancel={editor.close}
          onReloaded={onReloaded}
          onSaved={(saved) => {
            if (saved.archivedAt === undefined) editor.close();
            onSaved(saved);
          }}
        />
      </EditorRow>
    </>
  );
}
