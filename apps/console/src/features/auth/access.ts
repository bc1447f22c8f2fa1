import { Permission, permissionsOf, type Role } from '@vaka/domain';

/** Which parts of the console a person's roles open. */
export interface ConsoleAccess {
  /** The live incident list. */
  readonly situation: boolean;
  /** The phone report form. */
  readonly intake: boolean;
  /** Changing incidents: status, severity, category, notes, flags, merges and splits. */
  readonly updateIncidents: boolean;
  readonly users: boolean;
  readonly apiKeys: boolean;
  /** The partners and bridges sent each public message. */
  readonly webhooks: boolean;
  readonly securitySettings: boolean;
  /** Changing the city's readiness level. */
  readonly setReadiness: boolean;
  /** Downloading the journal, of one incident or of a period. */
  readonly exportJournal: boolean;
  /** The units incidents can be escalated to, and their contacts. */
  readonly readUnits: boolean;
  /** Creating, changing and archiving units. */
  readonly manageUnits: boolean;
  /** The public messages, as their list and pages. */
  readonly readMessages: boolean;
  /** Drafting, changing, submitting, publishing and withdrawing public messages. */
  readonly writeMessages: boolean;
  /** Approving another person's public message. */
  readonly approveMessages: boolean;
  /** Adding, changing and calling off planned events. */
  readonly writePlannedEvents: boolean;
  /** Drafting, editing and correcting situation reports. */
  readonly writeSituationReports: boolean;
  /** Approving a situation report someone else wrote. */
  readonly approveSituationReports: boolean;
  /** Drafting a shift handover, and confirming another duty officer's. */
  readonly writeHandovers: boolean;
}

/** What the console shows for these roles; the server enforces the same policy table. */
export function accessOf(roles: readonly Role[]): ConsoleAccess {
  const permissions = permissionsOf(roles);
  return {
    situation: permissions.has(Permission.situationRead),
    intake: permissions.has(Permission.situationRead) && permissions.has(Permission.reportsCreate),
    updateIncidents: permissions.has(Permission.incidentsUpdate),
    users: permissions.has(Permission.usersManage),
    apiKeys: permissions.has(Permission.apiKeysManage),
    webhooks: permissions.has(Permission.webhooksManage),
    securitySettings: permissions.has(Permission.securitySettingsManage),
    setReadiness: permissions.has(Permission.readinessSet),
    exportJournal: permissions.has(Permission.journalExport),
    readUnits: permissions.has(Permission.unitsRead),
    manageUnits: permissions.has(Permission.unitsManage),
    readMessages: permissions.has(Permission.situationRead),
    writeMessages: permissions.has(Permission.messagesWrite),
    approveMessages: permissions.has(Permission.messagesApprove),
    writePlannedEvents: permissions.has(Permission.plannedEventsWrite),
    writeSituationReports: permissions.has(Permission.situationReportsWrite),
    approveSituationReports: permissions.has(Permission.situationReportsApprove),
    writeHandovers: permissions.has(Permission.handoversWrite),
  };
}
