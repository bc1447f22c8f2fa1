import { randomUUID } from 'node:crypto';
import {
  CapMsgType,
  CapOutcome,
  IncidentStatus,
  JournalKind,
  districtAt,
  isActualCapAlert,
  reportFromCapAlert,
  type CapAlert,
  type CapAlertReceipt,
  type CapReference,
  type CitySettings,
  type DistrictCollection,
  type Incident,
  type JournalEntry,
  type Report,
} from '@vaka/domain';
import {
  appendJournal,
  findCapReport,
  findCapReports,
  findIncident,
  insertIncident,
  insertReport,
  lockJournalAndRead,
  saveIncident,
  type Database,
  type Executor,
} from '@vaka/db';
import type { ReadAlert } from './read.ts';

/** What importing needs of the app: where to store, and the city's districts, languages and categories. */
export interface CapImportDeps {
  database: Database;
  districts: DistrictCollection;
  city: CitySettings;
}

/** Who posted the document, and when it arrived (now, unless imported later). */
export interface CapImportContext {
  actor: string;
  receivedAt?: Date;
}

export interface CapImportResult {
  receipts: CapAlertReceipt[];
  /** For the live hub, after commit. */
  entries: JournalEntry[];
  reportsCreated: number;
}

/** Merges are followed at most this far; a longer chain would be a loop. */
const MAX_MERGE_HOPS = 100;

/**
 * Stores the alerts of one CAP document in one transaction, in document order, each as a report:
 * a new alert opens an incident (`incident.opened`, `report.received`, as intake does); an
 * Update, Cancel, Ack or Error whose `references` name an alert Vaka has joins that alert's
 * incident (`report.received`, `incident.updated` with `attachedReportId`, as attaching does),
 * following merges. A re-delivery (same sender, identifier and sent) stores and journals nothing.
 * NOTE: not through the batched intake: the earlier alerts and re-deliveries are looked up under
 * the journal lock, so two deliveries of one alert, or an alert and its update, racing in
 * separate requests still give one report each and the right incident.
 * NOTE: when the earlier alert's incident is closed, an Update opens a new incident (the warning
 * it carries is live again and must be seen); a Cancel, Ack or Error joins the closed incident,
 * which stays closed. An exercise never joins a real alert's incident, nor a real alert an
 * exercise's.
 */
export async function importCapAlerts(
  deps: CapImportDeps,
  alerts: readonly ReadAlert[],
  context: CapImportContext,
): Promise<CapImportResult> {
  const at = context.receivedAt ?? new Date();
  const receivedAt = at.toISOString();
  return deps.database.db.transaction(async (tx) => {
    await lockJournalAndRead(tx, []);
    const receipts: CapAlertReceipt[] = [];
    const entries: JournalEntry[] = [];
    let reportsCreated = 0;

    for (const { alert, deviations: readDeviations } of alerts) {
      const key = { sender: alert.sender, identifier: alert.identifier, sent: alert.sent };
      const previous = await findCapReport(tx, key);
      if (previous) {
        receipts.push({
          ...key,
          outcome: CapOutcome.redelivery,
          reportId: previous.report.id,
          incidentId: previous.report.incidentId,
          seq: previous.journalSeq,
          receivedAt: previous.report.receivedAt,
          deviations: previous.report.deviations ?? [],
          note: `This alert arrived before (${previous.report.receivedAt}); nothing was stored again`,
        });
        continue;
      }

      const deviations = [...readDeviations];
      const { earlier, target, note } = await findTarget(tx, alert, deviations);
      const mapped = reportFromCapAlert(alert, {
        languages: deps.city.languages,
        categoriesInUse: deps.city.categories,
        ...(earlier && {
          earlier: {
            title: earlier.title,
            category: earlier.category,
            location: earlier.location,
          },
        }),
      });
      deviations.push(...mapped.deviations);
      const incidentId = target?.id ?? randomUUID();
      const { report: fields } = mapped;
      const report: Report = {
        id: randomUUID(),
        incidentId,
        title: fields.title,
        ...(fields.description !== undefined && { description: fields.description }),
        category: fields.category,
        severity: fields.severity,
        location: fields.location,
        observedAt: fields.observedAt,
        receivedAt,
        source: fields.source,
        cap: alert,
        deviations,
      };

      let stored: JournalEntry[];
      if (target) {
        // NOTE: the incident keeps its title, severity and place, as with any attached report:
        // whether an update changes the picture is the duty officer's call.
        const incident: Incident = {
          ...target,
          reportCount: target.reportCount + 1,
          updatedAt: receivedAt,
        };
        stored = await appendJournal(
          tx,
          [
            {
              kind: JournalKind.reportReceived,
              actor: context.actor,
              incidentId,
              data: { report },
            },
            {
              kind: JournalKind.incidentUpdated,
              actor: context.actor,
              incidentId,
              data: {
                incident,
                reason: `A CAP ${alert.msgType} of an earlier alert was added`,
                attachedReportId: report.id,
              },
            },
          ],
          at,
        );
        await insertReport(tx, report, seqOf(stored, JournalKind.reportReceived));
        await saveIncident(tx, incident);
      } else {
        const district = districtAt(deps.districts, report.location);
        const incident: Incident = {
          id: incidentId,
          title: report.title,
          category: report.category,
          severity: report.severity,
          status: IncidentStatus.new,
          location: report.location,
          ...(district !== undefined && { district }),
          openedAt: receivedAt,
          updatedAt: receivedAt,
          reportCount: 1,
        };
        stored = await appendJournal(
          tx,
          [
            {
              kind: JournalKind.incidentOpened,
              actor: context.actor,
              incidentId,
              data: { incident },
            },
            {
              kind: JournalKind.reportReceived,
              actor: context.actor,
              incidentId,
              data: { report },
            },
          ],
          at,
        );
        await insertIncident(tx, incident);
        await insertReport(tx, report, seqOf(stored, JournalKind.reportReceived));
      }
      entries.push(...stored);
      reportsCreated += 1;
      receipts.push({
        ...key,
        outcome: target ? CapOutcome.update : CapOutcome.new,
        reportId: report.id,
        incidentId,
        seq: seqOf(stored, JournalKind.reportReceived),
        receivedAt,
        deviations,
        ...(note !== undefined && { note }),
      });
    }
    return { receipts, entries, reportsCreated };
  });
}

