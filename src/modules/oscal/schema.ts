import { z } from 'zod';
import '../../lib/zod-messages.js';
import { orgParams } from '../orgs/schema.js';

/** Contracts of the OSCAL 1.1.3 exports (documents are described, not re-validated: see tests/integration/oscal.test.ts). */
export const oscalKinds = ['catalog', 'assessment-results', 'poam'] as const;
export type OscalKind = (typeof oscalKinds)[number];

const frameworkId = z.string().trim().min(1).max(64);

export const oscalCatalogParams = orgParams.extend({ framework: frameworkId });
export const oscalPoamQuery = z.object({
  framework: frameworkId.optional().describe('only the remediation actions of this framework'),
});
export type OscalPoamQuery = z.infer<typeof oscalPoamQuery>;

/** Any OSCAL document: one root key (catalog, assessment-results, plan-of-action-and-milestones) holding the model. */
export const oscalDocument = z
  .record(z.string(), z.unknown())
  .describe('An OSCAL 1.1.3 JSON document, downloaded as a file (Content-Disposition: attachment)');
