/** Epoch milliseconds; injected so tests can pin time and move it on. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();
