// lib/um's own XML parser (lib/um/xml-parser.ts, through parseXmlDocument): what XML 1.0 and
// Namespaces in XML call well-formed is read, the rest is refused, and the documented samples come
// out as an independent parser (xmlbuilder2's) reads them.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { MAX_DEPTH } from '../../lib/um/xml-parser';
import { parseXmlDocument, XmlSyntaxError, type XmlElement } from '../../lib/um/xml-tree';
import { canonicalXml, readSample, type CanonicalElement } from '../helpers/xml-equivalent';

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** The tree in xml-equivalent's shape, for comparing with the second opinion. */
function canonical(element: XmlElement): CanonicalElement {
  // Attributes are kept by qualified name; xmlbuilder2 leaves xml:lang, the samples' only prefixed one, unresolved too.
  const attributes: Record<string, string> = {};
  for (const [name, value] of element.attributes) attributes[`{}${name}`] = value;
  return {
    name: `{${element.namespace ?? ''}}${element.localName}`,
    attributes,
    text: element.text.trim(),
    children: element.children.map(canonical),
  };
}

function refusal(xml: string): XmlSyntaxError {
  try {
    parseXmlDocument(xml);
  } catch (error) {
    assert.ok(error instanceof XmlSyntaxError, `not an XmlSyntaxError: ${String(error)}`);
    return error;
  }
  assert.fail(`accepted: ${JSON.stringify(xml.slice(0, 120))}`);
}

describe('the documented samples', () => {
  const samples = readdirSync(path.join(import.meta.dirname, '..', 'fixtures', 'samples')).filter((name) => name.endsWith('.xml'));
  for (const sample of samples) {
    test(`${sample} reads as xmlbuilder2 reads it`, () => {
      const xml = readSample(sample);
      assert.deepEqual(canonical(parseXmlDocument(xml)), canonicalXml(xml));
    });
  }
});

describe('well-formed documents', () => {
  test('namespaces: default, prefixed, re-declared, undeclared with xmlns="", and the predefined xml prefix', () => {
    const root = parseXmlDocument(
      '<a xmlns="urn:one" xmlns:p="urn:p"><p:b/><c xmlns=""><d xmlns="urn:two"/></c><e xml:lang="en"/></a>',
    );
    assert.equal(root.namespace, 'urn:one');
    const [b, c, e] = root.children;
    assert.deepEqual([b?.prefix, b?.localName, b?.namespace, b?.undeclaredPrefix], ['p', 'b', 'urn:p', false]);
    assert.equal(c?.namespace, undefined);
    assert.equal(c?.children[0]?.namespace, 'urn:two');
    assert.equal(e?.attributes.get('xml:lang'), 'en');
    assert.equal(root.attributes.size, 0, 'namespace declarations are not attributes');
  });

  test('namespaces resolve the same when an element declares dozens of them (past 16 they are folded into one Map)', () => {
    const declare = (prefix: string, count: number, uri: string) =>
      Array.from({ length: count }, (_, index) => `xmlns:${prefix}${index}="${uri}${index}"`).join(' ');
    const root = parseXmlDocument(
      `<r xmlns="urn:default" ${declare('p', 20, 'urn:p')}><p0:a/><p19:b/><c/>` +
        `<d xmlns:p5="urn:inner" ${declare('q', 20, 'urn:q')}><p5:e/><p6:f/><q19:g/><h/><z:i/></d><p5:j/>` +
        `<k xmlns:s="urn:outer"><l xmlns:s="urn:inner" ${declare('t', 20, 'urn:t')}><s:m/></l></k></r>`,
    );
    const namespaces = (element: XmlElement): unknown[] => [
      `${element.localName}=${element.namespace ?? (element.undeclaredPrefix ? 'undeclared' : 'none')}`,
      ...element.children.flatMap(namespaces),
    ];
    assert.deepEqual(namespaces(root), [
      'r=urn:default',
      'a=urn:p0',
      'b=urn:p19',
      'c=urn:default',
      'd=urn:default',
      'e=urn:inner',
      'f=urn:p6',
      'g=urn:q19',
      'h=urn:default',
      'i=undeclared',
      'j=urn:p5',
      'k=urn:default',
      'l=urn:default',
      'm=urn:inner',
    ]);
  });

  test('a prefix nobody declared is kept and marked (documented UM faults use one)', () => {
    const root = parseXmlDocument('<soap:Envelope><soap:Body/></soap:Envelope>');
    assert.deepEqual([root.prefix, root.localName, root.namespace, root.undeclaredPrefix], ['soap', 'Envelope', undefined, true]);
  });

  test('text: references resolved, CDATA literal, comments and processing instructions skipped, pieces joined', () => {
    const root = parseXmlDocument('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><!-- c --><?pi data?><a>x &lt;&#65;&#x42;<!-- y --><![CDATA[&amp;<b>]]><?p?>z</a><!-- after -->\n');
    assert.equal(root.text, 'x <AB&amp;<b>z');
    assert.equal(root.children.length, 0);
  });

  test('attribute values: either quote, white space around "=", references resolved, tabs and line ends made spaces', () => {
    const root = parseXmlDocument(`<a one = 'x"y' two="a\tb\nc" three="&#9;&#xA;&amp;&quot;" four='>'/>`);
    assert.deepEqual(Object.fromEntries(root.attributes), { one: 'x"y', two: 'a b c', three: '\t\n&"', four: '>' });
  });

  test('line ends are normalised to "\\n", but a carriage return written as a reference stays', () => {
    assert.equal(parseXmlDocument('<a>1\r\n2\r3&#xD;</a>').text, '1\n2\n3\r');
  });

  test('names that are JavaScript\'s own are ordinary names, and no prototype changes', () => {
    const root = parseXmlDocument('<__proto__ constructor="1" toString="2"><constructor/><prototype/><m:hasOwnProperty xmlns:m="urn:m"/></__proto__>');
    assert.equal(root.localName, '__proto__');
    assert.deepEqual(root.children.map((child) => child.localName), ['constructor', 'prototype', 'hasOwnProperty']);
    assert.equal(root.attributes.get('constructor'), '1');
    assert.equal(({} as Record<string, unknown>).constructor, Object);
    assert.equal(Object.prototype.toString.call([]), '[object Array]');
  });

  test('non-ASCII names, a BOM, white space in tags and after the root', () => {
    const root = parseXmlDocument('\ufeff<données\n  été="1"\t></données >\n\n');
    assert.equal(root.localName, 'données');
    assert.equal(root.attributes.get('été'), '1');
  });

  test(`elements nest up to ${MAX_DEPTH} deep`, () => {
    const xml = '<a>'.repeat(MAX_DEPTH) + '</a>'.repeat(MAX_DEPTH);
    let depth = 0;
    for (let element: XmlElement | undefined = parseXmlDocument(xml); element; element = element.children[0]) depth += 1;
    assert.equal(depth, MAX_DEPTH);
  });
});

