import { sql } from 'drizzle-orm';
import {
  customType,
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  primaryKey,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type {
  ApiKeyScope,
  Role,
  CapAlert,
  Category,
  ContactChannel,
  DeliveryStatus,
  DistrictRef,
  Escalation,
  EscalationStatus,
  EscalationStep,
  IncidentStatus,
  Language,
  Location,
  MessageFields,
  MessageStatus,
  NotificationResponse,
  OutboxChannel,
  ReportSource,
  ReporterContact,
  Schedule,
  Severity,
  SkippedTarget,
  WebhookEvent,
  PlannedEventKind,
  SituationReportStatus,
  SituationReportContent,
  HandoverStatus,
  HandoverPicture,
} from '@vaka/domain';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** PostgreSQL's text-search document; only ever computed by the database, never read by Vaka. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** The cases the duty officer works; the current state, whose history is in the journal. */
export const incidents = pgTable(
  'incidents',
  {
    id: uuid('id').primaryKey(),
    title: text('title').notNull(),
    category: text('category').$type<Category>().notNull(),
    severity: text('severity').$type<Severity>().notNull(),
    status: text('status').$type<IncidentStatus>().notNull(),
    location: jsonb('location').$type<Location>().notNull(),
    openedAt: timestamptz('opened_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
    reportCount: integer('report_count').notNull().default(0),
    district: jsonb('district').$type<DistrictRef>(),
    /** Set when the incident was merged into another as a duplicate. */
    mergedInto: uuid('merged_into'),
    /** The planned event (a match, a state visit…) the incident belongs to, if any. */
    plannedEventId: uuid('planned_event_id'),
    /** Title and address for full-text search (see vaka_search_vector in the migrations). */
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      sql`vaka_search_vector(title || ' ' || coalesce(location ->> 'address', ''))`,
    ),
  },
  (table) => [
    // NOTE: the migrations turn off this index's pending list (fastupdate), for steady intake.
    index('incidents_search_vector_idx').using('gin', table.searchVector),
    index('incidents_open_idx')
      .on(table.openedAt)
      .where(sql`status <> 'closed'`),
    index('incidents_opened_idx').on(table.openedAt),
    index('incidents_merged_into_idx')
      .on(table.mergedInto)
      .where(sql`merged_into is not null`),
  ],
);

/** Incoming information, immutable once received. */
export const reports = pgTable(
  'reports',
  {
    id: uuid('id').primaryKey(),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id),
    title: text('title').notNull(),
    description: text('description'),
    category: text('category').$type<Category>().notNull(),
    severity: text('severity').$type<Severity>().notNull(),
    location: jsonb('location').$type<Location>().notNull(),
    observedAt: timestamptz('observed_at').notNull(),
    receivedAt: timestamptz('received_at').notNull(),
    source: jsonb('source').$type<ReportSource>().notNull(),
    reporter: jsonb('reporter').$type<ReporterContact>(),
    /** The journal entry that recorded this report: part of the receipt a retry gets back. */
    journalSeq: bigint('journal_seq', { mode: 'number' }).notNull(),
    /** Scoped by `idempotency_scope` (the caller), so two partners never collide. */
    idempotencyScope: text('idempotency_scope'),
    idempotencyKey: text('idempotency_key'),
    /** Hash of the request body, so a reused key with a different body is refused, not ignored. */
    requestFingerprint: text('request_fingerprint'),
    /** The CAP alert a report was made from, as read. */
    cap: jsonb('cap').$type<CapAlert>(),
    /** Where that alert strayed from CAP 1.2, and whether it was real. */
    deviations: text('deviations').array(),
    /** Title and description for full-text search (see vaka_search_vector in the migrations). */
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      sql`vaka_search_vector(title || ' ' || coalesce(description, ''))`,
    ),
  },
  (table) => [
    // NOTE: the migrations turn off this index's pending list (fastupdate), for steady intake.
    index('reports_search_vector_idx').using('gin', table.searchVector),
    index('reports_incident_idx').on(table.incidentId),
    uniqueIndex('reports_idempotency_idx').on(table.idempotencyScope, table.idempotencyKey),
    // One report per CAP alert: a re-delivery (same sender, identifier and sent) is recognised.
    uniqueIndex('reports_cap_alert_idx')
      .on(sql`(cap ->> 'sender')`, sql`(cap ->> 'identifier')`, sql`(cap ->> 'sent')`)
      .where(sql`cap is not null`),
  ],
);

