import type { ResidencyPolicyInput, ResidencyPolicyView, ResidencyViolations } from '@contracts/residency/schema.js';
import type {
  AssessmentList,
  AssessmentView,
  CreateAssessmentInput,
  DueList,
  QuestionnaireList,
  SendAssessmentInput,
  SentAssessmentView,
  UpdateAssessmentInput,
  VendorLinkResult,
  VendorLinkSubmit,
  VendorLinkView,
} from '@contracts/vendor-assessments/schema.js';
import type {
  AttestationList,
  AttestationView,
  CreateAttestationInput,
  UpdateAttestationInput,
} from '@contracts/vendor-attestations/schema.js';
import type {
  ClauseChecklist,
  ContractList,
  ContractView,
  CreateContractInput,
  SetClauseInput,
} from '@contracts/vendor-contracts/schema.js';
import type { CreateFeatureInput, FeatureList, FeatureView, UpdateFeatureInput } from '@contracts/vendor-features/schema.js';
import { api, ApiError, errorFromBody } from './client';

const org = (slug: string) => `/orgs/${encodeURIComponent(slug)}`;
const vendor = (slug: string, id: string) => `${org(slug)}/vendors/${encodeURIComponent(id)}`;
const enc = encodeURIComponent;

export const listQuestionnaires = (slug: string) => api<QuestionnaireList>(`${org(slug)}/vendor-questionnaires`);
export const listAssessments = (slug: string, vendorId: string) => api<AssessmentList>(`${vendor(slug, vendorId)}/assessments`);
export const createAssessment = (slug: string, vendorId: string, body: CreateAssessmentInput) =>
  api<AssessmentView>(`${vendor(slug, vendorId)}/assessments`, { method: 'POST', body });
export const updateAssessment = (slug: string, id: string, body: UpdateAssessmentInput) =>
  api<AssessmentView>(`${org(slug)}/vendor-assessments/${enc(id)}`, { method: 'PATCH', body });
export const sendAssessment = (slug: string, id: string, body: SendAssessmentInput) =>
  api<SentAssessmentView>(`${org(slug)}/vendor-assessments/${enc(id)}/send`, { method: 'POST', body });
export const reviewAssessment = (slug: string, id: string) =>
  api<AssessmentView>(`${org(slug)}/vendor-assessments/${enc(id)}/review`, { method: 'POST', body: {} });

export const listDueVendors = (slug: string, withinDays: number) =>
  api<DueList>(`${org(slug)}/vendor-assessments/due`, { query: { withinDays } });
export const listExpiringAttestations = (slug: string) => api<AttestationList>(`${org(slug)}/vendor-attestations/expiring`);

export const listContracts = (slug: string, vendorId: string) => api<ContractList>(`${vendor(slug, vendorId)}/contracts`);
export const createContract = (slug: string, vendorId: string, body: CreateContractInput) =>
  api<ContractView>(`${vendor(slug, vendorId)}/contracts`, { method: 'POST', body });
export const setContractClause = (slug: string, contractId: string, key: string, body: SetClauseInput) =>
  api<ContractView>(`${org(slug)}/vendor-contracts/${enc(contractId)}/clauses/${enc(key)}`, { method: 'PUT', body });
export const getClauseChecklist = (slug: string) => api<ClauseChecklist>(`${org(slug)}/contract-clauses`);

export const listAttestations = (slug: string, vendorId: string) => api<AttestationList>(`${vendor(slug, vendorId)}/attestations`);
export const createAttestation = (slug: string, vendorId: string, body: CreateAttestationInput) =>
  api<AttestationView>(`${vendor(slug, vendorId)}/attestations`, { method: 'POST', body });
export const updateAttestation = (slug: string, id: string, body: UpdateAttestationInput) =>
  api<AttestationView>(`${org(slug)}/vendor-attestations/${enc(id)}`, { method: 'PATCH', body });
export const archiveAttestation = (slug: string, id: string) =>
  api<AttestationView>(`${org(slug)}/vendor-attestations/${enc(id)}/archive`, { method: 'POST' });

export const listFeatures = (slug: string, vendorId: string) => api<FeatureList>(`${vendor(slug, vendorId)}/ai-features`);
export const createFeature = (slug: string, vendorId: string, body: CreateFeatureInput) =>
  api<FeatureView>(`${vendor(slug, vendorId)}/ai-features`, { method: 'POST', body });
export const updateFeature = (slug: string, id: string, body: UpdateFeatureInput) =>
  api<FeatureView>(`${org(slug)}/vendor-ai-features/${enc(id)}`, { method: 'PATCH', body });

export const getResidencyPolicy = (slug: string) => api<ResidencyPolicyView>(`${org(slug)}/residency/policy`);
export const setResidencyPolicy = (slug: string, body: ResidencyPolicyInput) =>
  api<ResidencyPolicyView>(`${org(slug)}/residency/policy`, { method: 'PUT', body });
export const listResidencyViolations = (slug: string) => api<ResidencyViolations>(`${org(slug)}/residency/violations`);

/**
 * The vendor's side: no session, the token in the path is the credential. Cookies are left out, so that a signed-in
 * member testing a link in the same browser is treated like the vendor (and needs no CSRF token).
 */
const link = (token: string) => `/api/v1/vendor-links/${enc(token)}`;

async function publicCall<T>(path: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, credentials: 'omit', headers: { Accept: 'application/json', ...init.headers } });
  } catch {
    throw new ApiError(0, 'network', 'The server cannot be reached');
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!response.ok) throw errorFromBody(response.status, body);
  return body as T;
}

export const readVendorLink = (token: string) => publicCall<VendorLinkView>(link(token), { method: 'GET' });
export const submitVendorLink = (token: string, body: VendorLinkSubmit) =>
  publicCall<VendorLinkResult>(link(token), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

export function attachVendorFile(token: string, file: File): Promise<VendorLinkResult> {
  const form = new FormData();
  form.append('file', file, file.name);
  return publicCall<VendorLinkResult>(`${link(token)}/files`, { method: 'POST', body: form });
}
