import { parseXml } from './xml-parser';
import { XmlSyntaxError } from './xml-syntax-error';

export { XmlSyntaxError };

/** An element with its namespace resolved; the only XML shape the rest of lib/um looks at. */
export interface XmlElement {
  readonly prefix: string | undefined;
  readonly localName: string;
  /** The resolved namespace; undefined for no namespace or a prefix that was never declared. */
  readonly namespace: string | undefined;
  /** True when the element's prefix has no declaration in scope (seen in documented faults). */
  readonly undeclaredPrefix: boolean;
  /** Attributes by qualified name, without namespace declarations. */
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: readonly XmlElement[];
  /** Concatenated direct text content, untrimmed. */
  readonly text: string;
}

// A DOCTYPE can declare entities; SOAP 1.1 forbids DTDs in messages, so refuse them outright,
// wherever they appear (even inside a comment or CDATA), and say so apart from other syntax errors.
const FORBIDDEN_MARKUP = /<!DOCTYPE|<!ENTITY/i;

/**
 * Parses a whole XML document into a namespace-resolved tree. No DTD, no entities beyond the five
 * predefined ones (character references are resolved, CDATA is literal), a UTF-8 BOM and an XML
 * declaration are accepted.
 * Throws XmlSyntaxError for anything that is not one well-formed element.
 */
export function parseXmlDocument(input: string): XmlElement {
  const xml = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (xml.includes('<!') && FORBIDDEN_MARKUP.test(xml)) {
    throw new XmlSyntaxError('it contains a DTD or entity declaration', true);
  }
  return parseXml(xml);
}

export function childElements(parent: XmlElement, localName: string): XmlElement[] {
  return parent.children.filter((child) => child.localName === localName);
}

export function firstChild(parent: XmlElement, localName: string): XmlElement | undefined {
  return parent.children.find((child) => child.localName === localName);
}
