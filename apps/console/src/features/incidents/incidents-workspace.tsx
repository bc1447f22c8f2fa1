import { useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { useConsoleStore } from '../../stores/console-store.ts';
import type { ConsoleAccess } from '../auth/access.ts';
import { CapFeedStatus } from '../cap-feeds/cap-feed-status.tsx';
import { AwaitingEscalations } from '../escalations/awaiting-escalations.tsx';
import { IncidentFilters } from '../filters/incident-filters.tsx';
import { useVisibleIncidents } from '../filters/use-visible-incidents.ts';
import {
  IncidentPane,
  type IncidentPaneHandle,
  type PaneRequest,
} from '../incident-detail/incident-pane.tsx';
import { IntakeForm } from '../intake/intake-form.tsx';
import { emptyDraft } from '../intake/report-draft.ts';
import { KeyHelp } from '../keyboard/key-help.tsx';
import { isTypingTarget, KeyCommand } from '../keyboard/keymap.ts';
import { useKeyCommands } from '../keyboard/use-key-commands.ts';
import { IncidentMap } from '../map/incident-map.tsx';
import { useLocationHash } from '../navigation/use-location-hash.ts';
import { ReadinessBanner } from '../readiness/readiness-banner.tsx';
import { incidentHref, incidentIdFromHash } from './incident-hash.ts';
import { IncidentQueue } from './incident-queue.tsx';
import { focusIncidentRow } from './incident-row.tsx';
import { queueGroups, queueOrder, stepInQueue } from './queue-order.ts';
import { useMediaQuery } from './use-media-query.ts';
import './workspace.css';

/** Below this width the map gives way to the queue and the incident, unless asked for. */
const MAP_BESIDE_QUERY = '(min-width: 1100px)';

const PANE_REQUESTS: Partial<Record<KeyCommand, PaneRequest>> = {
  [KeyCommand.acknowledge]: 'acknowledge',
  [KeyCommand.start]: 'start',
  [KeyCommand.close]: 'close',
  [KeyCommand.addNote]: 'note',
  [KeyCommand.changeSeverity]: 'severity',
  [KeyCommand.changeCategory]: 'category',
  [KeyCommand.merge]: 'merge',
  [KeyCommand.split]: 'split',
  [KeyCommand.flagEntry]: 'flag',
  [KeyCommand.correctEntry]: 'correct',
  [KeyCommand.escalate]: 'escalate',
};

/** Opens an incident in the pane by its address, so a reload keeps it and Back returns. */
function openIncident(incidentId: string): void {
  window.location.hash = incidentHref(incidentId);
}

/**
 * The duty officer's screen: the readiness level across the top; the queue on the left (with the
 * report form when it is open), the open incident in the middle and the map on the right. Every
 * part of it works from the keyboard; `?` lists the keys.
 */
export function IncidentsWorkspace({ access }: { readonly access: ConsoleAccess }) {
  const { t } = useTranslation();
  const hash = useLocationHash();
  const selectedId = incidentIdFromHash(hash);
  const selectIncident = useConsoleStore((state) => state.selectIncident);
  const draftStarted = useConsoleStore((state) => {
    const empty = emptyDraft();
    return (Object.keys(empty) as (keyof typeof empty)[]).some(
      (field) => state.reportDraft[field] !== empty[field],
    );
  });
  const visible = useVisibleIncidents();
  const groups = useMemo(() => queueGroups(visible.incidents), [visible.incidents]);
  const order = useMemo(() => queueOrder(groups), [groups]);
  const [cursorId, setCursorId] = useState<string | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [intakeChoice, setIntakeChoice] = useState<boolean | null>(null);
  // The form opens on n; it starts open only when a report is half typed (kept from a session
  // that ended), so the queue has the column to itself otherwise.
  const intakeOpen = access.intake && (intakeChoice ?? draftStarted);
  const wide = useMediaQuery(MAP_BESIDE_QUERY);
  const [mapChoice, setMapChoice] = useState<boolean | null>(null);
  const mapShown = mapChoice ?? wide;
  const paneRef = useRef<IncidentPaneHandle>(null);
  const intakeRef = useRef<HTMLDivElement>(null);

  useEffect(() => selectIncident(selectedId), [selectedId, selectIncident]);

  function openReportForm(): void {
    flushSync(() => setIntakeChoice(true));
    const title = intakeRef.current?.querySelector<HTMLInputElement>('input');
    title?.focus();
    title?.select();
  }

  useKeyCommands(
    (command, event) => {
      switch (command) {
        case KeyCommand.nextIncident:
        case KeyCommand.previousIncident: {
          const step = command === KeyCommand.nextIncident ? 1 : -1;
          const from = cursorId !== null && order.includes(cursorId) ? cursorId : selectedId;
          const next = stepInQueue(order, from, step);
          if (next === null) return false;
          setCursorId(next);
          focusIncidentRow(next);
          return true;
        }
        case KeyCommand.openIncident: {
          const target = cursorId !== null && order.includes(cursorId) ? cursorId : order[0];
          if (target === undefined) return false;
          openIncident(target);
          return true;
        }
        case KeyCommand.newReport:
          // With the form open, its own shortcut takes the key.
          if (!access.intake || intakeOpen) return false;
          openReportForm();
          return true;
        case KeyCommand.search: {
          const search = document.getElementById('incident-search');
          if (search === null) return false;
          search.focus();
          return true;
        }
        case KeyCommand.toggleMap:
          setMapChoice(!mapShown);
          return true;
        case KeyCommand.toggleHelp:
          setHelpOpen((open) => !open);
          return true;
        case KeyCommand.dismiss:
          if (helpOpen) {
            setHelpOpen(false);
            return true;
          }
          if (paneRef.current?.dismiss() === true) return true;
          // Esc leaves a field, so the keys work again.
          if (isTypingTarget(event.target) && event.target instanceof HTMLElement) {
            event.target.blur();
            return true;
          }
          return false;
        default: {
          const wanted = PANE_REQUESTS[command];
          return wanted !== undefined && (paneRef.current?.request(wanted) ?? false);
        }
      }
    },
    { helpOpen, mayUpdate: access.updateIncidents, mayReport: access.intake },
  );

  const classes = ['workspace'];
  if (!mapShown) classes.push('workspace--without-map');
  if (intakeOpen) classes.push('workspace--with-intake');

  return (
    <main className={classes.join(' ')} data-testid="workspace" data-map={mapShown}>
      <ReadinessBanner />
      <div className="workspace__bar">
        {access.intake && (
          <button
            type="button"
            className="button button--quiet button--small workspace__toggle"
            data-testid="toggle-intake"
            aria-expanded={intakeOpen}
            aria-keyshortcuts="n"
            onClick={() => (intakeOpen ? setIntakeChoice(false) : openReportForm())}
          >
            {intakeOpen ? t('workspace.hideIntake') : t('workspace.newReport')}
            {!intakeOpen && <kbd aria-hidden="true">n</kbd>}
          </button>
        )}
        <span className="workspace__bar-end">
          <button
            type="button"
            className="button button--quiet button--small workspace__toggle"
            data-testid="toggle-map"
            aria-pressed={mapShown}
            aria-keyshortcuts="p"
            onClick={() => setMapChoice(!mapShown)}
          >
            {mapShown ? t('workspace.hideMap') : t('workspace.showMap')}
            <kbd aria-hidden="true">p</kbd>
          </button>
          <button
            type="button"
            className="button button--quiet button--small workspace__toggle"
            data-testid="toggle-keys"
            aria-keyshortcuts="?"
            aria-haspopup="dialog"
            onClick={() => setHelpOpen(true)}
          >
            {t('workspace.keys')}
            <kbd aria-hidden="true">?</kbd>
          </button>
        </span>
      </div>
      <div className="workspace__panes">
        <div className="workspace__queue-column">
          <AwaitingEscalations selectedIncidentId={selectedId} />
          <CapFeedStatus />
          <IncidentFilters />
          <IncidentQueue
            visible={visible}
            groups={groups}
            selectedId={selectedId}
            cursorId={cursorId}
            onCursor={setCursorId}
          />
        </div>
        <div className="workspace__middle">
          {/* Above the incident rather than the queue: during a call the queue stays whole, to
              see whether the caller's incident is already in it. */}
          {intakeOpen && (
            <div ref={intakeRef} className="workspace__intake" data-testid="intake-panel">
              <IntakeForm />
            </div>
          )}
          <IncidentPane
            ref={paneRef}
            mayUpdate={access.updateIncidents}
            mayExport={access.exportJournal}
            onOpenIncident={openIncident}
          />
        </div>
        {mapShown && (
          <section className="panel workspace__map" aria-label={t('workspace.mapPane')}>
            <IncidentMap selectedIncidentId={selectedId} onSelect={openIncident} />
          </section>
        )}
      </div>
      {helpOpen && (
        <KeyHelp
          mayUpdate={access.updateIncidents}
          mayReport={access.intake}
          onClose={() => setHelpOpen(false)}
        />
      )}
    </main>
  );
}
