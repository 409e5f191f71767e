import type { OrgContext } from '../server/context.js';
import type { ResidencyPolicyInput } from '../modules/residency/schema.js';
import { setResidencyPolicy } from '../modules/residency/service.js';
import { createAttestation } from '../modules/vendor-attestations/service.js';
import { createFeature } from '../modules/vendor-features/service.js';

/** Hong Kong and Singapore: where the firm's own cloud tenancy and its CRM (Pacific CRM) keep client data. */
export const demoResidencyPolicy: ResidencyPolicyInput = {
  allowedRegions: ['hong_kong', 'singapore'],
  dataCategories: [],
  note: 'Client personal data stays in Hong Kong or Singapore unless the Data Protection Officer approves a transfer.',
};

/** The three AI add-ons switched on inside Pacific CRM, each the vendor's feature behind an inventory system. */
const crmFeatures = [
  { vendor: 'leadloom', product: 'LeadLoom for Pacific CRM', feature: 'Predictive lead scoring', system: 'CRM lead scoring (LeadLoom AI)' },
  {
    vendor: 'draftwise',
    product: 'DraftWise CRM Assistant',
    feature: 'Generative e-mail drafting',
    system: 'CRM e-mail drafting (DraftWise)',
  },
  {
    vendor: 'callsense',
    product: 'CallSense Connector',
    feature: 'Call transcription and summaries',
    system: 'CRM call transcription and summaries (CallSense)',
  },
];

/**
 * Third-party governance of the demo: the residency policy (under which the three CRM add-ons, with no residency
 * commitment, are violations), the add-ons as AI features of their vendors, and a certificate close to expiry.
 */
export async function seedDemoThirdParty(ctx: OrgContext, vendorIds: Map<string, string>, systemIds: Map<string, string>): Promise<void> {
  await setResidencyPolicy(ctx, demoResidencyPolicy);
  for (const f of crmFeatures) {
    const vendorId = vendorIds.get(f.vendor);
    if (!vendorId) continue;
    await createFeature(ctx, vendorId, {
      product: f.product,
      feature: f.feature,
      enabled: true,
      enabledBy: 'Client Development (Sales)',
      enabledOn: '2025-03-01',
      systemId: systemIds.get(f.system) ?? null,
    });
  }
  const microsoft = vendorIds.get('microsoft');
  if (microsoft) {
    const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    await createAttestation(ctx, microsoft, {
      kind: 'iso42001',
      issuer: 'Accredited certification body',
      scope: 'Microsoft 365 Copilot and Azure OpenAI Service',
      validFrom: inDays(-1050),
      validTo: inDays(45),
    });
    await createAttestation(ctx, microsoft, {
      kind: 'iso27001',
      issuer: 'Accredited certification body',
      scope: 'Microsoft 365 and Azure',
      validFrom: inDays(-400),
      validTo: inDays(700),
    });
  }
}
