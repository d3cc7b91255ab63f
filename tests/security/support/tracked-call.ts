// A real call on the simulator, tracked on the console through the API by an operator: something
// a refused request could have disconnected, and a label a leak check can look for.
import { createUmClient } from '../../../lib/um';
import { SAMPLE_ENTRY_ID } from './action-samples';
import { UM_TEST_PASSWORD, UM_TEST_USERNAME, type SecurityTarget } from './security-console';

/** Places a call (dial strings decide the simulator's scenario; the default answers normally). */
export async function placeCall(target: SecurityTarget, dialString = '+1 425 555 0150'): Promise<string> {
  const client = createUmClient({ url: target.simulator.url, username: UM_TEST_USERNAME, password: UM_TEST_PASSWORD, timeoutMs: 5_000 });
  try {
    return await client.playOnPhone(SAMPLE_ENTRY_ID, dialString);
  } finally {
    await client.close();
  }
}

/** Places a call and tracks it with `label` as the operator whose token this is; returns its CallId. */
export async function trackNewCall(target: SecurityTarget, operatorToken: string, label: string): Promise<string> {
  const callId = await placeCall(target);
  const response = await fetch(`${target.url}/api/v1/calls`, {
    method: 'POST',
    headers: { authorization: `Bearer ${operatorToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ callId, label }),
  });
  if (response.status !== 201) throw new Error(`Tracking a call answered HTTP ${response.status}: ${await response.text()}`);
  return callId;
}
