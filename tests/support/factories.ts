import type { Db } from '../../src/db/connect.js';
import { roles, type Role } from '../../src/modules/auth/permissions.js';
import { createOrganization } from '../../src/modules/orgs/service.js';
import type { CreateSystemInput } from '../../src/modules/systems/schema.js';
import { createToken } from '../../src/modules/tokens/service.js';
import { createUser } from '../../src/modules/users/service.js';
import type { CreateVendorInput } from '../../src/modules/vendors/schema.js';
import { systemActor, type OrgContext } from '../../src/server/context.js';

export const PASSWORD = 'correct-horse-battery';

export interface Member {
  id: string;
  email: string;
}

export interface TestOrg {
  ctx: OrgContext;
  slug: string;
  users: Record<Role, Member>;
  tokens: Record<Role, string>;
}

/** An organisation with one user and one API token for every role. */
export async function buildOrg(db: Db, slug: string): Promise<TestOrg> {
  const actor = systemActor('test');
  const org = await createOrganization(db, actor, { name: `Org ${slug}`, slug });
  const ctx: OrgContext = { db, actor, org: { id: org.id, slug: org.slug, name: org.name }, role: 'owner', requestId: null };
  const users = {} as Record<Role, Member>;
  const tokens = {} as Record<Role, string>;
  for (const role of roles) {
    const email = `${role}@${slug}.test`;
    const u = await createUser(db, actor, { email, password: PASSWORD, orgSlug: slug, role, displayName: `${role} of ${slug}` });
    users[role] = { id: u.userId, email };
    tokens[role] = (await createToken(ctx, { name: `${role} token`, role })).token;
  }
  return { ctx, slug, users, tokens };
}

let counter = 0;
export function buildSystem(overrides: Partial<CreateSystemInput> = {}): CreateSystemInput {
  counter++;
  return {
    name: `System ${counter}`,
    purpose: 'Summarises customer enquiries for the service desk',
    type: 'vendor_saas_ai',
    hosting: 'vendor',
    decisionRole: 'informs',
    humanOversight: 'human_in_the_loop',
    dataCategories: ['personal'],
    ...overrides,
  };
}

export function buildVendor(overrides: Partial<CreateVendorInput> = {}): CreateVendorInput {
  counter++;
  return { name: `Vendor ${counter}`, website: 'https://vendor.example', products: ['Product'], ...overrides };
}