/**
 * The append-only, hash-chained log. `seq` is assigned under a transaction-scoped advisory lock,
 * so it follows commit order; a trigger (see the migrations) refuses UPDATE, DELETE and TRUNCATE.
 */
export const journal = pgTable(
  'journal',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    recordedAt: timestamptz('recorded_at').notNull(),
    actor: text('actor').notNull(),
    kind: text('kind').notNull(),
    incidentId: uuid('incident_id'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (table) => [
    index('journal_incident_idx').on(table.incidentId, table.seq),
    index('journal_kind_idx').on(table.kind, table.seq),
    index('journal_recorded_idx').on(table.recordedAt),
  ],
);

/** People who sign in. Passwords are argon2id hashes; null for accounts of the identity provider. */
export const users = pgTable('users', {
  id: uuid('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  roles: text('roles').array().$type<Role[]>().notNull(),
  passwordHash: text('password_hash'),
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  disabled: boolean('disabled').notNull().default(false),
  /** Consecutive failed sign-ins; each one past the threshold doubles the lockout. */
  failedSignIns: integer('failed_sign_ins').notNull().default(0),
  lockedUntil: timestamptz('locked_until'),
  createdAt: timestamptz('created_at').notNull(),
  /** Base32 TOTP secret; set up but unused until `totp_enabled`. */
  totpSecret: text('totp_secret'),
  totpEnabled: boolean('totp_enabled').notNull().default(false),
  /** The time step of the last code accepted, so no code is accepted twice. */
  totpLastStep: bigint('totp_last_step', { mode: 'number' }),
  /** The console's language the person chose; null until they choose one. */
  language: text('language').$type<Language>(),
});

/** Settings an admin chooses, one JSON value per key (see `SecuritySettings` in @vaka/domain). */
export const securitySettings = pgTable('security_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').$type<unknown>().notNull(),
});

/** Signed-in sessions. The cookie holds a random token; only its SHA-256 is stored. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamptz('created_at').notNull(),
    expiresAt: timestamptz('expires_at').notNull(),
  },
  (table) => [index('sessions_user_idx').on(table.userId)],
);

/** Keys for machines that send reports. Only the SHA-256 of the secret is stored. */
export const apiKeys = pgTable('api_keys', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  prefix: text('prefix').notNull(),
  secretHash: text('secret_hash').notNull().unique(),
  scopes: text('scopes').array().$type<ApiKeyScope[]>().notNull(),
  rateLimitPerMinute: integer('rate_limit_per_minute').notNull(),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamptz('created_at').notNull(),
  revokedAt: timestamptz('revoked_at'),
});

/** Organisations or parts of one that can be made responsible; archived ones stay for the journal. */
export const units = pgTable(
  'units',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    description: text('description'),
    categories: text('categories').array().$type<Category[]>().notNull(),
    /** Ids from the city's districts file; empty for the whole city. */
    districtIds: text('district_ids').array().notNull(),
    timeZone: text('time_zone').notNull(),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
    archivedAt: timestamptz('archived_at'),
  },
  (table) => [
    // Two units in use never share a name, so a duty officer can tell them apart.
    uniqueIndex('units_active_name_idx')
      .on(sql`lower(${table.name})`)
      .where(sql`archived_at is null`),
  ],
);

/**
 * The people and desks a unit is reached through. A contact removed from its unit keeps its row
 * (`removed_at`), so escalations and schedules that named it still can.
 */
