'use client';

import { useRef } from 'react';
import { ModalDialog } from '@/components/ui/modal-dialog';
import type { CallRow } from '@/lib/calls/types';
import { DisconnectForm } from './disconnect-form';

interface DisconnectDialogProps {
  /** The call to disconnect, as the board shows it now; null while the dialog is closed. */
  readonly call: CallRow | null;
  readonly now: number;
  readonly verifyTimeoutMs: number;
  readonly onClose: () => void;
}

/** The confirmation for one call's disconnect, in a native modal dialog. */
export function DisconnectDialog({ call, now, verifyTimeoutMs, onClose }: DisconnectDialogProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  // While the request runs, Escape must not hide it: the result would be lost from view.
  const busyRef = useRef(false);
  return (
    <ModalDialog
      open={call !== null}
      labelledBy="disconnect-heading"
      initialFocus={cancelRef}
      onClose={() => {
        if (!busyRef.current) onClose();
      }}
      className="dialog"
      testId="disconnect-dialog"
    >
      {call ? (
        // Mounted per opening (and gone when closed), so every opening starts with an empty form.
        <DisconnectForm
          call={call}
          now={now}
          verifyTimeoutMs={verifyTimeoutMs}
          cancelRef={cancelRef}
          busyRef={busyRef}
          onClose={onClose}
        />
      ) : null}
    </ModalDialog>
  );
}
