import { UmBadResponse, UmHttpError, type UmFault, type UmOperation } from './errors';
import { expectResponse } from './operations';
import { readSoapBody } from './soap-response';
import type { RawResponse } from './transport';
import type { XmlElement } from './xml-tree';

const XML_CONTENT_TYPE = /^(text\/xml|application\/xml|application\/soap\+xml)\s*(;|$)/i;
const NON_UTF8_CHARSET = /;\s*charset\s*=\s*"?(?!utf-8\b)[^";\s]+/i;
// What Exchange (and the simulator) send: XML in UTF-8 without running either regex.
const USUAL_CONTENT_TYPE = 'text/xml; charset=utf-8';

/** Turns an HTTP exchange into the operation's result, a UmFault, or another typed UmError. */
export function interpretResponse<T>(
  operation: UmOperation,
  raw: RawResponse,
  reader: (response: XmlElement, status: number) => T,
): T {
  const usual = raw.contentType === USUAL_CONTENT_TYPE;
  const isXml = usual || (raw.contentType !== undefined && XML_CONTENT_TYPE.test(raw.contentType));
  if (raw.status >= 200 && raw.status < 300) {
    if (!isXml) {
      throw new UmBadResponse(
        'content-type',
        `expected text/xml, got ${raw.contentType ? `"${raw.contentType.slice(0, 80)}"` : 'no content type'}`,
        operation,
        raw.status,
      );
    }
    if (!usual && NON_UTF8_CHARSET.test(raw.contentType ?? '')) {
      throw new UmBadResponse('content-type', 'the body is not declared as UTF-8', operation, raw.status);
    }
    const body = readSoapBody(raw.body, operation, raw.status);
    if (body.kind === 'fault') throw body.fault;
    return reader(expectResponse(body.element, operation, raw.status), raw.status);
  }
  if (raw.status === 500 && isXml) {
    let fault: UmFault | undefined;
    try {
      const body = readSoapBody(raw.body, operation, raw.status);
      if (body.kind === 'fault') fault = body.fault;
    } catch (error) {
      if (!(error instanceof UmBadResponse)) throw error;
    }
    if (fault) throw fault;
  }
  throw new UmHttpError(raw.status, operation, raw.wwwAuthenticate);
}