export const unitContacts = pgTable(
  'unit_contacts',
  {
    id: uuid('id').primaryKey(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    /** The contact's place in the unit's list. */
    position: integer('position').notNull(),
    name: text('name').notNull(),
    phone: text('phone'),
    email: text('email'),
    username: text('username'),
    preferredChannel: text('preferred_channel').$type<ContactChannel>().notNull(),
    language: text('language').$type<Language>().notNull(),
    removedAt: timestamptz('removed_at'),
  },
  (table) => [index('unit_contacts_unit_idx').on(table.unitId, table.position)],
);

/** A unit's on-call schedules: the rotations (`definition`), without the overrides. */
export const schedules = pgTable(
  'schedules',
  {
    id: uuid('id').primaryKey(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    name: text('name').notNull(),
    definition: jsonb('definition').$type<Omit<Schedule, 'overrides'>>().notNull(),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
    archivedAt: timestamptz('archived_at'),
  },
  (table) => [index('schedules_unit_idx').on(table.unitId)],
);

/**
 * Someone takes over in a schedule for a while. A removed override keeps its row (`removed_at`),
 * so the journal's account of who was on call stays checkable.
 */
export const scheduleOverrides = pgTable(
  'schedule_overrides',
  {
    id: uuid('id').primaryKey(),
    scheduleId: uuid('schedule_id')
      .notNull()
      .references(() => schedules.id),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => unitContacts.id),
    fromAt: timestamptz('from_at').notNull(),
    toAt: timestamptz('to_at').notNull(),
    note: text('note'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamptz('created_at').notNull(),
    removedAt: timestamptz('removed_at'),
  },
  (table) => [index('schedule_overrides_schedule_idx').on(table.scheduleId, table.createdAt)],
);

/** How a unit is reached: ordered steps of contacts and schedules (`steps`), repeated. */
export const escalationPolicies = pgTable(
  'escalation_policies',
  {
    id: uuid('id').primaryKey(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    name: text('name').notNull(),
    repeat: integer('repeat').notNull(),
    steps: jsonb('steps').$type<EscalationStep[]>().notNull(),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
    archivedAt: timestamptz('archived_at'),
  },
  (table) => [index('escalation_policies_unit_idx').on(table.unitId)],
);

/**
 * An incident escalated to a unit. The policy's steps are copied in when it starts, so a later
 * change of the policy does not change an escalation under way. `next_step_at` is its durable
 * timer: whichever server instance finds it due first (under the journal lock) runs the step.
 */
export const escalations = pgTable(
  'escalations',
  {
    id: uuid('id').primaryKey(),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    unitName: text('unit_name').notNull(),
    policyId: uuid('policy_id')
      .notNull()
      .references(() => escalationPolicies.id),
    policyName: text('policy_name').notNull(),
    steps: jsonb('steps').$type<EscalationStep[]>().notNull(),
    repeat: integer('repeat').notNull(),
    brief: text('brief').notNull(),
    status: text('status').$type<EscalationStatus>().notNull(),
    round: integer('round').notNull(),
    step: integer('step').notNull(),
    nextStepAt: timestamptz('next_step_at'),
    skipped: jsonb('skipped').$type<SkippedTarget[]>().notNull(),
    startedAt: timestamptz('started_at').notNull(),
    startedBy: text('started_by').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
    endedAt: timestamptz('ended_at'),
    endedBy: text('ended_by'),
    endReason: text('end_reason'),
    redirectedTo: jsonb('redirected_to').$type<Escalation['redirectedTo']>(),
  },
  (table) => [
    index('escalations_incident_idx').on(table.incidentId),
    index('escalations_due_idx')
      .on(table.nextStepAt)
      .where(sql`status = 'active'`),
    index('escalations_awaiting_idx')
      .on(table.startedAt)
      .where(sql`status in ('active', 'exhausted')`),
  ],
);

/**
 * Every message Vaka sends a person or a partner, and where it stands. Senders claim due rows
 * with `FOR UPDATE SKIP LOCKED` and a lease, so each is sent by one instance; a lease that runs
 * out (the instance died mid-send) makes the row due again.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').primaryKey(),
    channel: text('channel').$type<OutboxChannel>().notNull(),
    /** A phone number, an address, a username or, for a webhook, the subscriber's id. */
    recipient: text('recipient').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    /** The recipient's language; none for a webhook, whose payload carries every language. */
    language: text('language').$type<Language>(),
    status: text('status').$type<DeliveryStatus>().notNull(),
    attempts: integer('attempts').notNull(),
    maxAttempts: integer('max_attempts').notNull(),
    nextAttemptAt: timestamptz('next_attempt_at').notNull(),
    leaseUntil: timestamptz('lease_until'),
    heldUntil: timestamptz('held_until'),
    lastError: text('last_error'),
    createdAt: timestamptz('created_at').notNull(),
    sentAt: timestamptz('sent_at'),
  },
  (table) => [
    index('outbox_due_idx')
      .on(table.nextAttemptAt)
      .where(sql`status in ('queued', 'sending')`),
    index('outbox_recipient_sent_idx')
      .on(table.recipient, table.sentAt)
      .where(sql`sent_at is not null`),
  ],
);

/** One contact notified in one step of an escalation, its outgoing message, and the answer. */
export const escalationNotifications = pgTable(
  'escalation_notifications',
  {
    id: uuid('id').primaryKey(),
    escalationId: uuid('escalation_id')
      .notNull()
      .references(() => escalations.id),
    round: integer('round').notNull(),
    step: integer('step').notNull(),
    contactId: uuid('contact_id').notNull(),
    contactName: text('contact_name').notNull(),
    scheduleId: uuid('schedule_id'),
    outboxId: uuid('outbox_id')
      .notNull()
      .references(() => outbox.id),
    queuedAt: timestamptz('queued_at').notNull(),
    response: text('response').$type<NotificationResponse>(),
    respondedAt: timestamptz('responded_at'),
    responseReason: text('response_reason'),
  },
  (table) => [
    index('escalation_notifications_escalation_idx').on(table.escalationId),
    uniqueIndex('escalation_notifications_outbox_idx').on(table.outboxId),
  ],
);

/** Secrets Vaka makes for itself on first start, such as the key that signs acknowledgement links. */
export const serverSecrets = pgTable('server_secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: timestamptz('created_at').notNull(),
});

