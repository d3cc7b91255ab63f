import { findNonXmlChar, hasUnusualChars } from './xml-chars';
import { resolveReferences } from './xml-references';
import { XmlSyntaxError } from './xml-syntax-error';
import type { XmlElement } from './xml-tree';

/**
 * A strict, single-pass XML 1.0 parser for the small documents lib/um reads (SOAP responses of at
 * most maxResponseBytes). It checks well-formedness and resolves namespaces while it builds the
 * tree, so a response is read once instead of being validated, parsed and converted in three passes.
 *
 * Accepted: one root element; an XML declaration (version 1.x, UTF-8) at the very start; comments
 * and processing instructions (skipped); CDATA (taken literally); the five predefined entities and
 * character references (resolveReferences). Line ends are normalised and attribute values have their
 * white space turned into spaces, as XML 1.0 says. Refused, as not well-formed: everything else,
 * including any DOCTYPE (callers refuse DTDs before parsing, to report them as forbidden markup),
 * characters outside XML's Char production, mismatched or unclosed tags, repeated attributes,
 * unquoted attribute values, "<" in an attribute value, "]]>" in text, "--" in a comment, names that
 * are not XML names or not namespace-qualified names, namespace declarations Namespaces in XML 1.0
 * forbids, text outside the root, and nesting deeper than MAX_DEPTH. A prefix nobody declared is
 * tolerated (documented UM faults use one) and marked on the element.
 *
 * The tree holds Maps and fixed-shape objects only, so no name in a document (__proto__,
 * constructor…) can reach an object's prototype.
 */

export const MAX_DEPTH = 64;

const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';

/**
 * The namespace declarations in scope, innermost first: a short list is cheaper than a Map copy for
 * each element that declares one (two per SOAP response). A list longer than MAX_LISTED is folded
 * into one Map, so that a document declaring thousands of prefixes cannot make every lookup long.
 */
interface Binding {
  readonly prefix: string;
  /** '' for xmlns="" (no default namespace). */
  readonly uri: string;
  readonly next: Binding | undefined;
  /** Bindings from this one to the end of the list or the next folded one. */
  readonly length: number;
  /** Every binding in scope, when this one is folded; then `next` is undefined. */
  readonly folded: ReadonlyMap<string, string> | undefined;
}

const MAX_LISTED = 16;

function bind(prefix: string, uri: string, next: Binding): Binding {
  return { prefix, uri, next, length: next.length + 1, folded: undefined };
}

function lookup(bindings: Binding, prefix: string): string | undefined {
  for (let binding: Binding | undefined = bindings; binding !== undefined; binding = binding.next) {
    if (binding.folded) return binding.folded.get(prefix);
    if (binding.prefix === prefix) return binding.uri;
  }
  return undefined;
}

function fold(bindings: Binding): Binding {
  const all = new Map<string, string>();
  for (let binding: Binding | undefined = bindings; binding !== undefined; binding = binding.next) {
    if (binding.folded) {
      for (const [prefix, uri] of binding.folded) if (!all.has(prefix)) all.set(prefix, uri);
      break;
    }
    if (!all.has(binding.prefix)) all.set(binding.prefix, binding.uri);
  }
  return { prefix: bindings.prefix, uri: bindings.uri, next: undefined, length: 1, folded: all };
}

const ROOT_BINDINGS: Binding = { prefix: 'xml', uri: XML_NAMESPACE, next: undefined, length: 1, folded: undefined };

// Shared by every element without attributes; typed read-only, never written.
const NO_ATTRIBUTES: ReadonlyMap<string, string> = new Map();

// XML 1.0 (fifth edition) Name. ASCII names are scanned with a table; a name with any other
// character is checked with this unicode-mode regex instead (slower, and rare in SOAP).
const NAME_START = ':A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const NAME_CHAR = `${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;
// eslint-disable-next-line no-misleading-character-class -- XML's NameChar lists combining marks on purpose
const NAME = new RegExp(`[${NAME_START}][${NAME_CHAR}]*`, 'uy');
const ASCII_NAME_START = 1;
const ASCII_NAME_CHAR = 2;
const ASCII_NAME = new Uint8Array(128);
for (let code = 0; code < 128; code += 1) {
  const char = String.fromCharCode(code);
  if (/[:A-Z_a-z]/.test(char)) ASCII_NAME[code] = ASCII_NAME_START | ASCII_NAME_CHAR;
  else if (/[-.0-9]/.test(char)) ASCII_NAME[code] = ASCII_NAME_CHAR;
}

