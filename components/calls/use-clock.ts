import { useSyncExternalStore } from 'react';

// One shared one-second tick for every relative time on the page ("4 s ago", "3 min 12 s").

let current = 0;
let timer: ReturnType<typeof setInterval> | undefined;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) {
    current = Date.now();
    timer = setInterval(() => {
      current = Date.now();
      for (const notify of listeners) notify();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

function getSnapshot(): number {
  if (current === 0) current = Date.now();
  return current;
}

/**
 * The browser's time, updated every second; null while rendering on the server and hydrating, so
 * the server's HTML and the first browser render agree.
 */
export function useClock(): number | null {
  return useSyncExternalStore(subscribe, getSnapshot, () => null);
}
