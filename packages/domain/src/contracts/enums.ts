import { Type } from 'typebox';

/** Incident and report categories; the defaults fit a city's safety and preparedness unit. */
export const Category = {
  fire: 'fire',
  severeWeather: 'severe_weather',
  flooding: 'flooding',
  publicOrder: 'public_order',
  publicEvent: 'public_event',
  demonstration: 'demonstration',
  stateVisit: 'state_visit',
  crimeViolence: 'crime_violence',
  threatAgainstOfficials: 'threat_against_officials',
  itSecurity: 'it_security',
  utilityPower: 'utility_power',
  utilityWater: 'utility_water',
  utilityHeating: 'utility_heating',
  utilityTelecom: 'utility_telecom',
  transport: 'transport',
  health: 'health',
  cbrnTerror: 'cbrn_terror',
  other: 'other',
} as const;
export type Category = (typeof Category)[keyof typeof Category];
export const CATEGORIES = Object.values(Category);
export const CategorySchema = Type.Enum(CATEGORIES, { description: 'Category from the taxonomy' });

/** Severity on a fixed, ordered scale. */
export const Severity = {
  minor: 'minor',
  moderate: 'moderate',
  serious: 'serious',
  critical: 'critical',
} as const;
export type Severity = (typeof Severity)[keyof typeof Severity];
export const SEVERITIES = Object.values(Severity);
export const SeveritySchema = Type.Enum(SEVERITIES);

/** Rank of a severity, 0 for minor up to 3 for critical. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** Where an incident stands in its lifecycle. */
export const IncidentStatus = {
  new: 'new',
  acknowledged: 'acknowledged',
  inProgress: 'in_progress',
  monitoring: 'monitoring',
  closed: 'closed',
} as const;
export type IncidentStatus = (typeof IncidentStatus)[keyof typeof IncidentStatus];
export const INCIDENT_STATUSES = Object.values(IncidentStatus);
export const IncidentStatusSchema = Type.Enum(INCIDENT_STATUSES);

/** The way a report reached the unit. */
export const ReportChannel = {
  phone: 'phone',
  email: 'email',
  radio: 'radio',
  walkIn: 'walk_in',
  partnerApi: 'partner_api',
  sensor: 'sensor',
  cap: 'cap',
  socialMedia: 'social_media',
  other: 'other',
} as const;
export type ReportChannel = (typeof ReportChannel)[keyof typeof ReportChannel];
export const REPORT_CHANNELS = Object.values(ReportChannel);
export const ReportChannelSchema = Type.Enum(REPORT_CHANNELS);

/** Languages the console and public messages speak. */
export const Language = { sv: 'sv', fi: 'fi', en: 'en', cs: 'cs' } as const;
export type Language = (typeof Language)[keyof typeof Language];
export const LANGUAGES = Object.values(Language);
export const LanguageSchema = Type.Enum(LANGUAGES);
