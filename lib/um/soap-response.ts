import { UmBadResponse, UmFault, type UmOperation } from './errors';
import { MESSAGES_NS, MESSAGES_NS_HTTPS_VARIANT, SOAP_ENVELOPE_NS } from './namespaces';
import { firstChild, parseXmlDocument, XmlSyntaxError, type XmlElement } from './xml-tree';

const MESSAGE_NAMESPACES = new Set([MESSAGES_NS, MESSAGES_NS_HTTPS_VARIANT]);

export type SoapBody =
  | { readonly kind: 'payload'; readonly element: XmlElement }
  | { readonly kind: 'fault'; readonly fault: UmFault };

/**
 * Opens a SOAP 1.1 envelope and returns the body's single element, or the fault it holds.
 * Lenient about prefixes (documented faults use one they never declare), strict about shape.
 */
export function readSoapBody(xml: string, operation: UmOperation, httpStatus: number): SoapBody {
  let root: XmlElement;
  try {
    root = parseXmlDocument(xml);
  } catch (error) {
    if (error instanceof XmlSyntaxError) {
      throw new UmBadResponse(error.forbiddenMarkup ? 'forbidden-markup' : 'malformed', error.message, operation, httpStatus);
    }
    throw error;
  }
  if (root.localName !== 'Envelope' || !inNamespace(root, SOAP_ENVELOPE_NS)) {
    throw badShape(`the document is not a SOAP 1.1 envelope (root <${root.localName}>)`, operation, httpStatus);
  }
  const body = root.children.find((child) => child.localName === 'Body' && inNamespace(child, SOAP_ENVELOPE_NS));
  if (!body) throw badShape('the envelope has no Body', operation, httpStatus);
  if (body.children.length !== 1 || body.children[0] === undefined) {
    throw badShape(`the Body holds ${body.children.length} elements instead of one`, operation, httpStatus);
  }
  const element = body.children[0];
  if (element.localName === 'Fault' && inNamespace(element, SOAP_ENVELOPE_NS)) {
    return { kind: 'fault', fault: readFault(element, operation, httpStatus) };
  }
  return { kind: 'payload', element };
}

// A function, not a closure made per response: this runs for every answer the poller gets.
function badShape(detail: string, operation: UmOperation, httpStatus: number): UmBadResponse {
  return new UmBadResponse('unexpected-shape', detail, operation, httpStatus);
}

/** True when the element is in `namespace`, or uses a prefix nobody declared (tolerated). */
function inNamespace(element: XmlElement, namespace: string): boolean {
  return element.namespace === namespace || element.undeclaredPrefix;
}

export function inMessagesNamespace(element: XmlElement): boolean {
  return element.undeclaredPrefix || (element.namespace !== undefined && MESSAGE_NAMESPACES.has(element.namespace));
}

function readFault(fault: XmlElement, operation: UmOperation, httpStatus: number): UmFault {
  const faultCodeText = firstChild(fault, 'faultcode')?.text.trim() ?? '';
  const faultCode = faultCodeText.slice(faultCodeText.lastIndexOf(':') + 1).trim();
  if (!faultCode) throw badShape('the SOAP fault has no faultcode', operation, httpStatus);
  const faultString = (firstChild(fault, 'faultstring')?.text ?? '').trim().replace(/\s+/g, ' ');
  const detail = firstChild(fault, 'detail');
  const exceptionType = detail?.children[0]?.text.trim();
  const code = exceptionType && /^[A-Za-z][\w.]*$/.test(exceptionType) ? exceptionType : faultCode;
  return new UmFault({ code, faultCode, faultString: faultString.slice(0, 500), httpStatus, operation });
}

/**
 * The documented responses wrap the result in an inner element of the same name as the outer one;
 * accept the unwrapped form as well.
 */
export function unwrap(outer: XmlElement): XmlElement {
  const inner = outer.children.length === 1 ? outer.children[0] : undefined;
  return inner !== undefined && inner.localName === outer.localName ? inner : outer;
}