// XML 1.0 §2.8 XMLDecl, with the only encoding lib/um decodes: the body was read as UTF-8.
const XML_DECLARATION = /<\?xml[ \t\n]+version[ \t\n]*=[ \t\n]*(["'])1\.[0-9]+\1(?:[ \t\n]+encoding[ \t\n]*=[ \t\n]*(["'])[Uu][Tt][Ff]-8\2)?(?:[ \t\n]+standalone[ \t\n]*=[ \t\n]*(["'])(?:yes|no)\3)?[ \t\n]*\?>/y;
// The declaration nearly every response starts with (.NET's and xmlbuilder2's), checked without the regex.
const USUAL_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';
const LINE_END = /\r\n?/g;
// White space an attribute value turns into spaces (XML 1.0 §3.3.3); line ends are already "\n".
const ATTRIBUTE_WHITESPACE = /[\t\n]/g;

const TAB = 0x09;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const SPACE = 0x20;
const BANG = 0x21;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const SLASH = 0x2f;
const COLON = 0x3a;
const EQUALS = 0x3d;
const GREATER_THAN = 0x3e;
const QUESTION = 0x3f;

/** A character that may continue a name (any non-ASCII one counts: only used to see that a name goes on). */
function isNameChar(code: number): boolean {
  return code >= 128 || (code < 128 && ((ASCII_NAME[code] as number) & ASCII_NAME_CHAR) !== 0);
}

function isSpace(code: number): boolean {
  return code === SPACE || code === LINE_FEED || code === TAB || code === CARRIAGE_RETURN;
}

/** The element being read: its children and text grow until its end tag. */
type OpenElement = { -readonly [K in keyof XmlElement]: XmlElement[K] } & { children: XmlElement[] };

class Parser {
  private pos = 0;
  /** The open elements, outermost first, with their qualified names and namespace bindings alongside. */
  private readonly open: OpenElement[] = [];
  private readonly openNames: string[] = [];
  private readonly openBindings: Binding[] = [];
  private root: XmlElement | undefined;

  constructor(readonly xml: string) {}

  parse(): XmlElement {
    const { xml } = this;
    if (xml.startsWith(USUAL_DECLARATION)) {
      this.pos = USUAL_DECLARATION.length;
    } else if (xml.startsWith('<?xml') && isSpace(xml.charCodeAt(5))) {
      XML_DECLARATION.lastIndex = 0;
      if (!XML_DECLARATION.test(xml)) this.fail('the XML declaration is not version 1.x in UTF-8', 0);
      this.pos = XML_DECLARATION.lastIndex;
    }
    while (this.pos < xml.length) {
      const lt = xml.indexOf('<', this.pos);
      const end = lt === -1 ? xml.length : lt;
      if (end > this.pos) this.text(this.pos, end);
      if (lt === -1) break;
      this.markup(lt);
    }
    if (this.open.length > 0) this.fail(`<${this.openNames[this.open.length - 1]}> is never closed`);
    if (this.root === undefined) this.fail('there is no root element');
    return this.root;
  }

  /** Character data from `start` to `end` (no "<" in it). */
  private text(start: number, end: number): void {
    const { xml, open } = this;
    if (open.length === 0) {
      for (let index = start; index < end; index += 1) {
        if (!isSpace(xml.charCodeAt(index))) this.fail('there is text outside the root element', index);
      }
      this.pos = end;
      return;
    }
    let raw = xml.slice(start, end);
    if (raw.includes(']]>')) this.fail('"]]>" appears in text', start);
    if (raw.includes('&')) raw = this.resolve(raw, start);
    const current = open[open.length - 1] as OpenElement;
    current.text = current.text === '' ? raw : current.text + raw;
    this.pos = end;
  }

  /** Whatever starts with the "<" at `lt`. */
  private markup(lt: number): void {
    const { xml } = this;
    const next = xml.charCodeAt(lt + 1);
    if (next === SLASH) this.endTag(lt);
    else if (next === QUESTION) this.processingInstruction(lt);
    else if (next === BANG) {
      if (xml.startsWith('<!--', lt)) this.comment(lt);
      else if (xml.startsWith('<![CDATA[', lt)) this.cdata(lt);
      else this.fail('"<!" starts neither a comment nor a CDATA section', lt);
    } else this.startTag(lt);
  }

