import { z } from 'zod';
import '../../lib/zod-messages.js';
import { calendarDate } from '../../lib/calendar.js';
import { optionalText } from '../../lib/text-fields.js';

/** Contracts of vendor attestations: certificates and audit reports a vendor holds. */
export const attestationKinds = ['iso42001', 'iso27001', 'soc2_type1', 'soc2_type2', 'iso27701', 'csa_star', 'other'] as const;
export type AttestationKind = (typeof attestationKinds)[number];
export const expiryStatuses = ['valid', 'expiring', 'expired', 'no_expiry'] as const;
export type AttestationExpiry = (typeof expiryStatuses)[number];
/** An attestation ending within this many days is "expiring". */
export const ATTESTATION_EXPIRING_DAYS = 60;

const optionalDate = calendarDate()
  .nullish()
  .transform((v) => v ?? null);

const fields = {
  kind: z.enum(attestationKinds),
  issuer: z.string().trim().min(1, 'Say who issued it').max(200),
  scope: optionalText(2000),
  validFrom: optionalDate,
  validTo: optionalDate,
  evidenceId: z
    .uuid('Not a valid id')
    .nullish()
    .transform((v) => v ?? null),
};

export const createAttestationInput = z
  .object({
    ...fields,
    scope: fields.scope.default(null),
    validFrom: fields.validFrom.default(null),
    validTo: fields.validTo.default(null),
    evidenceId: fields.evidenceId.default(null),
  })
  .strict();
export type CreateAttestationInput = z.input<typeof createAttestationInput>;

export const updateAttestationInput = z.object(fields).partial().extend({ version: z.number().int().positive().optional() }).strict();
export type UpdateAttestationInput = z.input<typeof updateAttestationInput>;

export const attestationListQuery = z.object({ archived: z.enum(['exclude', 'include', 'only']).default('exclude') });
export type AttestationListQuery = z.infer<typeof attestationListQuery>;
export const expiringQuery = z.object({ withinDays: z.coerce.number().int().min(0).max(3650).default(ATTESTATION_EXPIRING_DAYS) });
export type ExpiringQuery = z.infer<typeof expiringQuery>;

export const attestationView = z.object({
  id: z.string(),
  vendor: z.object({ id: z.string(), name: z.string() }),
  kind: z.enum(attestationKinds),
  issuer: z.string(),
  scope: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  expiry: z.enum(expiryStatuses),
  /** days until validTo (negative once expired) */
  daysLeft: z.number().nullable(),
  evidenceId: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  archivedAt: z.string().nullable(),
  can: z.object({ update: z.boolean() }),
});
export type AttestationView = z.infer<typeof attestationView>;
export const attestationList = z.object({ items: z.array(attestationView) });
export type AttestationList = z.infer<typeof attestationList>;
