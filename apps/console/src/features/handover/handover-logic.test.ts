import { describe, expect, it } from 'vitest';
import { buildHandover, buildMessage } from './handover-factory.ts';
import {
  confirmRefusal,
  followLatest,
  handoverHref,
  handoverRouteFromHash,
  mergeNotes,
  messageHeadline,
  splitHandovers,
} from './handover-logic.ts';

const later = (minutes: number) =>
  new Date(Date.parse('2026-11-22T06:00:00.000Z') + minutes * 60_000).toISOString();

describe('the handover section’s addresses', () => {
  it('opens one handover by its address, and the section otherwise', () => {
    const id = '7b0c9a52-3f1e-4a8e-9d7c-2a6f0e1b4c30';
    expect(handoverRouteFromHash(handoverHref(id))).toEqual({ kind: 'handover', handoverId: id });
    expect(handoverRouteFromHash('#/handover')).toEqual({ kind: 'list' });
    expect(handoverRouteFromHash('#/handover/not-an-id')).toEqual({ kind: 'list' });
  });
});

describe('the handovers listed', () => {
  it('sets the draft in progress apart from the confirmed ones, keeping their order', () => {
    const draft = buildHandover({ id: 'a' });
    const newer = buildHandover({ id: 'b', status: 'confirmed' });
    const older = buildHandover({ id: 'c', status: 'confirmed' });
    expect(splitHandovers([draft, newer, older])).toEqual({ draft, confirmed: [newer, older] });
    expect(splitHandovers([newer]).draft).toBeNull();
  });
});

describe('who may confirm a handover', () => {
  it('is another duty officer than its author, and only while it is a draft', () => {
    const draft = buildHandover({ createdBy: 'tib-natt' });
    expect(confirmRefusal(draft, 'tib', true)).toBeNull();
    expect(confirmRefusal(draft, 'tib-natt', true)).toBe('ownHandover');
    expect(confirmRefusal(draft, 'ledning', false)).toBe('noPermission');
    expect(confirmRefusal({ ...draft, status: 'confirmed' }, 'tib', true)).toBe('confirmed');
  });
});

describe('the notes editor following the handover', () => {
  const base = buildHandover({ notes: 'Ring Ellevio' });

  it('takes a newer version as it is while nothing is typed', () => {
    const latest = { ...base, notes: 'Ring Ellevio kl. 09', updatedAt: later(2) };
    expect(followLatest({ base, notes: base.notes }, latest)).toEqual({
      base: latest,
      notes: 'Ring Ellevio kl. 09',
    });
  });

  it('keeps what is typed on a newer picture with the same notes', () => {
    const latest = {
      ...base,
      updatedAt: later(2),
      picture: { ...base.picture, gatheredAt: later(2) },
    };
    expect(followLatest({ base, notes: 'Ring Ellevio och Vatten' }, latest)).toEqual({
      base: latest,
      notes: 'Ring Ellevio och Vatten',
    });
  });

  it('stays on its version when the notes changed there while typing here, for saving to merge', () => {
    const editor = { base, notes: 'Ring Ellevio och Vatten' };
    const latest = { ...base, notes: 'Ring Ellevio kl. 09', updatedAt: later(2) };
    expect(followLatest(editor, latest)).toBe(editor);
  });

  it('ignores a version older than its own', () => {
    const editor = { base: { ...base, updatedAt: later(5) }, notes: base.notes };
    expect(followLatest(editor, { ...base, notes: 'old', updatedAt: later(1) })).toBe(editor);
  });
});

describe('merging the notes after someone else saved first', () => {
  const base = buildHandover({ notes: 'Ring Ellevio' });
  const theirs = { ...base, notes: 'Ring Ellevio kl. 09', updatedAt: later(3) };

  it('takes their notes when nothing was typed here', () => {
    expect(mergeNotes({ base, notes: base.notes }, theirs)).toEqual({
      editor: { base: theirs, notes: theirs.notes },
      bothChanged: false,
    });
  });

  it('keeps the notes typed here, and says both changed them', () => {
    expect(mergeNotes({ base, notes: 'Ring Vatten' }, theirs)).toEqual({
      editor: { base: theirs, notes: 'Ring Vatten' },
      bothChanged: true,
    });
  });

  it('keeps the notes typed here without alarm when only the picture changed there', () => {
    const refreshed = { ...base, updatedAt: later(3) };
    expect(mergeNotes({ base, notes: 'Ring Vatten' }, refreshed)).toEqual({
      editor: { base: refreshed, notes: 'Ring Vatten' },
      bothChanged: false,
    });
  });
});

describe('a message’s headline in the handover', () => {
  it('is in the console’s language when the message has it, else in its first language', () => {
    const message = buildMessage({ sv: 'Vattenläcka', en: 'Water main burst' });
    expect(messageHeadline(message, 'en')).toEqual({
      headline: 'Water main burst',
      language: 'en',
    });
    expect(messageHeadline(message, 'fi')).toEqual({ headline: 'Vattenläcka', language: 'sv' });
    expect(messageHeadline(buildMessage({}), 'en')).toBeNull();
  });
});
