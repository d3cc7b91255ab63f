import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { resolveReferences } from './xml-references';
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

const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
const ATTR = '@_';
const TEXT = '#text';
const CDATA = '#cdata';

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: ATTR,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // References are resolved by resolveReferences (strictly); the parser leaves them as written.
  processEntities: false,
  htmlEntities: false,
  // CDATA apart from text, so that its content is taken literally and never resolved.
  cdataPropName: CDATA,
  maxNestedTags: 64,
});

// A DOCTYPE can declare entities; SOAP 1.1 forbids DTDs in messages, so refuse them outright.
const FORBIDDEN_MARKUP = /<!DOCTYPE|<!ENTITY/i;

/**
 * Parses a whole XML document into a namespace-resolved tree. No DTD, no entities beyond the five
 * predefined ones (character references are resolved, CDATA is literal), a UTF-8 BOM and an XML
 * declaration are accepted.
 * Throws XmlSyntaxError for anything that is not one well-formed element.
 */
export function parseXmlDocument(input: string): XmlElement {
  const xml = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (FORBIDDEN_MARKUP.test(xml)) {
    throw new XmlSyntaxError('it contains a DTD or entity declaration', true);
  }
  const valid = XMLValidator.validate(xml, { allowBooleanAttributes: false });
  if (valid !== true) {
    throw new XmlSyntaxError(`not well-formed XML (line ${valid.err.line})`, false, valid.err.msg);
  }
  let nodes: unknown;
  try {
    nodes = parser.parse(xml);
  } catch (error) {
    throw new XmlSyntaxError('not well-formed XML', false, error instanceof Error ? error.message : undefined);
  }
  const roots = toElements(nodes, new Map([['xml', XML_NAMESPACE]]));
  if (roots.length !== 1 || roots[0] === undefined) {
    throw new XmlSyntaxError(`expected one root element, found ${roots.length}`);
  }
  return roots[0];
}

type RawNode = Record<string, unknown>;

function toElements(nodes: unknown, scope: ReadonlyMap<string, string>): XmlElement[] {
  if (!Array.isArray(nodes)) return [];
  const elements: XmlElement[] = [];
  for (const node of nodes as RawNode[]) {
    const element = toElement(node, scope);
    if (element) elements.push(element);
  }
  return elements;
}

function toElement(node: RawNode, parentScope: ReadonlyMap<string, string>): XmlElement | undefined {
  const name = Object.keys(node).find((key) => key !== ':@' && key !== TEXT && key !== CDATA);
  if (name === undefined) return undefined;
  const rawAttributes = (node[':@'] ?? {}) as Record<string, unknown>;

  let scope = parentScope;
  const attributes = new Map<string, string>();
  for (const [key, value] of Object.entries(rawAttributes)) {
    const attrName = key.startsWith(ATTR) ? key.slice(ATTR.length) : key;
    const attrValue = resolveReferences(typeof value === 'string' ? value : String(value));
    if (attrName === 'xmlns' || attrName.startsWith('xmlns:')) {
      if (scope === parentScope) scope = new Map(parentScope);
      (scope as Map<string, string>).set(attrName === 'xmlns' ? '' : attrName.slice(6), attrValue);
    } else {
      attributes.set(attrName, attrValue);
    }
  }

  const colon = name.indexOf(':');
  const prefix = colon >= 0 ? name.slice(0, colon) : undefined;
  const localName = colon >= 0 ? name.slice(colon + 1) : name;
  const declared = scope.get(prefix ?? '');
  const namespace = declared === '' ? undefined : declared;

  const rawChildren = node[name];
  let text = '';
  if (Array.isArray(rawChildren)) {
    for (const child of rawChildren as RawNode[]) {
      if (child[TEXT] !== undefined) text += resolveReferences(textOf(child));
      else if (Array.isArray(child[CDATA])) for (const part of child[CDATA] as RawNode[]) text += textOf(part);
    }
  }
  return {
    prefix,
    localName,
    namespace,
    undeclaredPrefix: prefix !== undefined && declared === undefined,
    attributes,
    children: toElements(rawChildren, scope),
    text,
  };
}

function textOf(node: RawNode): string {
  const value = node[TEXT];
  if (value === undefined) return '';
  return typeof value === 'string' ? value : String(value);
}

export function childElements(parent: XmlElement, localName: string): XmlElement[] {
  return parent.children.filter((child) => child.localName === localName);
}

export function firstChild(parent: XmlElement, localName: string): XmlElement | undefined {
  return parent.children.find((child) => child.localName === localName);
}