/**
 * The earlier alert's report and the incident this alert joins, if any; says in `deviations`
 * when the earlier alert is unknown, and in `note` why a found incident was not joined.
 */
async function findTarget(
  tx: Executor,
  alert: CapAlert,
  deviations: string[],
): Promise<{ earlier?: Report; target?: Incident; note?: string }> {
  if (alert.msgType === CapMsgType.alert || alert.references.length === 0) return {};
  const earlier = await findEarlier(tx, alert.references, deviations);
  if (!earlier) {
    const [first] = alert.references;
    const more = alert.references.length - 1;
    deviations.push(
      `references an alert Vaka has not received (${first ? describeReference(first) : ''}${more > 0 ? ` and ${more} more` : ''}): opened as a new incident`,
    );
    return {};
  }
  const incident = await followMerges(tx, earlier.incidentId);
  if (!incident) return { earlier };
  if (earlier.cap && isActualCapAlert(earlier.cap) !== isActualCapAlert(alert)) {
    return {
      earlier,
      note: `The earlier alert was ${earlier.cap.status} and this one is ${alert.status}: kept apart, in a new incident`,
    };
  }
  if (incident.status === IncidentStatus.closed) {
    if (alert.msgType === CapMsgType.update) {
      return {
        earlier,
        note: `The earlier alert's incident "${incident.title}" (${incident.id}) is closed: this update opened a new incident`,
      };
    }
    return {
      earlier,
      target: incident,
      note: `The earlier alert's incident "${incident.title}" (${incident.id}) is closed: the report was added to it and it stays closed`,
    };
  }
  return { earlier, target: incident };
}

/**
 * The report of the latest alert the references name: one whose sent time matches first; else
 * one with the same sender and identifier, noting that the times differ.
 */
async function findEarlier(
  tx: Executor,
  references: readonly CapReference[],
  deviations: string[],
): Promise<Report | undefined> {
  const candidates = await findCapReports(
    tx,
    references.map(({ sender, identifier }) => ({ sender, identifier })),
  );
  const exact = candidates.find((report) =>
    references.some(
      (reference) =>
        report.cap?.sender === reference.sender &&
        report.cap.identifier === reference.identifier &&
        (reference.sent === undefined || report.cap.sent === reference.sent),
    ),
  );
  if (exact) return exact;
  const [loose] = candidates;
  if (loose?.cap) {
    deviations.push(
      `the reference to ${loose.cap.sender},${loose.cap.identifier} gives another sent time than the alert Vaka has (${loose.cap.sent}): matched on sender and identifier`,
    );
  }
  return loose;
}

/** The incident reports of this one now belong to: merges followed to the end. */
async function followMerges(tx: Executor, incidentId: string): Promise<Incident | undefined> {
  let incident = await findIncident(tx, incidentId);
  for (let hop = 0; incident?.mergedInto !== undefined && hop < MAX_MERGE_HOPS; hop += 1) {
    incident = await findIncident(tx, incident.mergedInto);
  }
  return incident;
}

function describeReference(reference: CapReference): string {
  return [reference.sender, reference.identifier, reference.sent ?? '(no time)'].join(',');
}

function seqOf(entries: readonly JournalEntry[], kind: JournalKind): number {
  const entry = entries.find((candidate) => candidate.kind === kind);
  if (!entry) throw new Error('the journal lost an entry');
  return entry.seq;
}