  private startTag(lt: number): void {
    const { xml, open } = this;
    const depth = open.length;
    if (depth === 0 && this.root !== undefined) this.fail('there is more than one root element', lt);
    if (depth >= MAX_DEPTH) this.fail(`elements are nested deeper than ${MAX_DEPTH} levels`, lt);
    const qualifiedName = this.name(lt + 1);
    let bindings = depth === 0 ? ROOT_BINDINGS : (this.openBindings[depth - 1] as Binding);
    let attributes = NO_ATTRIBUTES;
    // Every attribute's qualified name, namespace declarations included, to refuse repeats: the
    // first one alone (most elements have at most one), a Set from the second on.
    let firstAttribute: string | undefined;
    let seen: Set<string> | undefined;
    let selfClosing = false;
    for (;;) {
      const afterSpace = this.skipSpace(this.pos);
      const code = xml.charCodeAt(afterSpace);
      if (code === GREATER_THAN) {
        this.pos = afterSpace + 1;
        break;
      }
      if (code === SLASH) {
        if (xml.charCodeAt(afterSpace + 1) !== GREATER_THAN) this.fail('"/" inside a start tag', afterSpace);
        this.pos = afterSpace + 2;
        selfClosing = true;
        break;
      }
      if (afterSpace === this.pos) {
        this.fail(Number.isNaN(code) ? `the start tag <${qualifiedName}> is cut off` : 'attributes must be separated by white space', afterSpace);
      }
      const attrName = this.name(afterSpace);
      const value = this.attributeValue();
      if (firstAttribute === undefined) {
        firstAttribute = attrName;
      } else {
        seen ??= new Set([firstAttribute]);
        if (seen.has(attrName)) this.fail(`the attribute ${attrName} appears twice`, afterSpace);
        seen.add(attrName);
      }
      if (attrName === 'xmlns' || attrName.startsWith('xmlns:')) {
        const declaredPrefix = attrName === 'xmlns' ? '' : attrName.slice(6);
        this.checkDeclaration(declaredPrefix, value, afterSpace);
        bindings = bind(declaredPrefix, value, bindings);
      } else {
        if (attributes === NO_ATTRIBUTES) attributes = new Map();
        (attributes as Map<string, string>).set(attrName, value);
      }
    }

    if (bindings.length > MAX_LISTED) bindings = fold(bindings);
    const colon = qualifiedName.indexOf(':');
    const prefix = colon >= 0 ? qualifiedName.slice(0, colon) : undefined;
    if (prefix === 'xmlns') this.fail('an element name with the prefix xmlns', lt);
    const declared = lookup(bindings, prefix ?? '');
    open.push({
      prefix,
      localName: colon >= 0 ? qualifiedName.slice(colon + 1) : qualifiedName,
      namespace: declared === '' ? undefined : declared,
      undeclaredPrefix: prefix !== undefined && declared === undefined,
      attributes,
      children: [],
      text: '',
    });
    this.openNames.push(qualifiedName);
    this.openBindings.push(bindings);
    if (selfClosing) this.close();
  }

  /** Namespaces in XML 1.0 §3: what a namespace declaration may not do. */
  private checkDeclaration(prefix: string, uri: string, at: number): void {
    if (prefix === 'xmlns') this.fail('the prefix xmlns is declared', at);
    if (prefix === 'xml' ? uri !== XML_NAMESPACE : uri === XML_NAMESPACE) {
      this.fail('the prefix xml is bound to another namespace, or its namespace to another prefix', at);
    }
    if (uri === XMLNS_NAMESPACE) this.fail('a prefix is bound to the xmlns namespace', at);
    if (prefix !== '' && uri === '') this.fail(`xmlns:${prefix}="" undeclares a prefix (not allowed in XML 1.0 namespaces)`, at);
  }

  /** `="…"` or `='…'` after an attribute name, normalised and resolved. */
  private attributeValue(): string {
    const { xml } = this;
    let index = this.skipSpace(this.pos);
    if (xml.charCodeAt(index) !== EQUALS) this.fail('an attribute without "=" and a quoted value', index);
    index = this.skipSpace(index + 1);
    const quote = xml.charCodeAt(index);
    if (quote !== DOUBLE_QUOTE && quote !== SINGLE_QUOTE) this.fail('an attribute value without quotes', index);
    const start = index + 1;
    const end = xml.indexOf(quote === DOUBLE_QUOTE ? '"' : "'", start);
    if (end === -1) this.fail('an attribute value is never closed', index);
    let value = xml.slice(start, end);
    if (value.includes('<')) this.fail('"<" inside an attribute value', start);
    // Before resolving: a tab or line end written as a reference (&#9;, &#xA;) stays what it is.
    if (value.includes('\n') || value.includes('\t')) value = value.replace(ATTRIBUTE_WHITESPACE, ' ');
    if (value.includes('&')) value = this.resolve(value, start);
    this.pos = end + 1;
    return value;
  }

  private endTag(lt: number): void {
    const { xml, open } = this;
    if (open.length === 0) this.fail('an end tag without a start tag', lt);
    const expected = this.openNames[open.length - 1] as string;
    // Compared where it stands, without cutting the name out: it must be the open name, whole.
    let index = lt + 2 + expected.length;
    if (!xml.startsWith(expected, lt + 2) || isNameChar(xml.charCodeAt(index))) {
      this.fail(`</${this.name(lt + 2)}> closes <${expected}>`, lt);
    }
    index = this.skipSpace(index);
    if (xml.charCodeAt(index) !== GREATER_THAN) this.fail(`the end tag </${expected}> is not closed with ">"`, index);
    this.pos = index + 1;
    this.close();
  }

