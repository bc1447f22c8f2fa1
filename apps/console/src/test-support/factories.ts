import {
  Category,
  IncidentStatus,
  JournalKind,
  ReportChannel,
  Role,
  Severity,
  type ApiKey,
  type HiddenJournalEntry,
  type Incident,
  type JournalEntry,
  type Session,
  type Situation,
  type User,
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

/** A snapshot of the situation at `asOfSeq`, at the normal readiness level. */
export function buildSituation(asOfSeq: number, incidents: Incident[]): Situation {
  return { asOfSeq, incidents, readiness: { level: 'normal' }, escalations: [], messages: [] };
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

/** A placeholder for an entry the console's roles may not see. */
export function hiddenEntry(seq: number): HiddenJournalEntry {
  return {
    seq,
    recordedAt: new Date(Date.UTC(2025, 0, 15, 9, 0, seq)).toISOString(),
    kind: 'hidden',
  };
}

let userCounter = 0;

/** Builds a user account; every call gets a new id and username. */
export function buildUser(overrides: Partial<User> = {}): User {
  userCounter += 1;
  return {
    id: `20000000-0000-4000-8000-${String(userCounter).padStart(12, '0')}`,
    username: `user${userCounter}`,
    displayName: `User ${userCounter}`,
    roles: [Role.dutyOfficer],
    disabled: false,
    createdAt: new Date(Date.UTC(2025, 0, 1, 8, userCounter)).toISOString(),
    ...overrides,
  };
}

/** Builds the session of a signed-in duty officer unless told otherwise. */
export function buildSession(
  overrides: { user?: Partial<Session['user']> } & Partial<Omit<Session, 'user'>> = {},
): Session {
  const { user, ...rest } = overrides;
  const { disabled: _disabled, createdAt: _createdAt, ...account } = buildUser();
  return {
    user: { ...account, secondFactor: false, ...user },
    csrfToken: `csrf-${account.id}`,
    mustChangePassword: false,
    mustEnrollSecondFactor: false,
    ...rest,
  };
}

let apiKeyCounter = 0;

/** Builds an active API key. */
export function buildApiKey(overrides: Partial<ApiKey> = {}): ApiKey {
  apiKeyCounter += 1;
  return {
    id: `30000000-0000-4000-8000-${String(apiKeyCounter).padStart(12, '0')}`,
    name: `Key ${apiKeyCounter}`,
    prefix: `vk_${String(apiKeyCounter).padStart(4, '0')}`,
    scopes: ['reports:write'],
    rateLimitPerMinute: 600,
    createdAt: new Date(Date.UTC(2025, 0, 2, 8, apiKeyCounter)).toISOString(),
    revokedAt: null,
    ...overrides,
  };
}
