// One fuzz case: a documented response, optionally with an XML declaration, after one to three
// mutations (text-level ones first, then byte-level ones).
import { BYTE_MUTATIONS } from './byte-mutations';
import type { Random } from './seeded-random';
import { XML_MUTATIONS } from './xml-mutations';

export interface MutatedBody {
  readonly body: Buffer;
  /** The mutations applied, in order, for the report of a failing case. */
  readonly applied: readonly string[];
}

export const MUTATION_NAMES: readonly string[] = [...Object.keys(XML_MUTATIONS), ...Object.keys(BYTE_MUTATIONS)];

const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';

export function mutateResponse(random: Random, sample: string): MutatedBody {
  const count = random.pick([1, 1, 1, 2, 2, 3]);
  const chosen = Array.from({ length: count }, () => random.pick(MUTATION_NAMES));
  const textual = chosen.filter((name) => name in XML_MUTATIONS);
  const bytewise = chosen.filter((name) => name in BYTE_MUTATIONS);
  let xml = random.chance(0.5) ? `${XML_DECLARATION}\n${sample}` : sample;
  for (const name of textual) xml = XML_MUTATIONS[name]?.(random, xml) ?? xml;
  let body: Buffer = Buffer.from(xml, 'utf8');
  for (const name of bytewise) body = BYTE_MUTATIONS[name]?.(random, body) ?? body;
  return { body, applied: [...textual, ...bytewise] };
}

/** The sample as the service would send it: without the leading comment that names its source. */
export function wireForm(sample: string): string {
  return sample.replace(/^<!--[\s\S]*?-->\s*/, '');
}