/** What a public message says and where, kept as one document per version. */
export type PublicMessageContent = Omit<MessageFields, 'effective' | 'expires' | 'exercise'>;

/**
 * Public messages, one row per version: a version is drafted, reviewed, approved and published,
 * and an update is a new version. The fields the public page and the timers select by
 * (status, validity, exercise, publication) are columns; what the message says is `content`.
 */
export const publicMessages = pgTable(
  'public_messages',
  {
    id: uuid('id').notNull(),
    version: integer('version').notNull(),
    status: text('status').$type<MessageStatus>().notNull(),
    incidentId: uuid('incident_id').references(() => incidents.id),
    content: jsonb('content').$type<PublicMessageContent>().notNull(),
    effective: timestamptz('effective').notNull(),
    expires: timestamptz('expires').notNull(),
    exercise: boolean('exercise').notNull(),
    author: text('author').notNull(),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
    submittedAt: timestamptz('submitted_at'),
    /** Sent back to draft: by whom, when and what must change, until it is submitted again. */
    returnedBy: text('returned_by'),
    returnedAt: timestamptz('returned_at'),
    returnReason: text('return_reason'),
    approvedBy: text('approved_by'),
    approvedAt: timestamptz('approved_at'),
    /** Scheduled publication: the timer publishes an approved version at this time. */
    publishAt: timestamptz('publish_at'),
    /** Who scheduled it, who the publication is then by. */
    scheduledBy: text('scheduled_by'),
    publishedBy: text('published_by'),
    publishedAt: timestamptz('published_at'),
    withdrawnBy: text('withdrawn_by'),
    withdrawnAt: timestamptz('withdrawn_at'),
    withdrawReason: text('withdraw_reason'),
  },
  (table) => [
    primaryKey({ columns: [table.id, table.version] }),
    index('public_messages_updated_idx').on(table.updatedAt),
    index('public_messages_incident_idx')
      .on(table.incidentId)
      .where(sql`incident_id is not null`),
    // What the public sees, and what the timer expires.
    index('public_messages_published_idx')
      .on(table.expires)
      .where(sql`status = 'published'`),
    index('public_messages_scheduled_idx')
      .on(table.publishAt)
      .where(sql`status = 'approved' and publish_at is not null`),
  ],
);

/**
 * Partners and bridges sent the public messages as they go out. The secret signs each delivery
 * (HMAC-SHA-256), so it is kept as it is, like the server's own keys, and never shown again.
 */
export const webhookSubscribers = pgTable('webhook_subscribers', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  url: text('url').notNull(),
  secret: text('secret').notNull(),
  exercises: boolean('exercises').notNull(),
  createdAt: timestamptz('created_at').notNull(),
  createdBy: text('created_by').notNull(),
  updatedAt: timestamptz('updated_at').notNull(),
  archivedAt: timestamptz('archived_at'),
});

/** One event for one subscriber: its row in the outbox, and what it was about. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    outboxId: uuid('outbox_id')
      .primaryKey()
      .references(() => outbox.id),
    /** Queue order: a subscriber is sent its events one at a time, in this order. */
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
    subscriberId: uuid('subscriber_id')
      .notNull()
      .references(() => webhookSubscribers.id),
    event: text('event').$type<WebhookEvent>().notNull(),
    messageId: uuid('message_id'),
    version: integer('version'),
  },
  (table) => [
    index('webhook_deliveries_subscriber_idx').on(table.subscriberId, table.seq),
    index('webhook_deliveries_message_idx')
      .on(table.messageId)
      .where(sql`message_id is not null`),
  ],
);

