// Durations and CallIds as people read them on the board. Pure: shared by server and browser.

/** "12 s", "3 min 12 s", "2 h 5 min", "3 d 4 h". Negative durations (clock skew) read as 0 s. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${minutes} min`;
  if (minutes > 0) return `${minutes} min ${seconds} s`;
  return `${seconds} s`;
}

/** "just now" under a second, else "4 s ago", "3 min 12 s ago". */
export function formatAgo(ms: number): string {
  return ms < 1000 ? 'just now' : `${formatDuration(ms)} ago`;
}

/** "12 ms", "1.4 s": a latency from the audit log or a disconnect result. */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  return seconds < 10 ? `${seconds.toFixed(1)} s` : `${Math.round(seconds)} s`;
}

const HEAD = 8;
const TAIL = 6;

/** "NDEzYjEz…Lm9yZw==": enough to tell calls apart; the full value goes in a title and the copy button. */
export function shortenCallId(callId: string): string {
  return callId.length <= HEAD + TAIL + 1 ? callId : `${callId.slice(0, HEAD)}…${callId.slice(-TAIL)}`;
}
