import { describe, expect, it } from 'vitest';
import { Role } from '@vaka/domain';
import { accessOf } from './access.ts';

describe('accessOf', () => {
  it('gives the duty officer the list and the report form, and nothing of administration', () => {
    expect(accessOf([Role.dutyOfficer])).toEqual({
      situation: true,
      intake: true,
      updateIncidents: true,
      users: false,
      apiKeys: false,
      webhooks: false,
      securitySettings: false,
      setReadiness: true,
      exportJournal: true,
      readUnits: true,
      manageUnits: false,
      readMessages: true,
      writeMessages: true,
      approveMessages: false,
      writePlannedEvents: true,
      writeSituationReports: true,
      approveSituationReports: false,
      writeHandovers: true,
    });
  });

  it('shows communicators and leadership the list only, to read', () => {
    for (const role of [Role.communicator, Role.leadership]) {
      expect(accessOf([role])).toMatchObject({
        situation: true,
        intake: false,
        updateIncidents: false,
      });
    }
  });

  it('lets the duty officer and leadership change the readiness level and export the journal, not the communicator', () => {
    for (const role of [Role.dutyOfficer, Role.leadership]) {
      expect(accessOf([role])).toMatchObject({ setReadiness: true, exportJournal: true });
    }
    expect(accessOf([Role.communicator])).toMatchObject({
      setReadiness: false,
      exportJournal: false,
    });
  });

  it('gives an admin the admin screens only, and everything with a console role as well', () => {
    expect(accessOf([Role.admin])).toEqual({
      situation: false,
      intake: false,
      updateIncidents: false,
      users: true,
      apiKeys: true,
      webhooks: true,
      securitySettings: true,
      setReadiness: false,
      exportJournal: false,
      readUnits: true,
      manageUnits: true,
      readMessages: false,
      writeMessages: false,
      approveMessages: false,
      writePlannedEvents: false,
      writeSituationReports: false,
      approveSituationReports: false,
      writeHandovers: false,
    });
    expect(accessOf([Role.admin, Role.dutyOfficer])).toEqual({
      situation: true,
      intake: true,
      updateIncidents: true,
      users: true,
      apiKeys: true,
      webhooks: true,
      securitySettings: true,
      setReadiness: true,
      exportJournal: true,
      readUnits: true,
      manageUnits: true,
      readMessages: true,
      writeMessages: true,
      approveMessages: false,
      writePlannedEvents: true,
      writeSituationReports: true,
      approveSituationReports: false,
      writeHandovers: true,
    });
  });

  it('lets every role read the public messages; communicators and duty officers write them, communicators and leadership approve them', () => {
    expect(accessOf([Role.communicator])).toMatchObject({
      readMessages: true,
      writeMessages: true,
      approveMessages: true,
    });
    expect(accessOf([Role.leadership])).toMatchObject({
      readMessages: true,
      writeMessages: false,
      approveMessages: true,
    });
  });

  it('lets duty officers draft situation reports and leadership approve them, and nobody both', () => {
    expect(accessOf([Role.dutyOfficer])).toMatchObject({
      writeSituationReports: true,
      approveSituationReports: false,
    });
    expect(accessOf([Role.leadership])).toMatchObject({
      writeSituationReports: false,
      approveSituationReports: true,
    });
    expect(accessOf([Role.communicator])).toMatchObject({
      writeSituationReports: false,
      approveSituationReports: false,
    });
  });

  it('lets duty officers hand the shift over, and everyone else only read it', () => {
    expect(accessOf([Role.dutyOfficer])).toMatchObject({ situation: true, writeHandovers: true });
    for (const role of [Role.communicator, Role.leadership]) {
      expect(accessOf([role])).toMatchObject({ situation: true, writeHandovers: false });
    }
  });

  it('lets every role read the units, and only admins change them', () => {
    for (const role of [Role.dutyOfficer, Role.communicator, Role.leadership]) {
      expect(accessOf([role])).toMatchObject({ readUnits: true, manageUnits: false });
    }
  });

  it('opens nothing for a person without roles', () => {
    expect(Object.values(accessOf([])).every((opened) => !opened)).toBe(true);
  });
});