/**
 * The CAP feeds Vaka polls (configured in `VAKA_CAP_FEEDS`), one row per feed URL: when it is
 * polled next, the validators for a conditional request, and how the last poll went.
 */
export const capFeeds = pgTable(
  'cap_feeds',
  {
    url: text('url').primaryKey(),
    name: text('name').notNull(),
    etag: text('etag'),
    lastModified: text('last_modified'),
    nextPollAt: timestamptz('next_poll_at').notNull(),
    /** `imported`, `unchanged` or `failed`; null before the first poll. */
    lastStatus: text('last_status').$type<CapFeedStatus>(),
    lastError: text('last_error'),
    lastPolledAt: timestamptz('last_polled_at'),
    /** The last poll that went well: the feed answered, and every alert it lists was taken. */
    lastSucceededAt: timestamptz('last_succeeded_at'),
    /** The first of the failed polls since the last good one; null while the feed works. */
    failingSince: timestamptz('failing_since'),
    /** Alerts the last poll stored as new reports, and those it recognised as already stored. */
    lastNewAlerts: integer('last_new_alerts').notNull().default(0),
    lastRepeatedAlerts: integer('last_repeated_alerts').notNull().default(0),
    totalNewAlerts: integer('total_new_alerts').notNull().default(0),
    totalRepeatedAlerts: integer('total_repeated_alerts').notNull().default(0),
    /** When the feed last brought an alert Vaka did not have. */
    lastNewAlertAt: timestamptz('last_new_alert_at'),
  },
  (table) => [index('cap_feeds_next_poll_idx').on(table.nextPollAt)],
);

/** How a feed's last poll went. */
export type CapFeedStatus = 'imported' | 'unchanged' | 'failed';

/** The calendar of known events: matches, state visits, demonstrations, festivals. */
export const plannedEvents = pgTable(
  'planned_events',
  {
    id: uuid('id').primaryKey(),
    title: text('title').notNull(),
    kind: text('kind').$type<PlannedEventKind>().notNull(),
    startsAt: timestamptz('starts_at').notNull(),
    endsAt: timestamptz('ends_at').notNull(),
    location: jsonb('location').$type<Location>().notNull(),
    district: jsonb('district').$type<DistrictRef>(),
    expectedCrowd: integer('expected_crowd'),
    responsibleUnitIds: jsonb('responsible_unit_ids').$type<string[]>().notNull(),
    notes: text('notes').notNull(),
    createdAt: timestamptz('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
    cancelledAt: timestamptz('cancelled_at'),
    cancelledBy: text('cancelled_by'),
    cancelReason: text('cancel_reason'),
  },
  (table) => [index('planned_events_time_idx').on(table.startsAt, table.endsAt)],
);

/**
 * Situation reports: drafts the duty officer edits, and approved ones, numbered and immutable. A
 * correction of an approved report is a new row that `revises` it and takes its number.
 */
export const situationReports = pgTable(
  'situation_reports',
  {
    id: uuid('id').primaryKey(),
    status: text('status').$type<SituationReportStatus>().notNull(),
    number: integer('number'),
    version: integer('version').notNull(),
    revises: uuid('revises'),
    language: text('language').$type<Language>().notNull(),
    periodFrom: timestamptz('period_from').notNull(),
    periodTo: timestamptz('period_to').notNull(),
    content: jsonb('content').$type<SituationReportContent>().notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
    approvedBy: text('approved_by'),
    approvedAt: timestamptz('approved_at'),
  },
  (table) => [
    uniqueIndex('situation_reports_number_idx')
      .on(table.number, table.version)
      .where(sql`number is not null`),
    index('situation_reports_updated_idx').on(table.updatedAt),
  ],
);

/** Shift handovers: the outgoing duty officer's draft and the incoming one's confirmation. */
export const handovers = pgTable(
  'handovers',
  {
    id: uuid('id').primaryKey(),
    status: text('status').$type<HandoverStatus>().notNull(),
    picture: jsonb('picture').$type<HandoverPicture>().notNull(),
    notes: text('notes').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
    confirmedBy: text('confirmed_by'),
    confirmedAt: timestamptz('confirmed_at'),
  },
  (table) => [
    index('handovers_created_idx').on(table.createdAt),
    index('handovers_confirmed_idx')
      .on(table.confirmedAt)
      .where(sql`status = 'confirmed'`),
  ],
);
