import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import { ERRORS_NS, MESSAGES_NS, SOAP_ENVELOPE_NS } from './namespaces';

export type BodyWriter = (body: XMLBuilder) => void;

/**
 * Serialises a SOAP 1.1 envelope. `wellFormed` makes xmlbuilder2 refuse text that would
 * not be valid XML (control characters, lone surrogates) instead of writing it.
 */
export function buildEnvelope(writeBody: BodyWriter): string {
  const body = create({ version: '1.0', encoding: 'utf-8' })
    .ele(SOAP_ENVELOPE_NS, 'soap:Envelope')
    .ele(SOAP_ENVELOPE_NS, 'soap:Body');
  writeBody(body);
  return body.end({ wellFormed: true });
}

/** A request body: `<Operation xmlns="…/messages"><Field>value</Field>…</Operation>`. */
export function buildRequestEnvelope(
  operation: string,
  fields: ReadonlyArray<readonly [name: string, value: string]> = [],
): string {
  return buildEnvelope((body) => {
    const element = body.ele(MESSAGES_NS, operation);
    for (const [name, value] of fields) element.ele(MESSAGES_NS, name).txt(value);
  });
}

/** A wrapped response body, `<XResponse><XResponse>…</XResponse></XResponse>`, as Exchange sends it. */
export function buildWrappedResponseEnvelope(
  operation: string,
  inner: string | ReadonlyArray<readonly [name: string, value: string]> | undefined,
): string {
  return buildEnvelope((body) => {
    const outer = body.ele(MESSAGES_NS, `${operation}Response`);
    if (inner === undefined) return;
    const wrapper = outer.ele(MESSAGES_NS, `${operation}Response`);
    if (typeof inner === 'string') {
      wrapper.txt(inner);
      return;
    }
    for (const [name, value] of inner) wrapper.ele(MESSAGES_NS, name).txt(value);
  });
}

/** A SOAP fault shaped like the documented UM faults (faultcode in the errors namespace). */
export function buildFaultEnvelope(exceptionType: string, faultString: string): string {
  return buildEnvelope((body) => {
    const fault = body.ele(SOAP_ENVELOPE_NS, 'soap:Fault');
    fault
      .ele('faultcode')
      .att('http://www.w3.org/2000/xmlns/', 'xmlns:a', ERRORS_NS)
      .txt(`a:${exceptionType}`);
    fault.ele('faultstring').att('http://www.w3.org/XML/1998/namespace', 'xml:lang', 'en-US').txt(faultString);
    fault.ele('detail').ele(MESSAGES_NS, 'm:ExceptionType').txt(exceptionType);
  });
}
