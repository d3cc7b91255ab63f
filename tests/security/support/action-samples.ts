// A plausible call of each server action, so a refusal is tested where it matters: with input that
// would be carried out if the caller were allowed. An action this list does not know yet is tried
// with every argument shape (and an empty form), so it is attacked too.
import { randomUUID } from 'node:crypto';
import type { ActionArguments } from './action-request';

export interface SampleValues {
  /** A CallId tracked on the console (so a disconnect would be sent if allowed). */
  readonly callId: string;
  readonly batchId?: string;
  readonly tokenId?: string;
}

/** Used by placeTestCall; any base64 entry ID is accepted by the simulator. */
export const SAMPLE_ENTRY_ID = 'AAAAAGsd2rbQLVtLobUGbrq/9IUHAEX2ikn/L8JJtI5WHI0FAW8AAAFXHhsAACxVpEl+KVVLl957wp//x6UAGAetcDUAAA==';

const KNOWN: Readonly<Record<string, (values: SampleValues) => readonly ActionArguments[]>> = {
  disconnectCallAction: ({ callId }) => [{ shape: 'state-and-form', fields: { callId, reason: 'Security suite: should be refused' } }],
  trackCallAction: ({ callId }) => [{ shape: 'state-and-form', fields: { callId, label: 'Security suite' } }],
  placeTestCallAction: () => [{ shape: 'state-and-form', fields: { entryId: SAMPLE_ENTRY_ID, dialString: '+1 425 555 0100', label: 'Security suite' } }],
  saveStuckRulesAction: () => [
    { shape: 'state-and-form', fields: { connectingSeconds: '61', connectedMinutes: '31', afterDisconnectSeconds: '31', failedChecks: '4' } },
  ],
  createCheckpointAction: () => [{ shape: 'state-and-form', fields: {} }],
  saveAuditRetentionAction: () => [{ shape: 'state-and-form', fields: { days: '30' } }],
  createTokenAction: () => [{ shape: 'state-and-form', fields: { owner: randomUUID(), name: 'security-suite' } }],
  revokeTokenAction: ({ tokenId }) => [{ shape: 'form', fields: { tokenId: tokenId ?? randomUUID() } }],
  changePasswordAction: () => [
    { shape: 'state-and-form', fields: { currentPassword: 'x', newPassword: 'a new password 123', repeatPassword: 'a new password 123', callbackUrl: '/' } },
  ],
  startBatchAction: ({ callId }) => [{ shape: 'values', values: [{ selection: { callIds: [callId] }, reason: 'Security suite', expectedCount: null }] }],
  previewBatchAction: ({ callId }) => [{ shape: 'values', values: [{ callIds: [callId] }] }],
  controlBatchAction: ({ batchId }) => [
    { shape: 'values', values: [{ batchId: batchId ?? randomUUID(), command: 'cancel' }] },
    { shape: 'values', values: [{ batchId: batchId ?? randomUUID(), command: 'resume' }] },
  ],
};

/** The arguments to try for the action exported as `name`. */
export function sampleArguments(name: string, values: SampleValues): readonly ActionArguments[] {
  const known = KNOWN[name];
  if (known) return known(values);
  return [
    { shape: 'state-and-form', fields: { callId: values.callId } },
    { shape: 'form', fields: { callId: values.callId } },
    { shape: 'values', values: [{ callId: values.callId }] },
    { shape: 'values', values: [] },
  ];
}