describe('what is not well-formed is refused', () => {
  const cases: Record<string, string> = {
    'an empty document': '',
    'only white space': ' \n',
    'text only': 'hello',
    'text before the root': 'x<a/>',
    'text after the root': '<a/>x',
    'a reference outside the root': '<a/>&amp;',
    'two roots': '<a/><b/>',
    'a CDATA section outside the root': '<![CDATA[x]]><a/>',
    'an unclosed element': '<a><b></b>',
    'a mismatched end tag': '<a><b></a></b>',
    'an end tag that only starts like the open one': '<ab></a>',
    'an end tag without a start': '</a>',
    'a cut-off start tag': '<a b="1"',
    'a cut-off end tag': '<a></a',
    'white space before a name': '< a/>',
    'a name starting with a digit': '<1a/>',
    'a name with two colons': '<a:b:c/>',
    'a name starting with a colon': '<:a/>',
    'a name ending with a colon': '<a:/>',
    'a repeated attribute': '<a b="1" b="2"/>',
    'a repeated namespace declaration': '<a xmlns:p="u" xmlns:p="v"/>',
    'attributes without white space between': '<a b="1"c="2"/>',
    'an unquoted attribute value': '<a b=1/>',
    'an attribute without a value': '<a b/>',
    'an unclosed attribute value': '<a b="1/>',
    '"<" in an attribute value': '<a b="<"/>',
    '"]]>" in text': '<a>]]></a>',
    '"--" inside a comment': '<a><!-- a -- b --></a>',
    'a comment ending in "--->"': '<a><!-- a ---></a>',
    'an unclosed comment': '<a><!-- a</a>',
    'an unclosed CDATA section': '<a><![CDATA[x</a>',
    '"<!" that is neither a comment nor CDATA': '<a><!x></a>',
    'an XML declaration after the start': ' <?xml version="1.0"?><a/>',
    'an XML declaration inside the root': '<a><?xml version="1.0"?></a>',
    'an XML declaration without a version': '<?xml encoding="utf-8"?><a/>',
    'an XML declaration naming another encoding': '<?xml version="1.0" encoding="iso-8859-1"?><a/>',
    'an XML declaration with an unknown pseudo-attribute': '<?xml version="1.0" other="x"?><a/>',
    'an unclosed processing instruction': '<a><?pi x</a>',
    'a NUL character': '<a>\u0000</a>',
    'a control character': '<a>\u0001</a>',
    'U+FFFE': '<a>\ufffe</a>',
    'a lone surrogate': '<a>\ud800</a>',
    'a control character in an attribute': '<a b="\u001f"/>',
    'an undeclared entity': '<a>&nbsp;</a>',
    'a reference to a character XML does not allow': '<a>&#1;</a>',
    'a bare "&"': '<a>a & b</a>',
    'the prefix xmlns on an element': '<xmlns:a/>',
    'a declaration of the prefix xmlns': '<a xmlns:xmlns="urn:x"/>',
    'the prefix xml bound to another namespace': '<xml:a xmlns:xml="http://schemas.xmlsoap.org/soap/envelope/"/>',
    'another prefix bound to the xml namespace': `<a xmlns:x="${XML_NS}"/>`,
    'a prefix bound to the xmlns namespace': '<a xmlns:x="http://www.w3.org/2000/xmlns/"/>',
    'a prefix undeclared with xmlns:p=""': '<a xmlns:p=""/>',
    [`nesting deeper than ${MAX_DEPTH}`]: '<a>'.repeat(MAX_DEPTH + 1) + '</a>'.repeat(MAX_DEPTH + 1),
  };
  for (const [name, xml] of Object.entries(cases)) {
    test(name, () => {
      const error = refusal(xml);
      assert.equal(error.forbiddenMarkup, false);
      assert.match(error.message, /^not well-formed XML/);
    });
  }

  test('a DTD anywhere, even inside a comment, is forbidden markup rather than a syntax error', () => {
    for (const xml of ['<!DOCTYPE a><a/>', '<a><!-- <!DOCTYPE --></a>', '<a><![CDATA[<!ENTITY x "y">]]></a>', '<!doctype a [<!ENTITY x "y">]><a>&x;</a>']) {
      assert.equal(refusal(xml).forbiddenMarkup, true, xml);
    }
  });

  test('the message a person sees names the line, and the parser\'s own words are kept apart for logs', () => {
    const error = refusal('<a>\n<b>\n</a>');
    assert.equal(error.message, 'not well-formed XML (line 3)');
    assert.match(error.parserMessage ?? '', /<\/a> closes <b>/);
  });
});
