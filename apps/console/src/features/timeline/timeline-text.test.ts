import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  IncidentStatus,
  JournalKind,
  ReportChannel,
  Severity,
  type Incident,
  type JournalEntry,
} from '@vaka/domain';
import { en } from '../../i18n/locales/en.ts';
import { sv } from '../../i18n/locales/sv.ts';
import {
  buildIncident,
  incidentOpenedEntry,
  incidentUpdatedEntry,
  reportReceivedEntry,
} from '../../test-support/factories.ts';
import { describeEntry, statesBefore, type EntryText } from './timeline-text.ts';

const i18n = i18next.createInstance();

beforeAll(async () => {
  await i18n.init({
    resources: { en: { translation: en }, sv: { translation: sv } },
    lng: 'en',
    interpolation: { escapeValue: false },
  });
});

const fire = buildIncident({ title: 'Fire in a school', severity: Severity.serious });
const head = (seq: number) => ({
  seq,
  recordedAt: `2025-01-15T09:${String(seq).padStart(2, '0')}:00.000Z`,
  actor: 'tib',
});

function describe_(entry: JournalEntry, previous?: Incident, language = 'en'): EntryText {
  return describeEntry(entry, {
    incidentId: fire.id,
    previous,
    t: i18n.getFixedT(language),
  });
}

