// Text-level mutations of a SOAP response, each aimed at one way a parser goes wrong: cut-off
// documents, repeated or deeply nested elements, huge attributes, DTD and entity tricks, names that
// are JavaScript's own (__proto__, constructor), swapped namespace prefixes, CDATA and comments.
import type { Random } from './seeded-random';

export type XmlMutation = (random: Random, xml: string) => string;

const START_TAG = /<([A-Za-z_][\w.:-]*)[^<>]*?(\/?)>/g;
const PROTO_NAMES = ['__proto__', 'constructor', 'prototype', 'm:__proto__', '__proto__:x', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];
const NAMESPACES = [
  'http://schemas.xmlsoap.org/soap/envelope/',
  'http://schemas.microsoft.com/exchange/services/2006/messages',
  'https://schemas.microsoft.com/exchange/services/2006/messages',
  'http://schemas.microsoft.com/exchange/services/2006/errors',
  'http://www.w3.org/2003/05/soap-envelope',
  'urn:__proto__',
  '',
];
const PREFIXES = ['soap', 's', 'm', 'a', 't', 'x', 'xml', 'xmlns', '__proto__', 'SOAP-ENV', ''];

const insertAt = (xml: string, index: number, text: string) => xml.slice(0, index) + text + xml.slice(index);

/** Somewhere a new element may go: just before a random '<' (or at the very end). */
function tagBoundary(random: Random, xml: string): number {
  const positions = [...xml.matchAll(/</g)].map((match) => match.index);
  return positions.length === 0 ? xml.length : random.pick(positions);
}

function randomStartTag(random: Random, xml: string): RegExpExecArray | undefined {
  const tags = [...xml.matchAll(START_TAG)];
  return tags.length === 0 ? undefined : random.pick(tags);
}

/** The whole element that starts at `tag` (up to the first matching end tag), or the tag alone. */
function elementAt(xml: string, tag: RegExpExecArray): { start: number; end: number } {
  const start = tag.index;
  const name = tag[1] ?? '';
  if (tag[2] === '/') return { start, end: start + tag[0].length };
  const close = xml.indexOf(`</${name}>`, start + tag[0].length);
  return { start, end: close === -1 ? start + tag[0].length : close + name.length + 3 };
}

function insertIntoStartTag(random: Random, xml: string, attributes: string): string {
  const tag = randomStartTag(random, xml);
  return tag ? insertAt(xml, tag.index + 1 + (tag[1] ?? '').length, attributes) : xml;
}

const DOCTYPES = [
  '<!DOCTYPE soap:Envelope [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
  '<!DOCTYPE x [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>',
  '<!DOCTYPE x [<!ENTITY state "Disconnected">]>',
  '<!DOCTYPE x [<!ENTITY % p SYSTEM "http://127.0.0.1:1/evil.dtd"> %p;]>',
  '<!doctype x system "http://127.0.0.1:1/evil.dtd">',
  '<!ENTITY xxe "free-standing">',
];
const REFERENCES = ['&xxe;', '&lol3;', '&state;', '&nbsp;', '&#0;', '&#x110000;', '&#xD800;', '&#65;', '&#x43;', '&#99999999999;', '&', '&;', '&#;', '&#x;', '&lt;', '&gt;'];

