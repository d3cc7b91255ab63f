// The fuzz test's oracle: what lib/um may return or throw for a response it was sent. A success
// must be well-formed for its operation; an error must be one of the typed kinds that can apply.
import { CALL_STATES, EVENT_CAUSES, UmBadResponse, UmFault, UmHttpError, checkCallId, type UmOperation } from '../../../lib/um';

export type OutcomeKind = 'success' | 'fault' | 'bad-response' | 'http-error';
export type Verdict = { readonly ok: true; readonly kind: OutcomeKind } | { readonly ok: false; readonly problem: string };

export interface Exchange {
  readonly operation: UmOperation;
  readonly status: number;
  /** The body as sent, as text (lossy for invalid UTF-8, which only matters for the '&' rule). */
  readonly bodyText: string;
}

const BAD_RESPONSE_REASONS = new Set(['malformed', 'oversize', 'unexpected-shape', 'forbidden-markup']);

/** Every string a caller gets, for the rule below. */
function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsOf);
  return [];
}

/**
 * Without "&amp;" in the body there is no well-formed way to put "&" into a value: one that shows up
 * is an entity or character reference the parser passed through unresolved.
 */
function unresolvedReference(exchange: Exchange, value: unknown): string | undefined {
  if (exchange.bodyText.includes('&amp;')) return undefined;
  const leaked = stringsOf(value).find((text) => text.includes('&'));
  return leaked === undefined ? undefined : `a value holds an unresolved reference: ${JSON.stringify(leaked.slice(0, 60))}`;
}

const isTrimmedText = (value: unknown) => typeof value === 'string' && value !== '' && value === value.trim();

function judgeValue(operation: UmOperation, value: unknown): string | undefined {
  switch (operation) {
    case 'Disconnect':
      return value === undefined ? undefined : 'Disconnect resolved to a value';
    case 'IsUMEnabled':
      return typeof value === 'boolean' ? undefined : 'IsUMEnabled resolved to a non-boolean';
    case 'PlayOnPhone':
    case 'PlayOnPhoneGreeting':
      return typeof value === 'string' && checkCallId(value) === undefined ? undefined : `unusable CallId ${JSON.stringify(value)}`;
    case 'GetCallInfo': {
      const info = value as Record<string, unknown>;
      if (Object.keys(info).sort().join() !== 'cause,rawCause,rawState,state') return 'GetCallInfo has other fields';
      if (!isTrimmedText(info.rawState) || !isTrimmedText(info.rawCause)) return 'an empty or untrimmed CallState/EventCause';
      const known = (list: readonly string[], raw: unknown, typed: unknown) =>
        list.includes(raw as string) ? typed === raw : typed === 'Unknown';
      if (!known(CALL_STATES, info.rawState, info.state)) return `state ${String(info.state)} for ${String(info.rawState)}`;
      if (!known(EVENT_CAUSES, info.rawCause, info.cause)) return `cause ${String(info.cause)} for ${String(info.rawCause)}`;
      return undefined;
    }
    case 'GetUMProperties': {
      const props = value as Record<string, unknown>;
      if (typeof props.oofStatus !== 'boolean' || typeof props.missedCallNotificationEnabled !== 'boolean') return 'non-boolean flags';
      const optional = ['playOnPhoneDialString', 'telephoneAccessNumbers', 'telephoneAccessFolderEmail'];
      return optional.every((key) => props[key] === undefined || isTrimmedText(props[key])) ? undefined : 'an empty optional field';
    }
  }
}

export function judgeSuccess(exchange: Exchange, value: unknown): Verdict {
  if (exchange.status < 200 || exchange.status > 299) return { ok: false, problem: `a success from HTTP ${exchange.status}` };
  const problem = judgeValue(exchange.operation, value) ?? unresolvedReference(exchange, value);
  return problem ? { ok: false, problem } : { ok: true, kind: 'success' };
}

export function judgeError(exchange: Exchange, error: unknown): Verdict {
  const { operation, status } = exchange;
  const bad = (problem: string): Verdict => ({ ok: false, problem });
  const described = error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : String(error);
  if (!(error instanceof UmFault || error instanceof UmBadResponse || error instanceof UmHttpError)) {
    return bad(`an error of the wrong kind: ${described}`);
  }
  if (error.operation !== operation) return bad(`the error names ${String(error.operation)}, not ${operation}`);
  if (typeof error.message !== 'string' || error.message.trim() === '') return bad('an error without a message');
  if (error instanceof UmFault) {
    if (error.httpStatus !== status) return bad(`a fault with status ${error.httpStatus} for HTTP ${status}`);
    if (!isTrimmedText(error.faultCode) || error.faultCode.includes(':')) return bad(`fault code ${JSON.stringify(error.faultCode)}`);
    if (!isTrimmedText(error.code) || error.faultString.length > 500) return bad(`fault ${JSON.stringify(error.code)}`);
    const leak = unresolvedReference(exchange, [error.code, error.faultCode, error.faultString]);
    return leak ? bad(leak) : { ok: true, kind: 'fault' };
  }
  if (error instanceof UmBadResponse) {
    if (!BAD_RESPONSE_REASONS.has(error.reason)) return bad(`bad response for reason ${error.reason}`);
    if (error.httpStatus !== status) return bad(`a bad response with status ${error.httpStatus} for HTTP ${status}`);
    return { ok: true, kind: 'bad-response' };
  }
  // Only a non-2xx answer without a usable fault is an HTTP error.
  if (status >= 200 && status < 300) return bad(`an HTTP error for HTTP ${status}: ${described}`);
  return error.status === status ? { ok: true, kind: 'http-error' } : bad(`HTTP error ${error.status} for HTTP ${status}`);
}
