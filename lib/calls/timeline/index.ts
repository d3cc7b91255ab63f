// A call's timeline: observed state changes merged with the audit events about it, newest first.
export { describeAuditEvent, describeObservation } from './describe-timeline-item';
export { MAX_TIMELINE_ENTRIES, getCallTimeline } from './get-call-timeline';
export type { CallObservation, CallTimeline, TimelineItem } from './timeline-types';
