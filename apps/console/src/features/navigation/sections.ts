import type { ConsoleAccess } from '../auth/access.ts';

/** The console's screens, each at its own `#/` address so the browser's back button works. */
export const Section = {
  incidents: 'incidents',
  picture: 'picture',
  units: 'units',
  messages: 'messages',
  plannedEvents: 'planned-events',
  situationReports: 'situation-reports',
  handover: 'handover',
  users: 'users',
  apiKeys: 'api-keys',
  webhooks: 'webhooks',
  security: 'security',
} as const;
export type Section = (typeof Section)[keyof typeof Section];

/** The screens a person's roles open, in the order the header shows them. */
export function sectionsFor(access: ConsoleAccess): Section[] {
  const sections: Section[] = [];
  // Leadership (they approve situation reports, and take no reports) land on the picture.
  const pictureFirst = access.approveSituationReports && !access.intake;
  if (access.situation && pictureFirst) sections.push(Section.picture);
  if (access.situation) sections.push(Section.incidents);
  if (access.situation && !pictureFirst) sections.push(Section.picture);
  if (access.readUnits) sections.push(Section.units);
  if (access.readMessages) sections.push(Section.messages);
  if (access.situation) sections.push(Section.plannedEvents);
  if (access.situation) sections.push(Section.situationReports);
  if (access.situation) sections.push(Section.handover);
  if (access.users) sections.push(Section.users);
  if (access.apiKeys) sections.push(Section.apiKeys);
  if (access.webhooks) sections.push(Section.webhooks);
  if (access.securitySettings) sections.push(Section.security);
  return sections;
}

/** The screen a `#/…` address names, or the first open one when it names none of them. */
export function sectionFromHash(hash: string, open: readonly Section[]): Section | null {
  // The first part names the screen; what follows is the screen's own, e.g. the open incident.
  const named = hash.replace(/^#\/?/, '').split('/')[0];
  return open.find((section) => section === named) ?? open[0] ?? null;
}

/** The address of a screen. */
export function sectionHref(section: Section): string {
  return `#/${section}`;
}
