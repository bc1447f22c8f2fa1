import { useEffect, useRef } from 'react';

/** What the archive control says, in the person's language. */
export interface ArchiveLabels {
  /** The button that starts archiving. */
  readonly archive: string;
  /** "Archive X? It is no longer offered…" */
  readonly question: string;
  readonly confirm: string;
  readonly keep: string;
  /** Shown while the archiving request is under way. */
  readonly archiving: string;
}

interface ArchiveControlProps {
  readonly idBase: string;
  readonly className: string;
  readonly busy: boolean;
  /** Whether the question is asked; the form keeps it, to quiet its own buttons meanwhile. */
  readonly confirming: boolean;
  readonly onConfirming: (confirming: boolean) => void;
  readonly onArchive: () => void;
  readonly labels: ArchiveLabels;
}

/**
 * The archive button of an admin form, which asks before it archives. Keeping the item, or a
 * refusal from the server, puts the focus back on the archive button.
 */
export function ArchiveControl({
  idBase,
  className,
  busy,
  confirming,
  onConfirming,
  onArchive,
  labels,
}: ArchiveControlProps) {
  const archiveRef = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  useEffect(() => {
    if (asked.current && !confirming) archiveRef.current?.focus();
    asked.current = confirming;
  }, [confirming]);

  return (
    <div className={className}>
      {confirming ? (
        <div
          role="group"
          aria-labelledby={`${idBase}-archive-question`}
          className="admin-form__actions"
        >
          <p id={`${idBase}-archive-question`}>{labels.question}</p>
          <button
            type="button"
            className="button button--danger"
            autoFocus
            aria-disabled={busy}
            onClick={onArchive}
          >
            {labels.confirm}
          </button>
          <button
            type="button"
            className="button button--quiet"
            onClick={() => onConfirming(false)}
          >
            {labels.keep}
          </button>
          <span className="admin-form__progress" role="status">
            {busy ? labels.archiving : ''}
          </span>
        </div>
      ) : (
        <button
          ref={archiveRef}
          id={`${idBase}-archive`}
          type="button"
          className="button button--danger-quiet"
          onClick={() => onConfirming(true)}
        >
          {labels.archive}
        </button>
      )}
    </div>
  );
}
