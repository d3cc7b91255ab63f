// What reached the UM service, read back from the simulator's request log (it keeps each body):
// every body must be one well-formed XML document, and each field element must appear exactly once
// holding exactly the value the console meant to send.
import type { SimulatorRequestRecord } from '../../../lib/um/simulator';
import { parseXmlDocument, type XmlElement } from '../../../lib/um/xml-tree';

function collect(element: XmlElement, localName: string, found: XmlElement[] = []): XmlElement[] {
  if (element.localName === localName) found.push(element);
  for (const child of element.children) collect(child, localName, found);
  return found;
}

/** Problems with the requests in `records`: unparsable bodies, or `field` not exactly once with `value`. */
export function checkSentField(records: readonly SimulatorRequestRecord[], field: string, value: string): string[] {
  const problems: string[] = [];
  for (const record of records) {
    const what = `${record.operation ?? '?'} request at ${record.at}`;
    if (record.body === undefined) {
      problems.push(`${what}: its body was not recorded`);
      continue;
    }
    let root: XmlElement;
    try {
      root = parseXmlDocument(record.body);
    } catch (error) {
      problems.push(`${what}: not well-formed XML (${(error as Error).message})`);
      continue;
    }
    const elements = collect(root, field);
    if (elements.length !== 1) problems.push(`${what}: ${elements.length} <${field}> elements`);
    else if (elements[0]?.text !== value || elements[0].children.length > 0) {
      problems.push(`${what}: <${field}> holds ${JSON.stringify(elements[0]?.text.slice(0, 80))}, not the value sent`);
    }
  }
  return problems;
}
