import { formatDuration } from './format-duration';
import type { UmClient } from '../../um';
import { callInfoFields, describeCallInfo, serverOf } from './call-fields';
import { describeFailure } from './describe-failure';
import type { JsonFields, Report } from './report';
import { timed } from './timed';
import { disconnectAndVerify, type DisconnectOutcome, type VerifiedDisconnect } from './verify-disconnect';

/** Runs `disconnect`, with or without verification, and says what is known about the call afterwards. */
export async function reportDisconnect(client: UmClient, callId: string, verifyTimeoutMs: number | undefined): Promise<Report> {
  if (verifyTimeoutMs === undefined) {
    const { latencyMs } = await timed(() => client.disconnect(callId));
    return {
      ok: true,
      command: 'disconnect',
      data: { callId, server: serverOf(callId), outcome: 'accepted', verified: false, latencyMs },
      lines: [
        `The UM service accepted the hang-up for call ${callId}.`,
        'Teardown is asynchronous: the call can still show as Connected for a few seconds.',
        `Check with: umctl call-info ${callId}   (or use disconnect --verify)`,
        `Answered in ${latencyMs} ms.`,
      ],
    };
  }
  const result = await disconnectAndVerify(client, callId, { timeoutMs: verifyTimeoutMs });
  const data: JsonFields = {
    callId,
    server: serverOf(callId),
    outcome: result.outcome,
    verified: true,
    ...(result.lastInfo ? callInfoFields(result.lastInfo) : {}),
    disconnectSent: result.disconnectSent,
    latencyMs: result.disconnectLatencyMs ?? null,
    verifyMs: result.verifyMs,
    polls: result.polls,
  };
  if (result.outcome === 'failed' || result.outcome === 'unknown') {
    const failure = describeFailure(result.error);
    const message =
      result.outcome === 'unknown'
        ? `Outcome unknown: ${failure.message} The hang-up was not re-sent, and the call was not seen to end within ${formatDuration(verifyTimeoutMs)}; check with: umctl call-info ${callId}`
        : `Disconnect failed: ${failure.message}`;
    return { ok: false, command: 'disconnect', failure: { ...failure, message }, data };
  }
  return { ok: true, command: 'disconnect', data, lines: [OUTCOME_SENTENCES[result.outcome](result, verifyTimeoutMs), `Call ID:     ${callId}`] };
}

type SuccessOutcome = Exclude<DisconnectOutcome, 'failed' | 'unknown'>;

const OUTCOME_SENTENCES: Record<SuccessOutcome, (result: VerifiedDisconnect, verifyTimeoutMs: number) => string> = {
  confirmed: (result) =>
    `Confirmed: the UM service now reports the call as ${result.lastInfo?.state === 'Disconnected' ? describeCallInfo(result.lastInfo) : 'unknown (it no longer knows the call ID)'}; verified in ${formatDuration(result.verifyMs)}.`,
  accepted: (result, verifyTimeoutMs) =>
    `Accepted: the UM service took the hang-up, but the call still showed as ${result.lastInfo ? describeCallInfo(result.lastInfo) : 'up'} after ${formatDuration(verifyTimeoutMs)}. Check again with umctl call-info.`,
  'already-ended': (result) =>
    result.lastInfo?.state === 'Disconnected'
      ? `Already ended: the call was ${describeCallInfo(result.lastInfo)} before the hang-up${result.disconnectSent ? '' : ', so none was sent'}.`
      : `Already ended: the UM service no longer knows this call (InvalidCallIdException)${result.disconnectSent ? '' : ', so no hang-up was sent'}.`,
};