  /** Ends the innermost open element and hands it to its parent (or makes it the root). */
  private close(): void {
    const { open } = this;
    const done = open.pop() as OpenElement;
    this.openNames.pop();
    this.openBindings.pop();
    if (open.length === 0) this.root = done;
    else (open[open.length - 1] as OpenElement).children.push(done);
  }

  private comment(lt: number): void {
    const end = this.xml.indexOf('--', lt + 4);
    if (end === -1) this.fail('a comment is never closed', lt);
    if (this.xml.charCodeAt(end + 2) !== GREATER_THAN) this.fail('"--" inside a comment', end);
    this.pos = end + 3;
  }

  private cdata(lt: number): void {
    const start = lt + 9;
    const end = this.xml.indexOf(']]>', start);
    if (end === -1) this.fail('a CDATA section is never closed', lt);
    const current = this.open[this.open.length - 1];
    if (current === undefined) this.fail('a CDATA section outside the root element', lt);
    current.text += this.xml.slice(start, end);
    this.pos = end + 3;
  }

  private processingInstruction(lt: number): void {
    const target = this.name(lt + 2);
    if (target.toLowerCase() === 'xml') this.fail('an XML declaration that is not at the very start', lt);
    const { xml } = this;
    if (xml.startsWith('?>', this.pos)) {
      this.pos += 2;
      return;
    }
    if (!isSpace(xml.charCodeAt(this.pos))) this.fail('a processing instruction target runs into its content', this.pos);
    const end = xml.indexOf('?>', this.pos);
    if (end === -1) this.fail('a processing instruction is never closed', lt);
    this.pos = end + 2;
  }

  /** A qualified name starting at `start`: an XML Name with at most one colon, not at either end. */
  private name(start: number): string {
    const { xml } = this;
    let index = start;
    let code = xml.charCodeAt(index);
    let colons = 0;
    if (code < 128 && (ASCII_NAME[code] as number) & ASCII_NAME_START) {
      for (;;) {
        if (code === COLON) colons += 1;
        index += 1;
        code = xml.charCodeAt(index);
        if (!(code < 128 && (ASCII_NAME[code] as number) & ASCII_NAME_CHAR)) break;
      }
    }
    // NaN (the end of the text) is not >= 128, so only a real non-ASCII character gets here.
    if (code >= 128) {
      NAME.lastIndex = start;
      const match = NAME.exec(xml);
      if (match !== null) {
        index = start + match[0].length;
        colons = 0;
        for (let at = match[0].indexOf(':'); at !== -1; at = match[0].indexOf(':', at + 1)) colons += 1;
      }
    }
    if (index === start) this.fail('a tag or attribute name is missing or not an XML name', start);
    if (colons > 0 && (colons > 1 || xml.charCodeAt(start) === COLON || xml.charCodeAt(index - 1) === COLON)) {
      this.fail(`"${xml.slice(start, Math.min(index, start + 40))}" is not a namespace-qualified name`, start);
    }
    this.pos = index;
    return xml.slice(start, index);
  }

  private skipSpace(start: number): number {
    let index = start;
    while (isSpace(this.xml.charCodeAt(index))) index += 1;
    return index;
  }

  private resolve(raw: string, start: number): string {
    try {
      return resolveReferences(raw);
    } catch (error) {
      if (error instanceof XmlSyntaxError) throw new XmlSyntaxError(error.message, false, `${error.message} (line ${this.lineAt(start)})`);
      throw error;
    }
  }

  fail(problem: string, at: number = this.pos): never {
    const line = this.lineAt(at);
    throw new XmlSyntaxError(`not well-formed XML (line ${line})`, false, `${problem} (line ${line})`);
  }

  private lineAt(index: number): number {
    let line = 1;
    for (let at = this.xml.indexOf('\n'); at !== -1 && at < index; at = this.xml.indexOf('\n', at + 1)) line += 1;
    return line;
  }
}

/**
 * Parses a whole document (no BOM, no DTD: the caller's checks) into a namespace-resolved tree.
 * Line ends are normalised first ("\r\n" and "\r" become "\n", XML 1.0 §2.11); a carriage return
 * written as a reference (&#xD;) survives.
 */
export function parseXml(input: string): XmlElement {
  // One scan settles the common case: no carriage return and no character to refuse.
  if (!hasUnusualChars(input)) return new Parser(input).parse();
  const parser = new Parser(input.replace(LINE_END, '\n'));
  const badChar = findNonXmlChar(parser.xml);
  if (badChar !== -1) parser.fail('it contains a character XML does not allow', badChar);
  return parser.parse();
}
