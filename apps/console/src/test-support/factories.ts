import {
  Category,
  IncidentStatus,
  JournalKind,
  ReportChannel,
  Severity,
  type Incident,
  type JournalEntry,
} from '@vaka/domain';

let incidentCounter = 0;

/** Builds an open incident; every call gets a new id and a later opening time. */
export function buildIncident(overrides: Partial<Incident> = {}): Incident {
  incidentCounter += 1;
  const openedAt = new Date(Date.UTC(2025, 0, 15, 8, incidentCounter)).toISOString();
  return {
    id: `00000000-0000-4000-8000-${String(incidentCounter).padStart(12, '0')}`,
    title: `Incident ${incidentCounter}`,
    category: Category.fire,
    severity: Severity.moderate,
    status: IncidentStatus.new,
    location: { address: `Storgatan ${incidentCounter}` },
    openedAt,
    updatedAt: openedAt,
    reportCount: 1,
    ...overrides,
  };
}

/** A journal entry that opens the incident. */
export function incidentOpenedEntry(seq: number, incident: Incident): JournalEntry {
  return {
    seq,
    recordedAt: incident.openedAt,
    actor: 'system',
    kind: JournalKind.incidentOpened,
    incidentId: incident.id,
    data: { incident },
  };
}

/** A journal entry that carries the incident's new state. */
export function incidentUpdatedEntry(seq: number, incident: Incident): JournalEntry {
  return {
    seq,
    recordedAt: incident.updatedAt,
    actor: 'system',
    kind: JournalKind.incidentUpdated,
    incidentId: incident.id,
    data: { incident },
  };
}

/** A journal entry for a report merged into the incident. */
export function reportReceivedEntry(seq: number, incident: Incident): JournalEntry {
  const receivedAt = incident.updatedAt;
  return {
    seq,
    recordedAt: receivedAt,
    actor: 'system',
    kind: JournalKind.reportReceived,
    incidentId: incident.id,
    data: {
      report: {
        id: `10000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
        incidentId: incident.id,
        title: incident.title,
        category: incident.category,
        severity: incident.severity,
        location: incident.location,
        observedAt: receivedAt,
        receivedAt,
        source: { channel: ReportChannel.phone },
      },
    },
  };
}
