import {
  useEffect,
  useId,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent,
  type RefObject,
} from 'react';

/** A button that opens a panel, and what the two need to behave as one. */
export interface Disclosure {
  readonly open: boolean;
  setOpen(open: boolean | ((current: boolean) => boolean)): void;
  readonly panelId: string;
  readonly buttonRef: RefObject<HTMLButtonElement | null>;
  /** Spread on the element that holds both the button and the panel. */
  readonly rootProps: {
    ref: RefObject<HTMLDivElement | null>;
    onKeyDown(event: KeyboardEvent<HTMLDivElement>): void;
    onBlur(event: FocusEvent<HTMLDivElement>): void;
  };
  /** Spread on the button. */
  readonly buttonProps: {
    ref: RefObject<HTMLButtonElement | null>;
    'aria-expanded': boolean;
    'aria-controls': string;
    onClick(): void;
  };
}

/**
 * A menu-like panel under a button: the button toggles it; Esc closes it and gives the focus back
 * to the button; a click elsewhere or tabbing out closes it.
 */
export function useDisclosure(): Disclosure {
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    if (!open) return;
    const closeOnOutsidePointer = (event: PointerEvent): void => {
      if (!(event.target instanceof Node) || rootRef.current?.contains(event.target) !== true) {
        setOpen(false);
      }
    };
    document.addEventListener('pointerdown', closeOnOutsidePointer);
    return () => document.removeEventListener('pointerdown', closeOnOutsidePointer);
  }, [open]);

  return {
    open,
    setOpen,
    panelId,
    buttonRef,
    rootProps: {
      ref: rootRef,
      onKeyDown(event) {
        if (event.key !== 'Escape' || !open) return;
        // NOTE: the console's own Esc (leave a field, close a form) must not act as well.
        event.preventDefault();
        event.stopPropagation();
        setOpen(false);
        buttonRef.current?.focus();
      },
      onBlur(event) {
        if (
          !(event.relatedTarget instanceof Node) ||
          !event.currentTarget.contains(event.relatedTarget)
        ) {
          setOpen(false);
        }
      },
    },
    buttonProps: {
      ref: buttonRef,
      'aria-expanded': open,
      'aria-controls': panelId,
      onClick: () => setOpen((current) => !current),
    },
  };
}
