import { describe, expect, it } from 'vitest';
import { Role } from '@vaka/domain';
import { accessOf } from '../auth/access.ts';
import { Section, sectionFromHash, sectionHref, sectionsFor } from './sections.ts';

describe('sections', () => {
  it('opens the incidents to console roles and administration to admins', () => {
    expect(sectionsFor(accessOf([Role.leadership]))).toEqual([
      Section.picture,
      Section.incidents,
      Section.units,
      Section.messages,
      Section.plannedEvents,
      Section.situationReports,
      Section.handover,
    ]);
    expect(sectionsFor(accessOf([Role.admin]))).toEqual([
      Section.units,
      Section.users,
      Section.apiKeys,
      Section.webhooks,
      Section.security,
    ]);
    expect(sectionsFor(accessOf([Role.admin, Role.communicator]))).toEqual([
      Section.incidents,
      Section.picture,
      Section.units,
      Section.messages,
      Section.plannedEvents,
      Section.situationReports,
      Section.handover,
      Section.users,
      Section.apiKeys,
      Section.webhooks,
      Section.security,
    ]);
  });

  it('follows the address, and falls back to the first open screen for one that is not open', () => {
    const adminOnly = sectionsFor(accessOf([Role.admin]));
    expect(sectionFromHash(sectionHref(Section.apiKeys), adminOnly)).toBe(Section.apiKeys);
    expect(sectionFromHash('#/incidents', adminOnly)).toBe(Section.units);
    expect(sectionFromHash('#/units', adminOnly)).toBe(Section.units);
    expect(sectionFromHash('', sectionsFor(accessOf([Role.dutyOfficer])))).toBe(Section.incidents);
    expect(sectionFromHash('', sectionsFor(accessOf([Role.leadership])))).toBe(Section.picture);
    expect(sectionFromHash('', sectionsFor(accessOf([Role.leadership, Role.dutyOfficer])))).toBe(
      Section.incidents,
    );
    expect(sectionFromHash('#/users', [])).toBeNull();
    expect(
      sectionFromHash('#/incidents/00000000-0000-4000-8000-000000000001', [
        Section.users,
        Section.incidents,
      ]),
    ).toBe(Section.incidents);
  });
});