export const XML_MUTATIONS: Readonly<Record<string, XmlMutation>> = {
  truncate: (random, xml) => xml.slice(0, random.int(0, Math.max(0, xml.length - 1))),

  'duplicate-element': (random, xml) => {
    const tag = randomStartTag(random, xml);
    if (!tag) return xml;
    const { start, end } = elementAt(xml, tag);
    return insertAt(xml, end, xml.slice(start, end).repeat(random.pick([1, 1, 2, 3, 200])));
  },

  'deep-nesting': (random, xml) => {
    const depth = random.logInt(1, 12_000);
    const name = random.pick(['a', 'm:a', 'x', 'GetCallInfoResponse', 'soap:Body', 'detail']);
    const balanced = random.chance(0.7);
    const nest = `<${name}>`.repeat(depth) + (balanced ? `</${name}>`.repeat(depth) : '');
    return insertAt(xml, tagBoundary(random, xml), nest);
  },

  'huge-attribute': (random, xml) => {
    switch (random.int(0, 3)) {
      case 0:
        return insertIntoStartTag(random, xml, ` big="${'x'.repeat(random.logInt(1, 200_000))}"`);
      case 1:
        return insertIntoStartTag(random, xml, Array.from({ length: random.logInt(1, 5_000) }, (_, i) => ` a${i}="v"`).join(''));
      case 2:
        return insertIntoStartTag(random, xml, ' dup="1" dup="2"');
      default:
        return insertIntoStartTag(random, xml, ` odd="${random.pick(['<', '&', '"', "'", '&amp;lt;', '\u0000'])}"`);
    }
  },

  'entity-injection': (random, xml) => {
    let out = xml;
    if (random.chance(0.6)) {
      const root = out.search(/<[A-Za-z_]/);
      out = insertAt(out, random.chance(0.7) && root >= 0 ? root : random.int(0, out.length), random.pick(DOCTYPES));
    }
    const text = [...out.matchAll(/>([^<]+)</g)];
    if (text.length > 0 || random.chance(0.5)) {
      const at = text.length > 0 ? random.pick(text).index + 1 : tagBoundary(random, out);
      out = insertAt(out, at, random.pick(REFERENCES));
    }
    return out;
  },

  'proto-names': (random, xml) => {
    const name = random.pick(PROTO_NAMES);
    switch (random.int(0, 3)) {
      case 0: {
        const tag = randomStartTag(random, xml);
        if (!tag) return xml;
        const old = tag[1] ?? '';
        const { start, end } = elementAt(xml, tag);
        const element = xml.slice(start, end).replace(`<${old}`, `<${name}`).replace(new RegExp(`</${old.replace(/\./g, '\\.')}>$`), `</${name}>`);
        return xml.slice(0, start) + element + xml.slice(end);
      }
      case 1:
        return insertAt(xml, tagBoundary(random, xml), random.pick(['<__proto__><polluted>yes</polluted></__proto__>', '<constructor><prototype><polluted>yes</polluted></prototype></constructor>', `<${name} polluted="yes"/>`]));
      case 2:
        return insertIntoStartTag(random, xml, random.pick([' __proto__="polluted" constructor="x" prototype="y"', ' polluted="yes"', ' toString="x" hasOwnProperty="y"']));
      default:
        return insertIntoStartTag(random, xml, ' xmlns:__proto__="urn:p" __proto__:polluted="yes"');
    }
  },

  'prefix-swap': (random, xml) => {
    const used = [...new Set([...xml.matchAll(/<\/?([A-Za-z_][\w.-]*):/g)].map((m) => m[1] ?? ''))];
    const mode = random.int(0, 2);
    if (mode === 0 && used.length > 0) {
      const from = random.pick(used);
      const to = random.pick(PREFIXES);
      const swapped = xml.replace(new RegExp(`<(/?)${from}:`, 'g'), to ? `<$1${to}:` : '<$1');
      return random.chance(0.5) ? swapped.replaceAll(`xmlns:${from}=`, to ? `xmlns:${to}=` : 'xmlns=') : swapped;
    }
    if (mode === 1) {
      const present = NAMESPACES.filter((ns) => ns !== '' && xml.includes(`"${ns}"`));
      return present.length === 0 ? xml : xml.replaceAll(`"${random.pick(present)}"`, `"${random.pick(NAMESPACES)}"`);
    }
    const declarations = [...xml.matchAll(/\sxmlns(:[\w.-]+)?="[^"]*"/g)];
    if (declarations.length === 0) return xml;
    const victim = random.pick(declarations);
    return xml.slice(0, victim.index) + xml.slice(victim.index + victim[0].length);
  },

  cdata: (random, xml) => {
    const text = [...xml.matchAll(/>([^<]+)</g)];
    if (text.length > 0 && random.chance(0.5)) {
      const run = random.pick(text);
      const inner = run[1] ?? '';
      return `${xml.slice(0, run.index + 1)}<![CDATA[${random.chance(0.8) ? inner : `${inner}]]>`}]]>${xml.slice(run.index + 1 + inner.length)}`;
    }
    const piece = random.pick(['<![CDATA[<CallState>Disconnected</CallState>]]>', '<![CDATA[', ']]>', '<![CDATA[a<![CDATA[b]]>c]]>', '<![CDATA[]]>']);
    return insertAt(xml, tagBoundary(random, xml), piece);
  },

  comment: (random, xml) => {
    const piece = random.pick(['<!-- note -->', '<!-- a -- b -->', '<!--', '<!--->', '<!---->', '<!-- <CallState>Disconnected</CallState> -->']);
    if (random.chance(0.2)) return insertIntoStartTag(random, xml, ` ${piece}`);
    return insertAt(xml, random.chance(0.7) ? tagBoundary(random, xml) : random.int(0, xml.length), piece);
  },
};
