import { describe, expect, it } from 'vitest';
import { abilitiesOf, can, capabilities, grantOf, roles } from './permissions.js';

describe('role → capability table', () => {
  it('gives the owner and admin every capability', () => {
    for (const c of capabilities) {
      expect(can('owner', c)).toBe(true);
      expect(can('admin', c)).toBe(true);
    }
  });

  it('lets every role read the organisation and its registers', () => {
    for (const r of roles) for (const c of ['org.read', 'system.read', 'vendor.read'] as const) expect(can(r, c)).toBe(true);
  });

  it('keeps the board and auditors read-only, and only auditors and above see the audit trail', () => {
    const writes = capabilities.filter((c) => /\.(create|update|archive|manage|run)$/.test(c) && c !== 'export.run');
    for (const c of writes) {
      expect(can('viewer', c)).toBe(false);
      expect(can('auditor', c)).toBe(false);
    }
    expect(roles.filter((r) => can(r, 'audit.read'))).toEqual(['owner', 'admin', 'governance_lead', 'auditor']);
  });

  it('limits system owners to the systems they own', () => {
    expect(grantOf('system_owner', 'system.update')).toBe('own');
    expect(grantOf('system_owner', 'system.archive')).toBe('own');
    expect(grantOf('governance_lead', 'system.update')).toBe('all');
    expect(can('system_owner', 'vendor.update')).toBe(false);
  });

  it('sends exactly the granted capabilities to the web app', () => {
    expect(Object.keys(abilitiesOf('viewer')).sort()).toEqual([
      'alert.read',
      'assessment.read',
      'assurance.read',
      'control.read',
      'evidence.read',
      'impact.read',
      'member.read',
      'org.read',
      'remediation.read',
      'risk.read',
      'soa.read',
      'system.read',
      'telemetry.read',
      'vendor.read',
    ]);
  });
});
