import { ApiKeyScope } from './contracts/admin.ts';
import { Role } from './contracts/auth.ts';
import { JournalKind, type HiddenJournalEntry, type JournalEntry } from './contracts/journal.ts';

/** What a caller may do. Roles and API key scopes grant permissions; routes require them. */
export const Permission = {
  situationRead: 'situation:read',
  journalVerify: 'journal:verify',
  reportsCreate: 'reports:create',
  incidentsUpdate: 'incidents:update',
  journalExport: 'journal:export',
  readinessSet: 'readiness:set',
  usersManage: 'users:manage',
  apiKeysManage: 'api_keys:manage',
  webhooksManage: 'webhooks:manage',
  securityLogRead: 'security_log:read',
  securitySettingsManage: 'security_settings:manage',
  unitsRead: 'units:read',
  unitsManage: 'units:manage',
  schedulesOverride: 'schedules:override',
  escalationsRun: 'escalations:run',
  messagesWrite: 'messages:write',
  messagesApprove: 'messages:approve',
  plannedEventsWrite: 'planned_events:write',
  situationReportsWrite: 'situation_reports:write',
  situationReportsApprove: 'situation_reports:approve',
  handoversWrite: 'handovers:write',
} as const;
export type Permission = (typeof Permission)[keyof typeof Permission];

/** What each role may do. A person with several roles may do what any of them may. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  [Role.dutyOfficer]: [
    Permission.situationRead,
    Permission.reportsCreate,
    Permission.incidentsUpdate,
    Permission.journalVerify,
    Permission.journalExport,
    Permission.readinessSet,
    Permission.unitsRead,
    Permission.schedulesOverride,
    Permission.escalationsRun,
    // At night the duty officer may be the only one awake to get a warning written; someone
    // else still approves it.
    Permission.messagesWrite,
    Permission.plannedEventsWrite,
    Permission.situationReportsWrite,
    Permission.handoversWrite,
  ],
  [Role.communicator]: [
    Permission.situationRead,
    Permission.unitsRead,
    Permission.messagesWrite,
    Permission.messagesApprove,
  ],
  [Role.leadership]: [
    Permission.situationRead,
    Permission.journalVerify,
    Permission.journalExport,
    Permission.readinessSet,
    Permission.unitsRead,
    Permission.messagesApprove,
    Permission.plannedEventsWrite,
    Permission.situationReportsApprove,
  ],
  [Role.admin]: [
    Permission.usersManage,
    Permission.apiKeysManage,
    Permission.webhooksManage,
    Permission.securityLogRead,
    Permission.securitySettingsManage,
    Permission.journalVerify,
    Permission.unitsRead,
    Permission.unitsManage,
    Permission.schedulesOverride,
  ],
};

/** What each API key scope may do: machines only ever send. */
export const API_KEY_SCOPE_PERMISSIONS: Record<ApiKeyScope, readonly Permission[]> = {
  [ApiKeyScope.reportsWrite]: [Permission.reportsCreate],
};

/**
 * Who may call a route: anyone (`public`), anyone signed in with a session (`session`, for the
 * caller's own session), or whoever holds the permission, by session or by API key.
 */
export type RouteAccess = 'public' | 'session' | Permission;

/**
 * The policy table: every route the server registers, by method and path pattern. A route that
 * is not here makes the server refuse to start.
 */
