import { readFileSync } from 'node:fs';
import path from 'node:path';
import { create } from 'xmlbuilder2';

/**
 * A namespace-resolved, order-preserving view of a document, built with xmlbuilder2's DOM
 * parser — independent of lib/um's own parser (lib/um/xml-parser.ts) — so that "XML-equivalent"
 * is judged by a second opinion: same expanded names, attributes (not xmlns), trimmed text.
 */
export interface CanonicalElement {
  name: string;
  attributes: Record<string, string>;
  text: string;
  children: CanonicalElement[];
}

interface DomNode {
  nodeType: number;
  namespaceURI: string | null;
  localName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
  attributes?: ArrayLike<{ namespaceURI: string | null; localName: string; value: string }>;
}

export function canonicalXml(xml: string): CanonicalElement {
  const root = create(xml.replace(/^\uFEFF/, '')).root().node as unknown as DomNode;
  return canonicalElement(root);
}

function canonicalElement(node: DomNode): CanonicalElement {
  const attributes: Record<string, string> = {};
  for (const attr of Array.from(node.attributes ?? [])) {
    if (attr.namespaceURI === 'http://www.w3.org/2000/xmlns/') continue;
    attributes[`{${attr.namespaceURI ?? ''}}${attr.localName}`] = attr.value;
  }
  const children: CanonicalElement[] = [];
  let text = '';
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === 1) children.push(canonicalElement(child));
    else if (child.nodeType === 3 || child.nodeType === 4) text += child.textContent ?? '';
  }
  return { name: `{${node.namespaceURI ?? ''}}${node.localName}`, attributes, text: text.trim(), children };
}

const SAMPLES = path.join(import.meta.dirname, '..', 'fixtures', 'samples');

/** A documented sample message, verbatim (its first line is a comment naming the source). */
export function readSample(name: string): string {
  return readFileSync(path.join(SAMPLES, name), 'utf8');
}
