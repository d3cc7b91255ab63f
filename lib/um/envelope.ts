import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import { ERRORS_NS, MESSAGES_NS, SOAP_ENVELOPE_NS } from './namespaces';
import { findNonXmlChar } from './xml-chars';

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

const ESCAPED = /[&<>\r]/g;
const MARKER = /\ue000(\d+)\ue000/g;
const templates = new Map<string, readonly string[]>();

/**
 * The same bytes as buildRequestEnvelope, faster: xmlbuilder2 serialises each operation's
 * envelope once, with markers where the values go, and each request only inserts its escaped
 * values. Used on the hot path (the status poller sends GetCallInfo all day).
 */
export function renderRequestEnvelope(
  operation: string,
  fields: ReadonlyArray<readonly [name: string, value: string]> = [],
): string {
  let key = operation;
  for (const [name] of fields) key += `\u0000${name}`;
  let parts = templates.get(key);
  if (parts === undefined) {
    const marked = buildRequestEnvelope(
      operation,
      fields.map(([name], index) => [name, `\ue000${index}\ue000`] as const),
    );
    parts = marked.split(MARKER).filter((_, index) => index % 2 === 0);
    if (parts.length !== fields.length + 1) throw new Error(`cannot template the ${operation} request`);
    templates.set(key, parts);
  }
  let xml = parts[0] ?? '';
  for (let index = 0; index < fields.length; index += 1) {
    xml += escapeText((fields[index] as readonly [string, string])[1]) + (parts[index + 1] ?? '');
  }
  return xml;
}

function escapeText(value: string): string {
  // Characters XML 1.0 does not allow would make the request ill-formed.
  if (findNonXmlChar(value) !== -1) throw new Error('Text data contains invalid characters (well-formed required).');
  return value.replace(ESCAPED, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#xD;'));
}