export const ROUTE_POLICY: Readonly<Record<string, RouteAccess>> = {
  // Operations and documentation.
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  'GET /metrics': 'public',
  'GET /api/docs': 'public',
  'GET /api/docs/': 'public',
  'GET /api/docs/json': 'public',
  'GET /api/docs/yaml': 'public',
  'GET /api/docs/static/*': 'public',
  'GET /api/docs/static/index.html': 'public',
  'GET /api/docs/static/swagger-initializer.js': 'public',
  // The console's files, and the city's name and languages for its sign-in screen.
  'GET /*': 'public',
  'GET /api/v1/city': 'public',
  // Signing in and out.
  'POST /api/v1/auth/login': 'public',
  'GET /api/v1/auth/methods': 'public',
  'GET /api/v1/auth/oidc': 'public',
  'GET /api/v1/auth/oidc/callback': 'public',
  'GET /api/v1/auth/session': 'session',
  'POST /api/v1/auth/logout': 'session',
  'POST /api/v1/auth/logout-everywhere': 'session',
  'POST /api/v1/auth/password': 'session',
  'POST /api/v1/auth/second-factor/setup': 'session',
  'POST /api/v1/auth/second-factor/confirm': 'session',
  'PUT /api/v1/auth/preferences': 'session',
  // The situation picture.
  'GET /api/v1/situation': Permission.situationRead,
  'GET /api/v1/live': Permission.situationRead,
  'POST /api/v1/reports': Permission.reportsCreate,
  // A weather service's or another agency's CAP alerts, posted by a partner's system.
  'POST /api/v1/reports/cap': Permission.reportsCreate,
  // Whether the CAP feeds bring their alerts: whoever reads the reports sees whether to trust them.
  'GET /api/v1/cap-feeds': Permission.situationRead,
  // A partner may add to the incident its earlier report opened, so creating reports suffices.
  'POST /api/v1/incidents/:id/reports': Permission.reportsCreate,
  'GET /api/v1/city/districts': Permission.situationRead,
  'GET /api/v1/incidents': Permission.situationRead,
  'GET /api/v1/incidents/:id': Permission.situationRead,
  'PATCH /api/v1/incidents/:id': Permission.incidentsUpdate,
  'POST /api/v1/incidents/:id/transitions': Permission.incidentsUpdate,
  'POST /api/v1/incidents/:id/merge': Permission.incidentsUpdate,
  'POST /api/v1/incidents/:id/split': Permission.incidentsUpdate,
  'POST /api/v1/incidents/:id/notes': Permission.incidentsUpdate,
  'POST /api/v1/journal/:seq/flags': Permission.incidentsUpdate,
  'POST /api/v1/journal/:seq/corrections': Permission.incidentsUpdate,
  'PUT /api/v1/readiness': Permission.readinessSet,
  // The journal, whole or by incident, for an inquiry.
  'GET /api/v1/incidents/:id/journal': Permission.journalExport,
  'GET /api/v1/journal': Permission.journalExport,
  'GET /api/v1/journal/verify': Permission.journalVerify,
  // Administration.
  'GET /api/v1/users': Permission.usersManage,
  'POST /api/v1/users': Permission.usersManage,
  'PATCH /api/v1/users/:id': Permission.usersManage,
  'GET /api/v1/api-keys': Permission.apiKeysManage,
  'POST /api/v1/api-keys': Permission.apiKeysManage,
  'DELETE /api/v1/api-keys/:id': Permission.apiKeysManage,
  // Partners' and bridges' webhooks: admins manage them; what reached them is everyone's to see.
  'GET /api/v1/webhooks': Permission.webhooksManage,
  'POST /api/v1/webhooks': Permission.webhooksManage,
  'PATCH /api/v1/webhooks/:id': Permission.webhooksManage,
  'POST /api/v1/webhooks/:id/secret': Permission.webhooksManage,
  'POST /api/v1/webhooks/:id/archive': Permission.webhooksManage,
  'POST /api/v1/webhooks/:id/ping': Permission.webhooksManage,
  'GET /api/v1/webhooks/:id/deliveries': Permission.webhooksManage,
  'GET /api/v1/messages/:id/deliveries': Permission.situationRead,
  // The calendar of known events: read by all, kept by duty officers and leadership.
  'GET /api/v1/planned-events': Permission.situationRead,
  'GET /api/v1/planned-events/:id': Permission.situationRead,
  'POST /api/v1/planned-events': Permission.plannedEventsWrite,
  'PATCH /api/v1/planned-events/:id': Permission.plannedEventsWrite,
  'POST /api/v1/planned-events/:id/cancel': Permission.plannedEventsWrite,
  // Key events and situation reports: the duty officer drafts, leadership approves.
  'GET /api/v1/key-events': Permission.situationRead,
  'GET /api/v1/situation-reports': Permission.situationRead,
  'GET /api/v1/situation-reports/:id': Permission.situationRead,
  'GET /api/v1/situation-reports/:id/pdf': Permission.situationRead,
  'POST /api/v1/situation-reports': Permission.situationReportsWrite,
  'PATCH /api/v1/situation-reports/:id': Permission.situationReportsWrite,
  'POST /api/v1/situation-reports/:id/approve': Permission.situationReportsApprove,
  // Shift handover: between duty officers; everyone sees who is on duty.
  'GET /api/v1/handovers': Permission.situationRead,
  'GET /api/v1/handovers/:id': Permission.situationRead,
  'POST /api/v1/handovers': Permission.handoversWrite,
  'PATCH /api/v1/handovers/:id': Permission.handoversWrite,
  'POST /api/v1/handovers/:id/confirm': Permission.handoversWrite,
  'GET /api/v1/duty': Permission.situationRead,
  'GET /api/v1/security/settings': Permission.securitySettingsManage,
  'PUT /api/v1/security/settings': Permission.securitySettingsManage,
  // The units an incident can be escalated to, and their contacts.
  'GET /api/v1/units': Permission.unitsRead,
  'GET /api/v1/units/:id': Permission.unitsRead,
  'POST /api/v1/units': Permission.unitsManage,
  'PATCH /api/v1/units/:id': Permission.unitsManage,
  'DELETE /api/v1/units/:id': Permission.unitsManage,
  // On-call schedules of a unit; an override ("I take Friday night") is often phoned in to the
  // duty officer, so the duty officer may enter one as well as the admin.
  'GET /api/v1/units/:id/schedules': Permission.unitsRead,
  'POST /api/v1/units/:id/schedules': Permission.unitsManage,
  'GET /api/v1/units/:id/on-call': Permission.unitsRead,
  'GET /api/v1/schedules/:id': Permission.unitsRead,
  'PATCH /api/v1/schedules/:id': Permission.unitsManage,
  'DELETE /api/v1/schedules/:id': Permission.unitsManage,
  'POST /api/v1/schedules/:id/overrides': Permission.schedulesOverride,
  'DELETE /api/v1/schedules/:id/overrides/:overrideId': Permission.schedulesOverride,
  // Escalation policies of a unit: every role reads how a unit is reached; admins keep them.
  'GET /api/v1/units/:id/escalation-policies': Permission.unitsRead,
  'POST /api/v1/units/:id/escalation-policies': Permission.unitsManage,
  'GET /api/v1/escalation-policies/:id': Permission.unitsRead,
  'PATCH /api/v1/escalation-policies/:id': Permission.unitsManage,
  'DELETE /api/v1/escalation-policies/:id': Permission.unitsManage,
  // Escalating incidents: everyone who sees the situation sees who was asked and who answered;
  // the duty officer runs them.
  'GET /api/v1/escalations': Permission.situationRead,
  'GET /api/v1/incidents/:id/escalations': Permission.situationRead,
  'POST /api/v1/incidents/:id/escalations': Permission.escalationsRun,
  'POST /api/v1/escalations/:id/acknowledgements': Permission.escalationsRun,
  'POST /api/v1/escalations/:id/escalate-now': Permission.escalationsRun,
  'POST /api/v1/escalations/:id/cancel': Permission.escalationsRun,
  // A person who is a unit's contact in the console sees the requests waiting for them.
  'GET /api/v1/escalation-requests': 'session',
  // The page a contact reached by SMS or e-mail answers on, without an account: the signed,
  // single-use token in its address is the credential.
  'GET /ack/:token': 'public',
  'POST /ack/:token': 'public',
  // Public messages: everyone who sees the situation reads them; communicators and duty officers
  // write, submit and publish them; a second person, a communicator or the leadership, approves.
  'GET /api/v1/messages': Permission.situationRead,
  'GET /api/v1/messages/:id': Permission.situationRead,
  'GET /api/v1/messages/:id/versions/:version/cap': Permission.situationRead,
  'GET /api/v1/incidents/:id/message-draft': Permission.messagesWrite,
  'POST /api/v1/messages': Permission.messagesWrite,
  'PATCH /api/v1/messages/:id': Permission.messagesWrite,
  'POST /api/v1/messages/:id/submit': Permission.messagesWrite,
  'POST /api/v1/messages/:id/return': Permission.messagesWrite,
  'POST /api/v1/messages/:id/approve': Permission.messagesApprove,
  'POST /api/v1/messages/:id/publish': Permission.messagesWrite,
  'POST /api/v1/messages/:id/withdraw': Permission.messagesWrite,
  'POST /api/v1/messages/:id/versions': Permission.messagesWrite,
  // What the public reads without an account: the valid messages as a page and as feeds.
  'GET /public': 'public',
  'GET /public/feed.atom': 'public',
  'GET /public/cap/feed.atom': 'public',
  'GET /public/cap/:id/:version': 'public',
  // The demo's stand-in for phones and mailboxes, for whoever is trying Vaka out.
  'GET /demo/phone': 'session',
};

