import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasAnyRole, ROLES, roleSatisfies, type Role } from '../../lib/auth/roles';

// Rows: the role someone has; columns: the role a page asks for (design.md).
const TABLE: Record<Role, Record<Role, boolean>> = {
  viewer: { viewer: true, operator: false, auditor: false, admin: false },
  operator: { viewer: true, operator: true, auditor: false, admin: false },
  auditor: { viewer: false, operator: false, auditor: true, admin: false },
  admin: { viewer: true, operator: true, auditor: true, admin: true },
};

test('roleSatisfies follows the design: operator includes viewer, auditor stands apart, admin has everything', () => {
  for (const actual of ROLES) {
    for (const required of ROLES) {
      assert.equal(roleSatisfies(actual, required), TABLE[actual][required], `${actual} for ${required}`);
    }
  }
});

test('hasAnyRole lets in anyone satisfying one of the listed roles, and nobody for an empty list', () => {
  assert.equal(hasAnyRole('auditor', ['operator', 'auditor']), true);
  assert.equal(hasAnyRole('operator', ['auditor']), false);
  assert.equal(hasAnyRole('viewer', ['operator']), false);
  assert.equal(hasAnyRole('admin', ['auditor']), true);
  for (const role of ROLES) assert.equal(hasAnyRole(role, []), false);
});
