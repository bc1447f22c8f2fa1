import {
  Category,
  IncidentStatus,
  ReportChannel,
  Severity,
  type CreateReport,
  type Incident,
  type ReporterContact,
} from '@vaka/domain';

/** What the duty officer has typed into the intake form. */
export interface ReportDraft {
  readonly title: string;
  readonly category: Category;
  readonly severity: Severity;
  readonly address: string;
  readonly description: string;
  readonly callerName: string;
  readonly callerPhone: string;
  /** The open incident the report is about; empty when it starts a new one. */
  readonly belongsTo: string;
}

export type DraftField = keyof ReportDraft;

/** Which message (a key under `intake`) a field that cannot be sent shows. */
export type DraftErrors = Partial<
  Record<DraftField, 'titleRequired' | 'addressRequired' | 'phoneInvalid'>
>;

/** The limits of CreateReportSchema, so the form stops the duty officer before the server does. */
export const DRAFT_LIMITS = {
  title: 200,
  address: 300,
  description: 10_000,
  callerName: 200,
  callerPhone: 50,
} as const;

const PHONE_PATTERN = /^[+0-9 ()-]*$/;

/** An empty form. */
export function emptyDraft(): ReportDraft {
  return {
    title: '',
    category: Category.other,
    severity: Severity.moderate,
    address: '',
    description: '',
    callerName: '',
    callerPhone: '',
    belongsTo: '',
  };
}

/** What keeps the draft from being sent; an empty object when it can go. */
export function validateDraft(draft: ReportDraft): DraftErrors {
  const errors: DraftErrors = {};
  if (draft.title.trim() === '') errors.title = 'titleRequired';
  if (draft.address.trim() === '') errors.address = 'addressRequired';
  if (!PHONE_PATTERN.test(draft.callerPhone.trim())) errors.callerPhone = 'phoneInvalid';
  return errors;
}

/** The body of `POST /api/v1/reports` (or of an incident's reports) for a report taken by phone. */
export function toCreateReport(draft: ReportDraft): CreateReport {
  const description = draft.description.trim();
  const reporter: ReporterContact = {};
  const callerName = draft.callerName.trim();
  const callerPhone = draft.callerPhone.trim();
  if (callerName !== '') reporter.name = callerName;
  if (callerPhone !== '') reporter.phone = callerPhone;
  return {
    title: draft.title.trim(),
    category: draft.category,
    severity: draft.severity,
    location: { address: draft.address.trim() },
    source: { channel: ReportChannel.phone },
    ...(description === '' ? {} : { description }),
    ...(Object.keys(reporter).length === 0 ? {} : { reporter }),
  };
}

/** Whether nothing has been typed into the draft yet. */
export function isEmptyDraft(draft: ReportDraft): boolean {
  const empty = emptyDraft();
  return (Object.keys(empty) as DraftField[]).every((field) => draft[field] === empty[field]);
}

/** The id the draft goes by while it is compared with the open incidents. */
export const DRAFT_INCIDENT_ID = 'draft';

/**
 * The incident the draft would open if sent now, to compare with the open incidents: its title,
 * category, severity and address, opened at `now`.
 */
export function draftIncident(
  draft: Pick<ReportDraft, 'title' | 'category' | 'severity' | 'address'>,
  now: Date,
): Incident {
  const at = now.toISOString();
  return {
    id: DRAFT_INCIDENT_ID,
    title: draft.title.trim(),
    category: draft.category,
    severity: draft.severity,
    status: IncidentStatus.new,
    location: { address: draft.address.trim() },
    openedAt: at,
    updatedAt: at,
    reportCount: 0,
  };
}
