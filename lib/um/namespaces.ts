/** Namespaces of the UM web service (MS-OXWUMS). Requests always use the http:// form. */
export const SOAP_ENVELOPE_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const MESSAGES_NS = 'http://schemas.microsoft.com/exchange/services/2006/messages';
export const ERRORS_NS = 'http://schemas.microsoft.com/exchange/services/2006/errors';

/**
 * Some rewritten copies of the documentation print the messages namespace with https://.
 * No real server sends or accepts it, but a parser that meets it should not fail on it.
 */
export const MESSAGES_NS_HTTPS_VARIANT = 'https://schemas.microsoft.com/exchange/services/2006/messages';

export const SOAP_ACTION_PREFIX = `${MESSAGES_NS}/`;

export function soapActionFor(operation: string): string {
  return `"${SOAP_ACTION_PREFIX}${operation}"`;
}
