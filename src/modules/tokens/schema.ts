import { z } from 'zod';
import { role } from '../auth/schema.js';

export const createTokenInput = z.object({
  name: z.string().trim().min(1).max(80),
  role,
  expiresInDays: z.number().int().min(1).max(365).default(90),
});
export type CreateTokenInput = z.input<typeof createTokenInput>;

export const tokenView = z.object({
  id: z.string(),
  name: z.string(),
  role,
  prefix: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export type TokenView = z.infer<typeof tokenView>;

/** The only time the secret is shown. */
export const createdToken = tokenView.extend({ token: z.string() });
export type CreatedToken = z.infer<typeof createdToken>;
