import { describe, expect, it } from 'vitest';
import { hasPermission, isRole, PERMISSIONS, ROLE_INFO, ROLE_PERMISSIONS, ROLES } from './roles.js';
import { AUDIT_EVENT_TYPES_SEED } from './audit-event-types.js';
import { DOMAIN_TOPICS } from './topics.js';

// Written out literally from seed 000 ("Auth / RBAC Readiness"), in the seed's order.
const SEED_ROLE_PERMISSIONS = {
  provider: ['dictation:create', 'dictation:review_own', 'dictation:copy_narrative'],
  qa: ['qa:review_submitted', 'audit:view'],
  admin: ['admin:manage_templates', 'admin:manage_protocols', 'admin:manage_users', 'security:view_readiness', 'audit:view'],
  owner: [
    'dictation:create',
    'dictation:review_own',
    'dictation:copy_narrative',
    'qa:review_submitted',
    'admin:manage_templates',
    'admin:manage_protocols',
    'admin:manage_users',
    'security:view_readiness',
    'security:manage_phi_gates',
    'healthscribe:create_job',
    'audit:view',
    'tenant:manage',
  ],
};

describe('roles and permissions', () => {
  it('equal the seed exactly (members and order)', () => {
    expect([...ROLES]).toEqual(['provider', 'qa', 'admin', 'owner']);
    expect(JSON.parse(JSON.stringify(ROLE_PERMISSIONS))).toEqual(SEED_ROLE_PERMISSIONS);
    expect([...PERMISSIONS]).toEqual(SEED_ROLE_PERMISSIONS.owner);
  });

  it('hasPermission follows the table and nothing else', () => {
    for (const role of ROLES) {
      for (const permission of PERMISSIONS) {
        expect(hasPermission(role, permission), `${role} ${permission}`).toBe(SEED_ROLE_PERMISSIONS[role].includes(permission));
      }
    }
    expect(hasPermission('superuser' as never, 'tenant:manage')).toBe(false);
    expect(hasPermission('toString' as never, 'tenant:manage')).toBe(false);
  });

  it('cannot be mutated at runtime', () => {
    expect(() => (ROLE_PERMISSIONS.provider as string[]).push('tenant:manage')).toThrow();
    expect(hasPermission('provider', 'tenant:manage')).toBe(false);
  });

  it('carries the seed role descriptions', () => {
    expect(ROLE_INFO.provider.description).toBe(
      'Creates dictations, reviews own generated narrative, resolves missing information, and copies ESO narrative.',
    );
    expect(ROLE_INFO.owner.title).toBe('Owner');
    expect(isRole('qa')).toBe(true);
    expect(isRole('QA')).toBe(false);
  });
});

describe('seed audit event types', () => {
  it("lists the seed's eight types in order, each a domain topic", () => {
    expect(AUDIT_EVENT_TYPES_SEED.map((e) => e.type)).toEqual([
      'auth.login',
      'dictation.audio.created',
      'healthscribe.job.started',
      'healthscribe.output.received',
      'narrative.generated',
      'narrative.copied',
      'admin.reference.updated',
      'retention.object.deleted',
    ]);
    expect(AUDIT_EVENT_TYPES_SEED[0]?.description).toBe('User signs in under an organization tenant.');
    expect(AUDIT_EVENT_TYPES_SEED[7]?.description).toBe('A PHI object is deleted under retention or tenant request rules.');
    for (const { type } of AUDIT_EVENT_TYPES_SEED) expect(DOMAIN_TOPICS).toContain(type);
  });
});
