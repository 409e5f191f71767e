import type { App } from '../../src/server/types.js';

export interface VendorGovernanceFixtures {
  vendorAssessment: string;
  sendAssessment: string;
  reviewAssessment: string;
  vendorContract: string;
  toggleVendorContract: string;
  vendorAttestation: string;
  toggleVendorAttestation: string;
  vendorAiFeature: string;
  toggleVendorAiFeature: string;
}

/**
 * Through the API, as `headers`' caller, for `vendorId`: a draft assessment being filled in, one sent (sending again
 * replaces its link), one with answers to review (reviewing again recomputes), a contract, an attestation and an AI
 * feature linked to `systemId` (when given), each with a second one to archive and restore.
 */
export async function seedVendorGovernanceFixtures(
  app: App,
  slug: string,
  headers: Record<string, string>,
  label: string,
  vendorId: string,
  systemId: string | null,
): Promise<VendorGovernanceFixtures> {
  const base = `/api/v1/orgs/${slug}`;
  const call = async (path: string, payload: object, expected = 201) => {
    const res = await app.inject({ method: 'POST', url: `${base}${path}`, headers, payload });
    if (res.statusCode !== expected) throw new Error(`seed POST ${path}: ${res.statusCode} ${res.body}`);
    return res.json<{ id: string; assessment?: { id: string } }>();
  };
  const vendor = `/vendors/${vendorId}`;
  const vendorAssessment = (await call(`${vendor}/assessments`, { answers: { T1: { value: 'opt_out' } } })).id;
  const sendAssessment = (await call(`${vendor}/assessments`, { language: 'zh-HK' })).id;
  await call(`/vendor-assessments/${sendAssessment}/send`, {}, 200);
  const reviewAssessment = (await call(`${vendor}/assessments`, { answers: { T1: { value: 'no' }, C1: { value: ['iso27001'] } } })).id;
  const contract = { title: `${label} master services agreement`, reference: 'MSA-1', startsOn: '2026-01-01', endsOn: '2028-12-31' };
  const vendorContract = (await call(`${vendor}/contracts`, contract)).id;
  const toggleVendorContract = (await call(`${vendor}/contracts`, { title: `${label} archivable order form` })).id;
  const attestation = { kind: 'iso27001', issuer: `${label} certification body`, validFrom: '2026-01-01', validTo: '2029-01-01' };
  const vendorAttestation = (await call(`${vendor}/attestations`, attestation)).id;
  const toggleVendorAttestation = (await call(`${vendor}/attestations`, { kind: 'soc2_type2', issuer: `${label} auditor` })).id;
  const feature = { product: `${label} CRM`, feature: 'Lead scoring', enabledBy: 'Sales', enabledOn: '2025-06-01', systemId };
  const vendorAiFeature = (await call(`${vendor}/ai-features`, feature)).id;
  const toggleVendorAiFeature = (
    await call(`${vendor}/ai-features`, { product: `${label} CRM`, feature: 'E-mail drafting', enabled: false })
  ).id;
  return {
    vendorAssessment,
    sendAssessment,
    reviewAssessment,
    vendorContract,
    toggleVendorContract,
    vendorAttestation,
    toggleVendorAttestation,
    vendorAiFeature,
    toggleVendorAiFeature,
  };
}
