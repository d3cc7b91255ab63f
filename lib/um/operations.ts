import { toCallInfo, type CallInfo } from './call-state';
import { checkCallId } from './call-id';
import { UmBadResponse, type UmOperation } from './errors';
import { inMessagesNamespace, unwrap } from './soap-response';
import { firstChild, type XmlElement } from './xml-tree';

export interface UmProperties {
  readonly oofStatus: boolean;
  readonly missedCallNotificationEnabled: boolean;
  readonly playOnPhoneDialString: string | undefined;
  readonly telephoneAccessNumbers: string | undefined;
  readonly telephoneAccessFolderEmail: string | undefined;
}

export type GreetingType = 'NormalCustom' | 'OofCustom';
export const GREETING_TYPES: readonly GreetingType[] = ['NormalCustom', 'OofCustom'];

const RESPONSE_NAMES: Readonly<Record<UmOperation, string>> = {
  Disconnect: 'DisconnectResponse',
  GetCallInfo: 'GetCallInfoResponse',
  PlayOnPhone: 'PlayOnPhoneResponse',
  PlayOnPhoneGreeting: 'PlayOnPhoneGreetingResponse',
  IsUMEnabled: 'IsUMEnabledResponse',
  GetUMProperties: 'GetUMPropertiesResponse',
};

/** Checks the response element's name and namespace and returns it, or throws UmBadResponse. */
export function expectResponse(element: XmlElement, operation: UmOperation, httpStatus: number): XmlElement {
  const expected = RESPONSE_NAMES[operation];
  if (element.localName !== expected || !inMessagesNamespace(element)) {
    throw new UmBadResponse(
      'unexpected-shape',
      `expected <${expected}> in the messages namespace, got <${element.localName}>`,
      operation,
      httpStatus,
    );
  }
  return element;
}

type Reader<T> = (response: XmlElement, fail: (detail: string) => never) => T;

/** What `fail` throws inside a reader; read() turns it into the UmBadResponse naming the operation. */
class ShapeProblem {
  constructor(readonly detail: string) {}
}

// One shared function instead of a closure per response (the poller reads responses all day).
const fail = (detail: string): never => {
  throw new ShapeProblem(detail);
};

function read<T>(operation: UmOperation, httpStatus: number, response: XmlElement, reader: Reader<T>): T {
  try {
    return reader(response, fail);
  } catch (error) {
    if (error instanceof ShapeProblem) throw new UmBadResponse('unexpected-shape', error.detail, operation, httpStatus);
    throw error;
  }
}

function requiredText(parent: XmlElement, name: string, fail: (detail: string) => never): string {
  const element = firstChild(parent, name);
  const value = element?.text.trim();
  if (!value) return fail(`<${name}> is missing or empty`);
  return value;
}

function parseBoolean(value: string, name: string, fail: (detail: string) => never): boolean {
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return fail(`<${name}> is "${value.slice(0, 40)}", not a boolean`);
}

export const readDisconnect = (response: XmlElement, status: number): void =>
  read('Disconnect', status, response, (element, fail) => {
    if (element.children.length > 0 || element.text.trim() !== '') fail('<DisconnectResponse> is not empty');
  });

export const readGetCallInfo = (response: XmlElement, status: number): CallInfo =>
  read('GetCallInfo', status, response, (element, fail) => {
    const inner = unwrap(element);
    return toCallInfo(requiredText(inner, 'CallState', fail), requiredText(inner, 'EventCause', fail));
  });

/** Both PlayOnPhone operations answer with the new CallId as wrapped text. */
export const readNewCallId = (operation: UmOperation) => (response: XmlElement, status: number): string =>
  read(operation, status, response, (element, fail) => {
    const inner = unwrap(element);
    if (inner.children.length > 0) fail('the call ID element has child elements');
    const callId = inner.text.trim();
    const problem = checkCallId(callId);
    if (problem) fail(`the returned call ID is unusable (${problem}); a call may have been placed anyway`);
    return callId;
  });

export const readIsUmEnabled = (response: XmlElement, status: number): boolean =>
  read('IsUMEnabled', status, response, (element, fail) => {
    const inner = unwrap(element);
    if (inner.children.length > 0) fail('<IsUMEnabledResponse> has child elements');
    return parseBoolean(inner.text.trim(), 'IsUMEnabledResponse', fail);
  });

export const readGetUmProperties = (response: XmlElement, status: number): UmProperties =>
  read('GetUMProperties', status, response, (element, fail) => {
    const inner = unwrap(element);
    const optional = (name: string) => firstChild(inner, name)?.text.trim() || undefined;
    return {
      oofStatus: parseBoolean(requiredText(inner, 'OofStatus', fail), 'OofStatus', fail),
      missedCallNotificationEnabled: parseBoolean(
        requiredText(inner, 'MissedCallNotificationEnabled', fail),
        'MissedCallNotificationEnabled',
        fail,
      ),
      playOnPhoneDialString: optional('PlayOnPhoneDialString'),
      telephoneAccessNumbers: optional('TelephoneAccessNumbers'),
      telephoneAccessFolderEmail: optional('TelephoneAccessFolderEmail'),
    };
  });
