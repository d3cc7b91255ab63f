import { buildFaultEnvelope } from '../envelope';

/** The exception types the simulator raises, with the faultstring Exchange sends for each. */
export const FAULT_STRINGS = {
  InvalidCallIdException: "The call identifier isn't valid.",
  InvalidObjectIdException: "The object identifier isn't valid.",
  DialingRulesException: "The dial string isn't allowed by the dialing rules of this UM dial plan.",
  ErrorInvalidRequest: 'The request is invalid.',
} as const;

export type SimulatedException = keyof typeof FAULT_STRINGS;

export interface SoapReply {
  readonly status: number;
  readonly body: string;
}

/** A fault as Exchange sends it: HTTP 500, faultcode in the errors namespace, ExceptionType in detail. */
export function faultReply(exception: SimulatedException, explanation?: string): SoapReply {
  const text = explanation ? `${FAULT_STRINGS[exception]} ${explanation}` : FAULT_STRINGS[exception];
  return { status: 500, body: buildFaultEnvelope(exception, text) };
}

/** ErrorInvalidRequest naming what was wrong, so a developer reading the fault can fix the request. */
export function invalidRequestReply(problem: string): SoapReply {
  const sentence = problem.charAt(0).toUpperCase() + problem.slice(1);
  return faultReply('ErrorInvalidRequest', sentence.endsWith('.') ? sentence : `${sentence}.`);
}
