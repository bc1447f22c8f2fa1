import { useId, useRef, useState, type ReactNode, type RefObject } from 'react';

/** A row of a list that opens, under itself, into a form that changes it. */
export interface RowEditor {
  readonly editing: boolean;
  /** Closes the form and gives the focus back to the row's edit button. */
  close(): void;
  readonly editorId: string;
  /** Spread on the row's edit button. */
  readonly buttonProps: {
    ref: RefObject<HTMLButtonElement | null>;
    'aria-expanded': boolean;
    'aria-controls': string | undefined;
    onClick(): void;
  };
}

/** The open-or-closed state of a row's editor, and its button's wiring. */
export function useRowEditor(): RowEditor {
  const editorId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const [editing, setEditing] = useState(false);
  return {
    editing,
    editorId,
    close() {
      setEditing(false);
      buttonRef.current?.focus();
    },
    buttonProps: {
      ref: buttonRef,
      'aria-expanded': editing,
      'aria-controls': editing ? editorId : undefined,
      onClick: () => setEditing((current) => !current),
    },
  };
}

/** The table row under a row, spanning every column, that holds its open editor. */
export function EditorRow({
  editor,
  columns,
  children,
}: {
  readonly editor: RowEditor;
  readonly columns: number;
  readonly children: ReactNode;
}) {
  if (!editor.editing) return null;
  return (
    <tr className="data-table__editor-row">
      <td colSpan={columns} id={editor.editorId}>
        {children}
      </td>
    </tr>
  );
}
