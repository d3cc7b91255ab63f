/** Who looked: kept with each observation so a call's timeline says where a state came from. */
export const OBSERVATION_SOURCES = ['track', 'poll', 'precheck', 'verify', 'recovery'] as const;
export type ObservationSource = (typeof OBSERVATION_SOURCES)[number];

export function isObservationSource(value: unknown): value is ObservationSource {
  return typeof value === 'string' && (OBSERVATION_SOURCES as readonly string[]).includes(value);
}