describe('describeEntry', () => {
  it('says where a report came from and what it said', () => {
    const entry = reportReceivedEntry(2, fire);
    expect(describe_(entry).summary).toBe('Report received by Phone: Fire in a school');
    if (entry.kind !== JournalKind.reportReceived) throw new Error('a report entry');
    const named: JournalEntry = {
      ...entry,
      data: {
        report: {
          ...entry.data.report,
          description: 'Smoke from the gym',
          source: { channel: ReportChannel.partnerApi, name: 'SOS Alarm' },
        },
      },
    };
    expect(describe_(named)).toEqual({
      summary: 'Report received by Partner system from SOS Alarm: Fire in a school',
      body: 'Smoke from the gym',
    });
  });

  it('names the opening with its severity and category', () => {
    expect(describe_(incidentOpenedEntry(1, fire)).summary).toBe(
      'Incident opened: Fire in a school — Serious, Fire',
    );
  });

  it('says a status change from what to what, with its reason', () => {
    const entry: JournalEntry = {
      ...head(3),
      kind: JournalKind.incidentUpdated,
      incidentId: fire.id,
      data: {
        incident: { ...fire, status: IncidentStatus.acknowledged },
        transition: 'acknowledge',
        reason: 'Seen by the duty officer',
      },
    };
    expect(describe_(entry, fire)).toEqual({
      summary: 'Status changed from New to Acknowledged',
      reason: 'Seen by the duty officer',
    });
    expect(describe_(entry).summary).toBe('Status changed to Acknowledged');
  });

  it('shows a changed field as old → new', () => {
    const entry: JournalEntry = {
      ...head(4),
      kind: JournalKind.incidentUpdated,
      incidentId: fire.id,
      data: {
        incident: { ...fire, severity: Severity.critical, location: { address: 'Skolgatan 2' } },
        previous: { severity: Severity.serious, location: { address: 'Skolgatan 1' } },
      },
    };
    expect(describe_(entry).summary).toBe(
      'Severity: Serious → Critical; Location: Skolgatan 1 → Skolgatan 2',
    );
  });

  it('says the incident was linked to a planned event, or unlinked', () => {
    const derby = '00000000-0000-4000-8000-0000000000de';
    const link = (plannedEventId: string | undefined, before: string | null): JournalEntry => ({
      ...head(5),
      kind: JournalKind.incidentUpdated,
      incidentId: fire.id,
      data: { incident: { ...fire, plannedEventId }, previous: { plannedEventId: before } },
    });
    expect(describe_(link(derby, null)).summary).toBe('Linked to a planned event');
    expect(describe_(link(undefined, derby)).summary).toBe('No longer linked to a planned event');
  });

  it('says a report was added, with how many the incident has now, not the server’s reason', () => {
    const entry: JournalEntry = {
      ...head(5),
      kind: JournalKind.incidentUpdated,
      incidentId: fire.id,
      data: {
        incident: { ...fire, reportCount: 2 },
        reason: 'A report was attached',
        attachedReportId: '00000000-0000-4000-8000-0000000000aa',
      },
    };
    expect(describe_(entry)).toEqual({ summary: 'Report added to this incident (reports: 2)' });
    expect(describe_(entry, undefined, 'sv').summary).toBe(
      'Rapport tillagd i händelsen (rapporter: 2)',
    );
  });

  it('reads a merge from both sides', () => {
    const duplicate = buildIncident({ title: 'Smoke at the school' });
    const entry: JournalEntry = {
      ...head(5),
      kind: JournalKind.incidentMerged,
      incidentId: duplicate.id,
      data: {
        incident: { ...duplicate, status: IncidentStatus.closed, mergedInto: fire.id },
        into: fire,
        reportIds: ['a', 'b'],
        reason: 'Same fire',
      },
    };
    expect(describe_(entry)).toEqual({
      summary: '“Smoke at the school” merged into this incident (reports moved: 2)',
      reason: 'Same fire',
    });
    expect(
      describeEntry(entry, { incidentId: duplicate.id, t: i18n.getFixedT('en') }).summary,
    ).toBe('Merged into “Fire in a school”');
  });

  it('reads a split from both sides', () => {
    const split = buildIncident({ title: 'Car fire nearby' });
    const entry: JournalEntry = {
      ...head(6),
      kind: JournalKind.incidentSplit,
      incidentId: split.id,
      data: { incident: split, from: fire, reportId: 'r', reason: 'Another fire' },
    };
    expect(describe_(entry).summary).toBe(
      'A report split out into the new incident “Car fire nearby”',
    );
    expect(describeEntry(entry, { incidentId: split.id, t: i18n.getFixedT('en') }).summary).toBe(
      'Split out of “Fire in a school”',
    );
  });

  it('gives a note its text, a flag what it changed, and a correction what it corrects', () => {
    const note: JournalEntry = {
      ...head(7),
      kind: JournalKind.noteAdded,
      incidentId: fire.id,
      data: { text: 'Crew on site', keyEvent: false, public: false },
    };
    const flag: JournalEntry = {
      ...head(8),
      kind: JournalKind.entryFlagged,
      incidentId: fire.id,
      data: { seq: 7, keyEvent: true, public: false },
    };
    const correction: JournalEntry = {
      ...head(9),
      kind: JournalKind.entryCorrected,
      incidentId: fire.id,
      data: { seq: 7, text: 'Two crews on site' },
    };
    expect(describe_(note)).toEqual({ summary: 'Note', body: 'Crew on site' });
    expect(describe_(flag).summary).toBe('#7: marked as a key event, no longer public');
    expect(describe_(correction)).toEqual({ summary: 'Corrects #7', body: 'Two crews on site' });
  });

  it('tells an escalation step by step: who was asked, how, and what they answered', () => {
    const notification = {
      id: '00000000-0000-4000-8000-000000000301',
      round: 0,
      step: 1,
      contactId: '00000000-0000-4000-8000-000000000001',
      contactName: 'Anna',
      channel: 'sms' as const,
      address: '+46 70 555 00 01',
      language: 'sv' as const,
      delivery: 'failed' as const,
      attempts: 1,
      queuedAt: '2025-01-15T09:05:00.000Z',
    };
    const escalation = {
      id: '00000000-0000-4000-8000-000000000400',
      incidentId: fire.id,
      unitId: '00000000-0000-4000-8000-000000000100',
      unitName: 'Räddningstjänsten',
      policyId: '00000000-0000-4000-8000-000000000600',
      policyName: 'Dygnet runt',
      steps: [],
      repeat: 0,
      brief: 'Ta över släckningen',
      status: 'active' as const,
      round: 0,
      step: 1,
      notifications: [notification],
      skipped: [],
      startedAt: '2025-01-15T09:00:00.000Z',
      startedBy: 'tib',
      updatedAt: '2025-01-15T09:05:00.000Z',
    };
    const entry = <K extends JournalEntry['kind']>(kind: K, data: object) =>
      ({ ...head(5), kind, incidentId: fire.id, data: { escalation, ...data } }) as JournalEntry;
    expect(describe_(entry(JournalKind.escalationStarted, {}))).toEqual({
      summary: 'Escalation to Räddningstjänsten started (Dygnet runt)',
      body: 'Ta över släckningen',
    });
    expect(
      describe_(
        entry(JournalKind.escalationStepNotified, { round: 0, step: 1, reason: 'timeout' }),
      ),
    ).toEqual({
      summary: 'Step 2 of the escalation to Räddningstjänsten: Anna by SMS',
      reason: 'no answer in time',
    });
    expect(
      describe_(
        entry(JournalKind.escalationNotificationFailed, {
          notificationId: notification.id,
          error: 'SMS gateway answered 400: unknown number',
          permanent: true,
        }),
      ),
    ).toEqual({
      summary: 'Could not reach Anna by SMS',
      reason: 'SMS gateway answered 400: unknown number',
    });
    expect(
      describe_(
        entry(JournalKind.escalationDeclined, {
          notificationId: notification.id,
          by: 'Anna',
          reason: 'På annat larm',
        }),
      ),
    ).toEqual({ summary: 'Anna declined for Räddningstjänsten', reason: 'På annat larm' });
    expect(
      describe_(
        entry(JournalKind.escalationAccepted, { by: 'Bo', via: 'phone', note: 'Ringde in' }),
        undefined,
        'sv',
      ),
    ).toEqual({
      summary: 'Bo tog emot för Räddningstjänsten, registrerat per telefon',
      reason: 'Ringde in',
    });
    expect(describe_(entry(JournalKind.escalationExhausted, {})).summary).toBe(
      'Nobody took the case: the escalation to Räddningstjänsten ran out',
    );
  });

  it('speaks the person’s language', () => {
    expect(describe_(incidentOpenedEntry(1, fire), undefined, 'sv').summary).toBe(
      'Händelsen öppnad: Fire in a school — Allvarlig, Brand',
    );
  });
});

describe('statesBefore', () => {
  it('knows the incident as it was before each change', () => {
    const acknowledged = { ...fire, status: IncidentStatus.acknowledged };
    const started = { ...fire, status: IncidentStatus.inProgress };
    const entries = [
      incidentOpenedEntry(1, fire),
      incidentUpdatedEntry(2, acknowledged),
      incidentUpdatedEntry(3, started),
    ];
    const before = statesBefore(entries);
    expect(before.get(2)?.status).toBe(IncidentStatus.new);
    expect(before.get(3)?.status).toBe(IncidentStatus.acknowledged);
  });
});
