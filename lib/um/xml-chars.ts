// XML 1.0's Char production: tab, line feed, carriage return, and U+0020 up, except lone
// surrogates, U+FFFE and U+FFFF. A unicode-mode regex tests it exactly but is several times slower
// than a plain one, so a plain one screens first for anything unusual: a C0 control other than tab
// and line feed (carriage returns included, which the parser normalises), a surrogate, U+FFFE or
// U+FFFF. Text without one (every CallId, nearly every SOAP response) is done after that one scan.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNUSUAL_CHAR = /[\u0000-\u0008\u000b-\u001f\ud800-\udfff\ufffe\uffff]/;
const NOT_XML_CHAR = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;

/** False when `text` holds nothing but tabs, line feeds and characters from U+0020 to U+D7FF and U+E000 to U+FFFD. */
export function hasUnusualChars(text: string): boolean {
  return UNUSUAL_CHAR.test(text);
}

/** The index of the first character XML 1.0 does not allow in `text`, or -1 when there is none. */
export function findNonXmlChar(text: string): number {
  if (!UNUSUAL_CHAR.test(text)) return -1;
  return NOT_XML_CHAR.exec(text)?.index ?? -1;
}