/** The policy for a route, HEAD following GET; undefined when the table has no entry. */
export function routeAccess(method: string, url: string): RouteAccess | undefined {
  return ROUTE_POLICY[`${method === 'HEAD' ? 'GET' : method} ${url}`];
}

/** Everything the roles grant. */
export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  return new Set(roles.flatMap((role) => ROLE_PERMISSIONS[role]));
}

/** Which permission lets a console see each kind of journal entry on the live stream. */
export const JOURNAL_VISIBILITY: Record<JournalKind, Permission> = {
  [JournalKind.reportReceived]: Permission.situationRead,
  [JournalKind.incidentOpened]: Permission.situationRead,
  [JournalKind.incidentUpdated]: Permission.situationRead,
  [JournalKind.incidentMerged]: Permission.situationRead,
  [JournalKind.incidentSplit]: Permission.situationRead,
  [JournalKind.noteAdded]: Permission.situationRead,
  [JournalKind.entryFlagged]: Permission.situationRead,
  [JournalKind.entryCorrected]: Permission.situationRead,
  [JournalKind.readinessChanged]: Permission.situationRead,
  [JournalKind.signedIn]: Permission.securityLogRead,
  [JournalKind.signInFailed]: Permission.securityLogRead,
  [JournalKind.signedOut]: Permission.securityLogRead,
  [JournalKind.passwordChanged]: Permission.securityLogRead,
  [JournalKind.userCreated]: Permission.securityLogRead,
  [JournalKind.userChanged]: Permission.securityLogRead,
  [JournalKind.apiKeyCreated]: Permission.securityLogRead,
  [JournalKind.apiKeyRevoked]: Permission.securityLogRead,
  [JournalKind.secondFactorEnabled]: Permission.securityLogRead,
  [JournalKind.securitySettingsChanged]: Permission.securityLogRead,
  [JournalKind.userPreferencesChanged]: Permission.securityLogRead,
  [JournalKind.unitCreated]: Permission.situationRead,
  [JournalKind.unitChanged]: Permission.situationRead,
  [JournalKind.unitArchived]: Permission.situationRead,
  [JournalKind.scheduleCreated]: Permission.situationRead,
  [JournalKind.scheduleChanged]: Permission.situationRead,
  [JournalKind.scheduleArchived]: Permission.situationRead,
  [JournalKind.scheduleOverrideAdded]: Permission.situationRead,
  [JournalKind.scheduleOverrideRemoved]: Permission.situationRead,
  [JournalKind.escalationPolicyCreated]: Permission.situationRead,
  [JournalKind.escalationPolicyChanged]: Permission.situationRead,
  [JournalKind.escalationPolicyArchived]: Permission.situationRead,
  [JournalKind.escalationStarted]: Permission.situationRead,
  [JournalKind.escalationStepNotified]: Permission.situationRead,
  [JournalKind.escalationNotificationSent]: Permission.situationRead,
  [JournalKind.escalationNotificationHeld]: Permission.situationRead,
  [JournalKind.escalationNotificationFailed]: Permission.situationRead,
  [JournalKind.escalationAccepted]: Permission.situationRead,
  [JournalKind.escalationDeclined]: Permission.situationRead,
  [JournalKind.escalationRedirected]: Permission.situationRead,
  [JournalKind.escalationCancelled]: Permission.situationRead,
  [JournalKind.escalationExhausted]: Permission.situationRead,
  [JournalKind.messageDrafted]: Permission.situationRead,
  [JournalKind.messageChanged]: Permission.situationRead,
  [JournalKind.messageSubmitted]: Permission.situationRead,
  [JournalKind.messageReturned]: Permission.situationRead,
  [JournalKind.messageApproved]: Permission.situationRead,
  [JournalKind.messageScheduled]: Permission.situationRead,
  [JournalKind.messagePublished]: Permission.situationRead,
  [JournalKind.messageWithdrawn]: Permission.situationRead,
  [JournalKind.messageExpired]: Permission.situationRead,
  [JournalKind.webhookSubscriberCreated]: Permission.securityLogRead,
  [JournalKind.webhookSubscriberChanged]: Permission.securityLogRead,
  [JournalKind.webhookSecretRotated]: Permission.securityLogRead,
  [JournalKind.webhookSubscriberArchived]: Permission.securityLogRead,
  [JournalKind.webhookPinged]: Permission.securityLogRead,
  [JournalKind.webhookDelivered]: Permission.situationRead,
  [JournalKind.webhookDeliveryFailed]: Permission.situationRead,
  [JournalKind.plannedEventCreated]: Permission.situationRead,
  [JournalKind.plannedEventChanged]: Permission.situationRead,
  [JournalKind.plannedEventCancelled]: Permission.situationRead,
  [JournalKind.situationReportDrafted]: Permission.situationRead,
  [JournalKind.situationReportChanged]: Permission.situationRead,
  [JournalKind.situationReportApproved]: Permission.situationRead,
  [JournalKind.handoverDrafted]: Permission.situationRead,
  [JournalKind.handoverChanged]: Permission.situationRead,
  [JournalKind.handoverConfirmed]: Permission.situationRead,
};

/** The entry as a console with these permissions may see it: itself, or a placeholder. */
export function visibleEntry(
  entry: JournalEntry,
  permissions: ReadonlySet<Permission>,
): JournalEntry | HiddenJournalEntry {
  return permissions.has(JOURNAL_VISIBILITY[entry.kind])
    ? entry
    : { seq: entry.seq, recordedAt: entry.recordedAt, kind: 'hidden' };
}
