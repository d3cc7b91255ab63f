// Who acts in the seeded audit log, and with what: twenty operators of very different activity,
// a few auditors, admins and viewers, the reasons they give and how their disconnects end.

export interface Person {
  readonly id: string;
  readonly email: string;
  readonly role: string;
}

const person = (n: number, name: string, role: string): Person => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  email: `${name}@contoso.test`,
  role,
});

/** operator01 is the busiest; operatorNN does about 1/NN^0.8 of its work. */
export const OPERATORS: readonly Person[] = Array.from({ length: 20 }, (_, i) => person(i + 1, `operator${String(i + 1).padStart(2, '0')}`, 'operator'));
export const AUDITORS = [person(31, 'auditor1', 'auditor'), person(32, 'auditor2', 'auditor'), person(33, 'auditor3', 'auditor')];
export const ADMINS = [person(41, 'admin1', 'admin'), person(42, 'admin2', 'admin')];
export const VIEWERS = [person(51, 'viewer1', 'viewer'), person(52, 'viewer2', 'viewer')];
export const OPERATOR_WEIGHTS = OPERATORS.map((_, i) => 1 / (i + 1) ** 0.8);

export const REASONS = [
  'Stuck in Connected for over an hour',
  'Caller reported the line keeps ringing',
  'Ticket INC-20931: dangling Play-on-Phone session',
  'Requested by the mailbox owner',
  'Connecting far too long',
  'Cleanup after the CAS failover',
  'Duplicate test call',
  'No audio on the call, user hung up',
];
export const OUTCOMES: readonly (readonly [string, number])[] = [['confirmed', 78], ['accepted', 8], ['already-ended', 7], ['failed', 5], ['unknown', 2]];
