import type { UmOperation } from '../errors';
import { MESSAGES_NS, SOAP_ACTION_PREFIX, SOAP_ENVELOPE_NS } from '../namespaces';
import { parseXmlDocument, XmlSyntaxError, type XmlElement } from '../xml-tree';

/** The child elements each operation requires, in the schema's order; nothing else is allowed. */
export const OPERATION_FIELDS: Record<UmOperation, readonly string[]> = {
  Disconnect: ['CallId'],
  GetCallInfo: ['CallId'],
  PlayOnPhone: ['entryId', 'DialString'],
  PlayOnPhoneGreeting: ['GreetingType', 'DialString'],
  IsUMEnabled: [],
  GetUMProperties: [],
};

const OPERATIONS = Object.keys(OPERATION_FIELDS) as UmOperation[];

export type UmRequest =
  | { readonly ok: true; readonly operation: UmOperation; readonly fields: ReadonlyMap<string, string> }
  | { readonly ok: false; readonly operation: UmOperation | undefined; readonly problem: string };

export interface RawUmRequest {
  readonly contentType: string | undefined;
  readonly soapAction: string | undefined;
  readonly body: string;
}

function isOperation(name: string): name is UmOperation {
  return (OPERATIONS as readonly string[]).includes(name);
}

/** The operation a SOAPAction header names, quoted or not; undefined for anything else. */
export function operationFromSoapAction(header: string | undefined): UmOperation | undefined {
  const value = header?.trim().replace(/^"(.*)"$/, '$1');
  if (!value?.startsWith(SOAP_ACTION_PREFIX)) return undefined;
  const name = value.slice(SOAP_ACTION_PREFIX.length);
  return isOperation(name) ? name : undefined;
}

const SOAP_11_CONTENT_TYPE = /^text\/xml\s*(;|$)/i;
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)/i;

/**
 * Checks a request the way the UM web service does and extracts its fields. Strict where
 * Exchange is strict: the exact http:// messages namespace, a SOAPAction that names the body's
 * operation, exactly the schema's child elements.
 */
export function readUmRequest(raw: RawUmRequest): UmRequest {
  const fail = (problem: string, operation?: UmOperation): UmRequest => ({ ok: false, operation, problem });
  const contentType = raw.contentType ?? '';
  const charset = CHARSET.exec(contentType)?.[1];
  if (!SOAP_11_CONTENT_TYPE.test(contentType) || (charset !== undefined && charset.toLowerCase() !== 'utf-8')) {
    return fail(`the content type must be text/xml; charset=utf-8, not "${contentType.slice(0, 80)}"`);
  }
  let root: XmlElement;
  try {
    root = parseXmlDocument(raw.body);
  } catch (error) {
    if (error instanceof XmlSyntaxError) return fail(`the body is ${error.message}`);
    throw error;
  }
  const operationElement = findOperationElement(root);
  if (typeof operationElement === 'string') return fail(operationElement);
  const name = operationElement.localName;
  if (operationElement.namespace !== MESSAGES_NS) {
    return fail(`<${name}> must be in the namespace ${MESSAGES_NS}`);
  }
  if (!isOperation(name)) return fail(`the operation <${name}> is not supported`);

  const action = operationFromSoapAction(raw.soapAction);
  if (action !== name) {
    return fail(`the SOAPAction header must be "${SOAP_ACTION_PREFIX}${name}"`, name);
  }
  const fields = readFields(operationElement, OPERATION_FIELDS[name]);
  return typeof fields === 'string' ? fail(fields, name) : { ok: true, operation: name, fields };
}

function findOperationElement(root: XmlElement): XmlElement | string {
  if (root.localName !== 'Envelope' || root.namespace !== SOAP_ENVELOPE_NS) {
    return 'the document is not a SOAP 1.1 envelope';
  }
  const bodies = root.children.filter((child) => child.localName === 'Body' && child.namespace === SOAP_ENVELOPE_NS);
  const [body] = bodies;
  if (bodies.length !== 1 || body === undefined) return 'the envelope must hold exactly one Body';
  const [element] = body.children;
  if (body.children.length !== 1 || element === undefined) return 'the Body must hold exactly one operation element';
  return element;
}

function readFields(element: XmlElement, names: readonly string[]): Map<string, string> | string {
  const fields = new Map<string, string>();
  for (const child of element.children) {
    if (child.namespace !== MESSAGES_NS || !names.includes(child.localName)) {
      return `<${element.localName}> does not allow the element <${child.localName}>`;
    }
    if (fields.has(child.localName)) return `<${child.localName}> appears more than once`;
    if (child.children.length > 0) return `<${child.localName}> must hold text only`;
    fields.set(child.localName, child.text.trim());
  }
  const missing = names.find((name) => !fields.has(name));
  if (missing !== undefined) return `<${element.localName}> is missing the element <${missing}>`;
  if (element.text.trim() !== '') return `<${element.localName}> must not hold text`;
  return fields;
}
