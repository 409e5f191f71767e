import { z } from 'zod';
import { abilities, role } from '../auth/schema.js';

export const slug = z
  .string()
  .min(2)
  .max(48)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lower-case letters, digits and single hyphens');

/** Route parameters of every organisation-scoped endpoint. */
export const orgParams = z.object({ org: slug });
export const orgIdParams = z.object({ org: slug, id: z.uuid('Not a valid id') });

export const createOrgInput = z.object({
  name: z.string().trim().min(2).max(120),
  slug,
  isDemo: z.boolean().default(false),
});
export type CreateOrgInput = z.input<typeof createOrgInput>;

export const orgView = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  isDemo: z.boolean(),
  createdAt: z.string(),
});
export type OrgView = z.infer<typeof orgView>;

export const orgWithAccess = orgView.extend({ role, abilities });
export type OrgWithAccess = z.infer<typeof orgWithAccess>;

export const memberView = z.object({
  userId: z.string(),
  email: z.string(),
  displayName: z.string(),
  role,
});
export type MemberView = z.infer<typeof memberView>;
