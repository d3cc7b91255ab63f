'use client';

import { useRef } from 'react';
import { ModalDialog } from '@/components/ui/modal-dialog';
import type { BulkSelectionInput } from '@/lib/actions/batches/batch-action-types';
import { BulkDisconnectForm } from './bulk-disconnect-form';

interface BulkDisconnectDialogProps {
  /** What to preview; null while the dialog is closed. */
  readonly selection: BulkSelectionInput | null;
  readonly onClose: () => void;
}

/** The preview and confirmation of a bulk disconnect, in a native modal dialog. */
export function BulkDisconnectDialog({ selection, onClose }: BulkDisconnectDialogProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  const busyRef = useRef(false);
  return (
    <ModalDialog
      open={selection !== null}
      labelledBy="bulk-heading"
      initialFocus={cancelRef}
      onClose={() => {
        if (!busyRef.current) onClose();
      }}
      className="dialog dialog--wide"
      testId="bulk-dialog"
    >
      {selection ? <BulkDisconnectForm selection={selection} cancelRef={cancelRef} busyRef={busyRef} onClose={onClose} /> : null}
    </ModalDialog>
  );
}
