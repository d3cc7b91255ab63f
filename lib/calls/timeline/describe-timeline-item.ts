import type { AuditEvent } from '../../audit/types';
import { isRole, ROLE_LABELS } from '../../auth/roles';
import type { ObservationSource } from '../check-call';
import { describeRecentSighting, readPrecheck } from '../describe-precheck';
import { formatSeconds, OUTCOME_WORDS } from '../disconnect-messages';
import type { CallObservation } from './timeline-types';

const SOURCE_WORDS: Record<ObservationSource, string> = {
  track: 'when it was tracked',
  poll: 'by the status poller',
  precheck: 'just before a disconnect',
  verify: 'while verifying a disconnect',
  recovery: 'by the start-up recovery',
};

const VIA_WORDS: Readonly<Record<string, string>> = {
  browser: 'in the browser',
  api: 'through the API',
  'test-call': 'as a test call',
  demo: 'as a demo call',
};

/** "Connected — seen by the status poller", "Disconnected (No answer) — seen while verifying a disconnect". */
export function describeObservation(observation: CallObservation): string {
  const cause = observation.causeLabel ? ` (${observation.causeLabel})` : '';
  return `${observation.stateLabel}${cause} — seen ${SOURCE_WORDS[observation.source]}`;
}

function who(event: AuditEvent): string {
  if (event.authMethod === 'system') return 'the console itself';
  if (event.actorId === null) return event.actorEmail ? `${event.actorEmail} (not signed in)` : 'someone not signed in';
  const via = event.authMethod.startsWith('token:') ? ` with the API token "${event.authMethod.slice('token:'.length)}"` : '';
  return `${event.actorEmail ?? event.actorId}${via}`;
}

const detail = (event: AuditEvent, name: string): unknown => event.details?.[name];

/** An audit event about a call, as one sentence for its timeline. */
export function describeAuditEvent(event: AuditEvent): string {
  const bulk = event.batchId ? ' (bulk disconnect)' : '';
  switch (event.action) {
    case 'call.track': {
      if (event.outcome === 'denied') return `Tracking refused for ${who(event)}`;
      const via = VIA_WORDS[String(detail(event, 'via'))] ?? '';
      const again = detail(event, 'alreadyTracked') === true ? ' again (it was tracked already; nothing changed)' : '';
      return `Tracked${again} by ${who(event)}${via ? ` ${via}` : ''}`;
    }
    case 'call.place_test':
      return `Test call placed by ${who(event)}`;
    case 'disconnect.requested':
      return `Disconnect requested by ${who(event)}${bulk}${event.reason ? `: “${event.reason}”` : ''}`;
    case 'disconnect.completed':
      return describeCompletion(event);
    case 'disconnect.denied': {
      const role = event.actorRole && isRole(event.actorRole) ? ROLE_LABELS[event.actorRole] : null;
      return `Disconnect refused for ${who(event)}${role ? ` (role ${role})` : ''}${bulk}; nothing was sent`;
    }
    default:
      return `${event.action} by ${who(event)}`;
  }
}

function describeCompletion(event: AuditEvent): string {
  const outcome = event.outcome;
  const words = outcome && outcome in OUTCOME_WORDS ? OUTCOME_WORDS[outcome as keyof typeof OUTCOME_WORDS] : 'no outcome recorded';
  const parts = [`Disconnect result: ${words}`];
  if (outcome === 'confirmed' && event.endLatencyMs !== null) parts.push(`the call ended ${formatSeconds(event.endLatencyMs)} after the hang-up was sent`);
  if (event.faultCode) parts.push(`fault ${event.faultCode}`);
  if (detail(event, 'recovered') === true) parts.push('closed by the console after a restart');
  // A fresh pre-check is the rule and goes unsaid; a bulk run's use of an earlier sighting is named.
  const precheck = readPrecheck(detail(event, 'precheck'));
  if (precheck?.kind === 'recent') parts.push(`no fresh check: ${describeRecentSighting(precheck)}`);
  return parts.join(' — ');
}
