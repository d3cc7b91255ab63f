import { XmlSyntaxError } from './xml-syntax-error';

// Without a DTD, XML knows five named entities; every other reference is a well-formedness error.
const PREDEFINED = new Map([
  ['lt', '<'],
  ['gt', '>'],
  ['amp', '&'],
  ['quot', '"'],
  ['apos', "'"],
]);

// An '&' and whatever may follow it up to ';': a character reference, a name, or nothing usable.
const REFERENCE = /&(#x[0-9A-Fa-f]+|#[0-9]+|[A-Za-z_:][\w.:-]*)?(;?)/g;

/** XML 1.0's Char production: what a character reference may stand for. */
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/**
 * Replaces the predefined entities and character references in raw text or an attribute value.
 * The parser hands over text and attribute values with their references as written, so a value could
 * reach a caller still holding "&#67;" or "&xxe;"; here either resolves correctly or is refused.
 */
export function resolveReferences(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(REFERENCE, (whole, name: string | undefined, semicolon: string) => {
    const shown = whole.slice(0, 24);
    if (name === undefined || semicolon === '') {
      throw new XmlSyntaxError(`not well-formed XML: an "&" that starts no complete reference (${JSON.stringify(shown)})`);
    }
    if (!name.startsWith('#')) {
      const value = PREDEFINED.get(name);
      if (value === undefined) throw new XmlSyntaxError(`not well-formed XML: it refers to the undeclared entity "${name.slice(0, 40)}"`);
      return value;
    }
    const code = name.startsWith('#x') ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
    if (!isXmlChar(code)) throw new XmlSyntaxError(`not well-formed XML: a reference to a character XML does not allow (${shown})`);
    return String.fromCodePoint(code);
  });
}
