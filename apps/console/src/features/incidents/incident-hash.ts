import { Section, sectionHref } from '../navigation/sections.ts';

const INCIDENT_HASH = /^#\/?incidents\/([0-9a-f-]{36})$/i;

/** The address of an open incident, so a reload or a shared link opens it again. */
export function incidentHref(incidentId: string): string {
  return `${sectionHref(Section.incidents)}/${incidentId}`;
}

/** The incident an address names, or null. */
export function incidentIdFromHash(hash: string): string | null {
  return INCIDENT_HASH.exec(hash)?.[1]?.toLowerCase() ?? null;
}
