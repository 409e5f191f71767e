import { z } from 'zod';
import '../../lib/zod-messages.js';
import { capabilities, roles } from './permissions.js';

/** Contracts of sign-in, sessions and abilities. */
export const email = z.email('Enter a valid e-mail address').max(254);
export const password = z.string().min(10, 'Use at least 10 characters').max(256);
export const role = z.enum(roles);

export const loginBody = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(256),
});
export type LoginBody = z.infer<typeof loginBody>;

export const abilities = z.partialRecord(z.enum(capabilities), z.enum(['all', 'own']));

export const membershipView = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  isDemo: z.boolean(),
  role,
});

export const sessionView = z.object({
  user: z.object({ id: z.string(), email: z.string(), displayName: z.string(), locale: z.string() }),
  organisations: z.array(membershipView),
  /** send back in the X-CSRF-Token header on every write made with the session cookie */
  csrfToken: z.string(),
});
export type SessionView = z.infer<typeof sessionView>;
