/** What a key press asks the duty officer's screen to do. */
export const KeyCommand = {
  nextIncident: 'next_incident',
  previousIncident: 'previous_incident',
  openIncident: 'open_incident',
  acknowledge: 'acknowledge',
  start: 'start',
  close: 'close_incident',
  newReport: 'new_report',
  addNote: 'add_note',
  changeSeverity: 'change_severity',
  changeCategory: 'change_category',
  merge: 'merge',
  split: 'split',
  flagEntry: 'flag_entry',
  correctEntry: 'correct_entry',
  escalate: 'escalate',
  search: 'search',
  toggleMap: 'toggle_map',
  toggleHelp: 'toggle_help',
  dismiss: 'dismiss',
} as const;
export type KeyCommand = (typeof KeyCommand)[keyof typeof KeyCommand];

/** The parts of a keyboard event the key map reads. */
export interface KeyPress {
  readonly key: string;
  readonly code?: string;
  readonly altKey?: boolean;
  readonly ctrlKey?: boolean;
  readonly metaKey?: boolean;
  readonly isComposing?: boolean;
}

/** Where the key press lands. */
export interface KeyContext {
  /** Focus is in a text field, where letters are text. */
  readonly typing: boolean;
  /** The list of keys is open: only it and Esc answer. */
  readonly helpOpen: boolean;
  /** The person may change incidents; otherwise only reading keys work. */
  readonly mayUpdate: boolean;
  /** The person may type in reports. */
  readonly mayReport: boolean;
  /** The focused control moves with the arrow keys itself (radio buttons, a picker's list). */
  readonly arrowsTaken?: boolean;
  /** Nothing in particular has focus, so Enter is free to open the incident at the cursor. */
  readonly nothingFocused?: boolean;
}

/** Who may use a key: everyone who reads the situation, or only those who may change or report. */
export type KeyAudience = 'reader' | 'updater' | 'reporter';

/** One line of the key list: the keys as shown, what they do, and who may use them. */
export interface KeyBinding {
  readonly keys: readonly string[];
  readonly command: KeyCommand;
  readonly audience: KeyAudience;
}

/** Every key, in the order the `?` list shows them. */
export const KEY_BINDINGS: readonly KeyBinding[] = [
  { keys: ['j', '↓'], command: KeyCommand.nextIncident, audience: 'reader' },
  { keys: ['k', '↑'], command: KeyCommand.previousIncident, audience: 'reader' },
  { keys: ['Enter', 'o'], command: KeyCommand.openIncident, audience: 'reader' },
  { keys: ['a'], command: KeyCommand.acknowledge, audience: 'updater' },
  { keys: ['s'], command: KeyCommand.start, audience: 'updater' },
  { keys: ['c'], command: KeyCommand.close, audience: 'updater' },
  { keys: ['n', 'Alt+N'], command: KeyCommand.newReport, audience: 'reporter' },
  { keys: ['t'], command: KeyCommand.addNote, audience: 'updater' },
  { keys: ['e', '1–4'], command: KeyCommand.changeSeverity, audience: 'updater' },
  { keys: ['g'], command: KeyCommand.changeCategory, audience: 'updater' },
  { keys: ['m'], command: KeyCommand.merge, audience: 'updater' },
  { keys: ['x'], command: KeyCommand.split, audience: 'updater' },
  { keys: ['f'], command: KeyCommand.flagEntry, audience: 'updater' },
  { keys: ['r'], command: KeyCommand.correctEntry, audience: 'updater' },
  { keys: ['u'], command: KeyCommand.escalate, audience: 'updater' },
  { keys: ['/'], command: KeyCommand.search, audience: 'reader' },
  { keys: ['p'], command: KeyCommand.toggleMap, audience: 'reader' },
  { keys: ['?'], command: KeyCommand.toggleHelp, audience: 'reader' },
  { keys: ['Esc'], command: KeyCommand.dismiss, audience: 'reader' },
];

const LETTERS: Readonly<Record<string, KeyCommand>> = {
  j: KeyCommand.nextIncident,
  ArrowDown: KeyCommand.nextIncident,
  k: KeyCommand.previousIncident,
  ArrowUp: KeyCommand.previousIncident,
  o: KeyCommand.openIncident,
  a: KeyCommand.acknowledge,
  s: KeyCommand.start,
  c: KeyCommand.close,
  n: KeyCommand.newReport,
  N: KeyCommand.newReport,
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
};

const AUDIENCE = new Map(KEY_BINDINGS.map((binding) => [binding.command, binding.audience]));

/** Whether the person may use a key of this audience. */
export function mayUse(audience: KeyAudience, context: Omit<KeyContext, 'typing' | 'helpOpen'>) {
  if (audience === 'updater') return context.mayUpdate;
  if (audience === 'reporter') return context.mayReport;
  return true;
}

/**
 * The command a key press means here, or null when it means nothing (and the browser keeps it).
 * Enter is left to a focused control: on a queue row it follows the row's link, which opens it.
 */
export function commandForKey(press: KeyPress, context: KeyContext): KeyCommand | null {
  if (press.isComposing === true || press.ctrlKey === true || press.metaKey === true) return null;
  if (press.key === 'Escape') return KeyCommand.dismiss;
  if (context.helpOpen) return press.key === '?' ? KeyCommand.toggleHelp : null;
  if (press.altKey === true) {
    return press.code === 'KeyN' && context.mayReport ? KeyCommand.newReport : null;
  }
  if (context.typing) return null;
  if ((press.key === 'ArrowDown' || press.key === 'ArrowUp') && context.arrowsTaken === true) {
    return null;
  }
  if (press.key === 'Enter')
    return context.nothingFocused === true ? KeyCommand.openIncident : null;
  const command = LETTERS[press.key];
  if (command === undefined) return null;
  return mayUse(AUDIENCE.get(command) ?? 'reader', context) ? command : null;
}

/** Whether focus is in a control that takes typed text, where letters are not commands. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['button', 'checkbox', 'radio', 'reset', 'submit'].includes(target.type);
  }
  return false;
}

/** The severity a digit picks in the severity picker: 1 minor up to 4 critical. */
export function severityIndexForKey(key: string): number | null {
  return /^[1-4]$/.test(key) ? Number(key) - 1 : null;
}
