/**
 * Roles and what each may do, as plain data (DESIGN.md "Permissions"). The server enforces it on every route
 * and sends each user's abilities to the web app, which only uses them to hide what the user cannot do.
 * Adding a role or a capability without deciding its rights does not compile.
 */
export const roles = ['owner', 'admin', 'governance_lead', 'system_owner', 'contributor', 'auditor', 'viewer'] as const;
export type Role = (typeof roles)[number];

export const capabilities = [
  'org.read',
  'member.read',
  'member.manage',
  'token.manage',
  'system.read',
  'system.create',
  'system.update',
  'system.archive',
  'vendor.read',
  'vendor.create',
  'vendor.update',
  'vendor.archive',
  'import.run',
  'export.run',
  'audit.read',
  'control.read',
  'control.manage',
  'assessment.read',
  'assessment.manage',
  'remediation.read',
  'remediation.manage',
  'evidence.read',
  'evidence.manage',
  'soa.read',
  'soa.manage',
  'soa.approve',
  'framework.import',
  'system.classify',
  'risk.read',
  'risk.manage',
  'risk.accept',
  'risk.configure',
  'impact.read',
  'impact.manage',
  'impact.signoff',
] as const;
export type Capability = (typeof capabilities)[number];

/** `own` means: only on systems where the actor is the accountable or technical owner. */
export type Grant = 'all' | 'own';

const everything = Object.fromEntries(capabilities.map((c) => [c, 'all'])) as Record<Capability, Grant>;

export const rolePermissions = {
  owner: everything,
  admin: everything,
  governance_lead: {
    'org.read': 'all',
    'member.read': 'all',
    'system.read': 'all',
    'system.create': 'all',
    'system.update': 'all',
    'system.archive': 'all',
    'vendor.read': 'all',
    'vendor.create': 'all',
    'vendor.update': 'all',
    'vendor.archive': 'all',
    'import.run': 'all',
    'export.run': 'all',
    'audit.read': 'all',
    'control.read': 'all',
    'assessment.read': 'all',
    'remediation.read': 'all',
    'evidence.read': 'all',
    'soa.read': 'all',
    'control.manage': 'all',
    'assessment.manage': 'all',
    'remediation.manage': 'all',
    'evidence.manage': 'all',
    'soa.manage': 'all',
    'soa.approve': 'all',
    'framework.import': 'all',
    'system.classify': 'all',
    'risk.read': 'all',
    'impact.read': 'all',
    'risk.manage': 'all',
    'risk.accept': 'all',
    'risk.configure': 'all',
    'impact.manage': 'all',
    'impact.signoff': 'all',
  },
  system_owner: {
    'org.read': 'all',
    'member.read': 'all',
    'system.read': 'all',
    'system.create': 'all',
    'system.update': 'own',
    'system.archive': 'own',
    'vendor.read': 'all',
    'export.run': 'all',
    'control.read': 'all',
    'assessment.read': 'all',
    'remediation.read': 'all',
    'evidence.read': 'all',
    'soa.read': 'all',
    'evidence.manage': 'all',
    'remediation.manage': 'all',
    'system.classify': 'own',
    'risk.read': 'all',
    'impact.read': 'all',
    'risk.manage': 'all',
    'impact.manage': 'all',
    'impact.signoff': 'own',
  },
  contributor: {
    'org.read': 'all',
    'member.read': 'all',
    'system.read': 'all',
    'system.create': 'all',
    'system.update': 'all',
    'vendor.read': 'all',
    'vendor.create': 'all',
    'vendor.update': 'all',
    'import.run': 'all',
    'export.run': 'all',
    'control.read': 'all',
    'assessment.read': 'all',
    'remediation.read': 'all',
    'evidence.read': 'all',
    'soa.read': 'all',
    'control.manage': 'all',
    'assessment.manage': 'all',
    'remediation.manage': 'all',
    'evidence.manage': 'all',
    'soa.manage': 'all',
    'system.classify': 'all',
    'risk.read': 'all',
    'impact.read': 'all',
    'risk.manage': 'all',
    'impact.manage': 'all',
  },
  auditor: {
    'org.read': 'all',
    'member.read': 'all',
    'system.read': 'all',
    'vendor.read': 'all',
    'export.run': 'all',
    'audit.read': 'all',
    'control.read': 'all',
    'assessment.read': 'all',
    'remediation.read': 'all',
    'evidence.read': 'all',
    'soa.read': 'all',
    'risk.read': 'all',
    'impact.read': 'all',
  },
  viewer: {
    'org.read': 'all',
    'member.read': 'all',
    'system.read': 'all',
    'vendor.read': 'all',
    'control.read': 'all',
    'assessment.read': 'all',
    'remediation.read': 'all',
    'evidence.read': 'all',
    'soa.read': 'all',
    'risk.read': 'all',
    'impact.read': 'all',
  },
} as const satisfies Record<Role, Partial<Record<Capability, Grant>>>;

export function grantOf(role: Role, capability: Capability): Grant | undefined {
  const table: Partial<Record<Capability, Grant>> = rolePermissions[role];
  return table[capability];
}

export function can(role: Role, capability: Capability): boolean {
  return grantOf(role, capability) !== undefined;
}

/** The capabilities a role holds, as sent to the web app. */
export function abilitiesOf(role: Role): Partial<Record<Capability, Grant>> {
  return rolePermissions[role];
}

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}
