import { z } from 'zod';
import { email, password, role } from '../auth/schema.js';
import { slug } from '../orgs/schema.js';

export const createUserInput = z.object({
  email,
  password,
  displayName: z.string().trim().min(1).max(120).optional(),
  orgSlug: slug,
  role,
  locale: z.enum(['en', 'zh-HK']).default('en'),
});
export type CreateUserInput = z.input<typeof createUserInput>;

export interface CreateUserResult {
  userId: string;
  email: string;
  org: string;
  role: z.infer<typeof role>;
  /** false when the e-mail already had an account, which was added to the organisation unchanged */
  created: boolean;
}
