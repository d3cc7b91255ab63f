'use client';

import { useEffect, useRef, type ReactNode, type RefObject } from 'react';

interface ModalDialogProps {
  readonly open: boolean;
  /** id of the dialog's heading: its accessible name. */
  readonly labelledBy: string;
  /** Focused when the dialog opens: the safe choice, not the destructive one. */
  readonly initialFocus: RefObject<HTMLElement | null>;
  /** Escape asks to close; the caller decides (e.g. not while a request runs) by changing `open`. */
  readonly onClose: () => void;
  readonly className?: string;
  readonly testId?: string;
  readonly children: ReactNode;
}

/**
 * A native modal <dialog>: the browser traps focus, makes the page behind inert and returns focus
 * to the opener when it closes. This wrapper only syncs `open` with showModal()/close().
 */
export function ModalDialog({ open, labelledBy, initialFocus, onClose, className, testId, children }: ModalDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      // showModal() would focus the first focusable element; the caller's choice wins.
      initialFocus.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open, initialFocus]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={labelledBy}
      className={className}
      data-testid={testId}
      onCancel={(event) => {
        // The browser would close the dialog behind React's back; `open` stays the one source of truth.
        event.preventDefault();
        onClose();
      }}
    >
      {children}
    </dialog>
  );
}
