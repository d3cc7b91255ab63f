import type { Actor } from '../../../lib/auth/actor';

/** The operator the benchmarks act as; each says how it signed in and from where. */
export function benchOperator(how: Pick<Actor, 'authMethod' | 'sourceIp' | 'userAgent'>): Actor {
  return {
    kind: 'user',
    id: '00000000-0000-4000-8000-000000000003',
    email: 'operator03@contoso.test',
    displayName: 'Operator 03',
    role: 'operator',
    ...how,
  };
}
