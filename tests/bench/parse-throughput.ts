// (a) Building a GetCallInfo request and reading the documented response, through lib/um versus
// a string template and a bare fast-xml-parser parse: what the safety of lib/um costs per message.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { XMLParser } from 'fast-xml-parser';
import { renderRequestEnvelope } from '../../lib/um/envelope';
import { expectResponse, readGetCallInfo } from '../../lib/um/operations';
import { readSoapBody } from '../../lib/um/soap-response';
import { median } from './stats';

const CALL_ID = 'MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20=';

export interface ThroughputResult {
  readonly libraryOpsPerSecond: number;
  readonly baselineOpsPerSecond: number;
  /** Median over rounds of library ops/s ÷ baseline ops/s (below 1: the library is slower). */
  readonly ratio: number;
  readonly rounds: number;
  readonly opsPerRound: number;
}

type Operation = () => number;

function libraryOperation(response: string): Operation {
  return () => {
    const request = renderRequestEnvelope('GetCallInfo', [['CallId', CALL_ID]]);
    const body = readSoapBody(response, 'GetCallInfo', 200);
    if (body.kind !== 'payload') throw new Error('the documented response read as a fault');
    const info = readGetCallInfo(expectResponse(body.element, 'GetCallInfo', 200), 200);
    return request.length + info.rawState.length;
  };
}

function baselineOperation(response: string): Operation {
  // One parser for the whole run, as lib/um keeps one: construction is not what is compared.
  const parser = new XMLParser();
  return () => {
    const request = `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><GetCallInfo xmlns="http://schemas.microsoft.com/exchange/services/2006/messages"><CallId>${CALL_ID}</CallId></GetCallInfo></soap:Body></soap:Envelope>`;
    const parsed = parser.parse(response) as Record<string, unknown>;
    return request.length + Object.keys(parsed).length;
  };
}

/** Runs `count` operations and returns ops/s; the checksum keeps the work from being optimised away. */
function timeBlock(operation: Operation, count: number): { opsPerSecond: number; checksum: number } {
  let checksum = 0;
  const started = performance.now();
  for (let index = 0; index < count; index += 1) checksum += operation();
  const seconds = (performance.now() - started) / 1000;
  return { opsPerSecond: count / seconds, checksum };
}

export function measureParseThroughput(repoRoot: string, rounds = 9, opsPerRound = 4_000): ThroughputResult {
  const response = readFileSync(path.join(repoRoot, 'tests', 'fixtures', 'samples', 'getcallinfo-response.xml'), 'utf8');
  const library = libraryOperation(response);
  const baseline = baselineOperation(response);
  if (library() <= 0 || baseline() <= 0) throw new Error('a benchmark operation did nothing');

  for (let warm = 0; warm < 3; warm += 1) {
    timeBlock(library, opsPerRound / 2);
    timeBlock(baseline, opsPerRound / 2);
  }
  const libraryRounds: number[] = [];
  const baselineRounds: number[] = [];
  const ratios: number[] = [];
  let checksum = 0;
  for (let round = 0; round < rounds; round += 1) {
    // Alternate which side goes first so neither always inherits a warmer cache or a GC debt.
    const order = round % 2 === 0 ? [library, baseline] : [baseline, library];
    const results = order.map((operation) => timeBlock(operation, opsPerRound));
    const [first, second] = results;
    if (!first || !second) throw new Error('unreachable');
    const libraryResult = round % 2 === 0 ? first : second;
    const baselineResult = round % 2 === 0 ? second : first;
    checksum += libraryResult.checksum + baselineResult.checksum;
    libraryRounds.push(libraryResult.opsPerSecond);
    baselineRounds.push(baselineResult.opsPerSecond);
    ratios.push(libraryResult.opsPerSecond / baselineResult.opsPerSecond);
  }
  if (checksum <= 0) throw new Error('no work was measured');
  return {
    libraryOpsPerSecond: median(libraryRounds),
    baselineOpsPerSecond: median(baselineRounds),
    ratio: median(ratios),
    rounds,
    opsPerRound,
  };
}
