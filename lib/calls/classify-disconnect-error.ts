import { UmBadResponse, UmFault, UmHttpError, UmInputError, UmNetworkError, UmTimeoutError, type RequestSent } from '../um';
import { isInvalidCallId } from './check-call';
import { DISCONNECT_MESSAGES as say } from './disconnect-messages';

/** What a Disconnect that did not succeed means for the attempt. */
export interface SendFailure {
  readonly outcome: 'failed' | 'unknown' | 'already-ended';
  readonly faultCode: string | null;
  readonly faultText: string | null;
  readonly message: string;
  /** Whether the request may have reached the service, as far as the client can tell. */
  readonly requestSent: RequestSent;
}

const failure = (
  outcome: SendFailure['outcome'],
  requestSent: RequestSent,
  faultCode: string,
  faultText: string,
  message: string,
): SendFailure => ({ outcome, requestSent, faultCode, faultText, message });

/**
 * Sorts a Disconnect's error into the outcome vocabulary. Only what shows the hang-up did not
 * happen is 'failed'; whatever leaves it open is 'unknown', and is never re-sent.
 */
export function classifyDisconnectError(error: unknown): SendFailure {
  if (isInvalidCallId(error)) {
    const fault = error as UmFault;
    return failure('already-ended', 'yes', fault.code, fault.faultString, say.alreadyEnded('gone'));
  }
  if (error instanceof UmFault) {
    return failure('failed', 'yes', error.code, error.faultString, say.failedFault(error.code, error.faultString));
  }
  if (error instanceof UmHttpError) {
    return failure('failed', 'yes', `HTTP ${error.status}`, error.message, say.failedNotSent(error.message));
  }
  if (error instanceof UmTimeoutError) {
    return error.requestSent === 'no'
      ? failure('failed', 'no', 'timeout', error.message, say.failedNotSent(error.message))
      : failure('unknown', error.requestSent, 'timeout', error.message, say.unknownTimeout(error.timeoutMs));
  }
  if (error instanceof UmNetworkError) {
    const code = error.code ?? 'network';
    return error.requestSent === 'no'
      ? failure('failed', 'no', code, error.message, say.failedNotSent(error.message))
      : failure('unknown', error.requestSent, code, error.message, say.unknownConnectionLost());
  }
  if (error instanceof UmBadResponse) {
    return failure('unknown', 'yes', `bad-response (${error.reason})`, error.message, say.unknownBadResponse());
  }
  if (error instanceof UmInputError) {
    return failure('failed', 'no', 'invalid-input', error.message, say.failedNotSent(error.message));
  }
  // Not a UM error: its text may hold internals, so the audit gets a plain description.
  const text = 'An unexpected error occurred while sending the Disconnect; the server log has the details.';
  return failure('unknown', 'maybe', 'unexpected', text, say.unknownUnexpected());
}
