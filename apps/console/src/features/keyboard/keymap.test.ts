import { describe, expect, it } from 'vitest';
import {
  commandForKey,
  KEY_BINDINGS,
  KeyCommand,
  severityIndexForKey,
  type KeyContext,
} from './keymap.ts';

const dutyOfficer: KeyContext = {
  typing: false,
  helpOpen: false,
  mayUpdate: true,
  mayReport: true,
};
const leadership: KeyContext = { ...dutyOfficer, mayUpdate: false, mayReport: false };

describe('commandForKey', () => {
  it('moves through the queue with j/k and the arrow keys, and opens with o', () => {
    expect(commandForKey({ key: 'j' }, dutyOfficer)).toBe(KeyCommand.nextIncident);
    expect(commandForKey({ key: 'ArrowDown' }, dutyOfficer)).toBe(KeyCommand.nextIncident);
    expect(commandForKey({ key: 'k' }, dutyOfficer)).toBe(KeyCommand.previousIncident);
    expect(commandForKey({ key: 'ArrowUp' }, dutyOfficer)).toBe(KeyCommand.previousIncident);
    expect(commandForKey({ key: 'o' }, dutyOfficer)).toBe(KeyCommand.openIncident);
  });

  it('leaves Enter to the focused control, and opens the incident at the cursor when none is', () => {
    expect(commandForKey({ key: 'Enter' }, dutyOfficer)).toBeNull();
    expect(commandForKey({ key: 'Enter' }, { ...dutyOfficer, nothingFocused: true })).toBe(
      KeyCommand.openIncident,
    );
  });

  it('leaves the arrow keys to controls that move with them', () => {
    expect(commandForKey({ key: 'ArrowDown' }, { ...dutyOfficer, arrowsTaken: true })).toBeNull();
    expect(commandForKey({ key: 'j' }, { ...dutyOfficer, arrowsTaken: true })).toBe(
      KeyCommand.nextIncident,
    );
  });

  it('gives every action of the duty officer its letter', () => {
    const letters = Object.fromEntries(
      ['a', 's', 'c', 'n', 't', 'e', 'g', 'm', 'x', 'f', 'r', 'u', '/', 'p', '?'].map((key) => [
        key,
        commandForKey({ key }, dutyOfficer),
      ]),
    );
    expect(letters).toEqual({
      a: KeyCommand.acknowledge,
      s: KeyCommand.start,
      c: KeyCommand.close,
      n: KeyCommand.newReport,
      t: KeyCommand.addNote,
      e: KeyCommand.changeSeverity,
      g: KeyCommand.changeCategory,
      m: KeyCommand.merge,
      x: KeyCommand.split,
      f: KeyCommand.flagEntry,
      r: KeyCommand.correctEntry,
      u: KeyCommand.escalate,
      '/': KeyCommand.search,
      p: KeyCommand.toggleMap,
      '?': KeyCommand.toggleHelp,
    });
  });

  it('does nothing with letters typed into a field, but Esc still dismisses', () => {
    const typing = { ...dutyOfficer, typing: true };
    for (const key of ['j', 'a', 'c', 'n', '/', '?', 'ArrowDown']) {
      expect(commandForKey({ key }, typing)).toBeNull();
    }
    expect(commandForKey({ key: 'Escape' }, typing)).toBe(KeyCommand.dismiss);
  });

  it('starts a report with Alt+N even from a field', () => {
    expect(
      commandForKey({ key: 'ñ', code: 'KeyN', altKey: true }, { ...dutyOfficer, typing: true }),
    ).toBe(KeyCommand.newReport);
  });

  it('keeps the browser’s own shortcuts', () => {
    expect(commandForKey({ key: 'c', ctrlKey: true }, dutyOfficer)).toBeNull();
    expect(commandForKey({ key: 'f', metaKey: true }, dutyOfficer)).toBeNull();
    expect(commandForKey({ key: 'a', isComposing: true }, dutyOfficer)).toBeNull();
  });

  it('lets someone who may only read move, open, search and read the key list, nothing more', () => {
    expect(commandForKey({ key: 'j' }, leadership)).toBe(KeyCommand.nextIncident);
    expect(commandForKey({ key: '/' }, leadership)).toBe(KeyCommand.search);
    expect(commandForKey({ key: '?' }, leadership)).toBe(KeyCommand.toggleHelp);
    for (const key of ['a', 's', 'c', 'n', 't', 'e', 'g', 'm', 'x', 'f', 'r']) {
      expect(commandForKey({ key }, leadership)).toBeNull();
    }
  });

  it('answers only ? and Esc while the key list is open', () => {
    const helpOpen = { ...dutyOfficer, helpOpen: true };
    expect(commandForKey({ key: 'j' }, helpOpen)).toBeNull();
    expect(commandForKey({ key: 'a' }, helpOpen)).toBeNull();
    expect(commandForKey({ key: '?' }, helpOpen)).toBe(KeyCommand.toggleHelp);
    expect(commandForKey({ key: 'Escape' }, helpOpen)).toBe(KeyCommand.dismiss);
  });

  it('lists every command in the key list exactly once', () => {
    const listed = KEY_BINDINGS.map((binding) => binding.command);
    expect([...listed].sort()).toEqual(Object.values(KeyCommand).sort());
  });
});

describe('severityIndexForKey', () => {
  it('reads 1 to 4 as minor to critical and nothing else', () => {
    expect(['1', '2', '3', '4'].map(severityIndexForKey)).toEqual([0, 1, 2, 3]);
    expect(severityIndexForKey('0')).toBeNull();
    expect(severityIndexForKey('5')).toBeNull();
    expect(severityIndexForKey('e')).toBeNull();
  });
});
