// What a person reads about a bulk run: why it stopped, and what to do next.

const lowerFirst = (text: string) => (text ? text.charAt(0).toLowerCase() + text.slice(1) : text);

export const BATCH_MESSAGES = {
  paused: (failures: number, lastMessage: string) =>
    `Paused after ${failures} failures in a row: ${lowerFirst(lastMessage)} ` +
    'No further calls are sent until an operator resumes the batch (once the problem is fixed) or cancels it.',
  cancelled: (by: string, notSent: number) =>
    `Cancelled by ${by}: ${notSent} ${notSent === 1 ? 'call was' : 'calls were'} not sent; calls already being disconnected finished.`,
  interrupted: (notSent: number) =>
    `The console stopped while this batch was running. ${notSent} ${notSent === 1 ? 'call was' : 'calls were'} not sent and ` +
    'will not be sent unless an operator resumes the batch (or cancels it).',
  unexpected:
    'Something unexpected went wrong while disconnecting this call, so it is not known whether the hang-up was sent. ' +
    'Check the call on the board before trying again; the server log has the details.',
  stoppedUnexpectedly:
    'The batch stopped because of an unexpected error; calls not yet sent were not sent. The server log has the details; ' +
    'an operator can resume or cancel it.',
  interruptedItem: 'The console stopped before this call was sent; it was put back as not sent.',
} as const;
