import type {
  CatalogueEntryInput,
  CatalogueList,
  DecisionInput,
  DiscoveryRunPage,
  DiscoveryRunView,
  FindingList,
  FindingView,
  FootprintView,
  LinkInput,
  RunSettings,
} from '@contracts/discovery/schema.js';
import { api } from './client';
import { uploadWithProgress } from './upload';

const base = (org: string) => `/orgs/${encodeURIComponent(org)}/discovery`;
const finding = (org: string, catalogId: string) => `${base(org)}/findings/${encodeURIComponent(catalogId)}`;

export const listDiscoveryRuns = (org: string): Promise<DiscoveryRunPage> =>
  api<DiscoveryRunPage>(`${base(org)}/runs`, { query: { limit: 20 } });

export const getDiscoveryRun = (org: string, id: string): Promise<DiscoveryRunView> =>
  api<DiscoveryRunView>(`${base(org)}/runs/${encodeURIComponent(id)}`);

export const listDiscoveryFindings = (org: string): Promise<FindingList> => api<FindingList>(`${base(org)}/findings`);

export const getDiscoveryFootprint = (org: string): Promise<FootprintView> => api<FootprintView>(`${base(org)}/footprint`);

export const addFindingToInventory = (org: string, catalogId: string): Promise<FindingView> =>
  api<FindingView>(`${finding(org, catalogId)}/add-to-inventory`, { method: 'POST' });

export const decideFinding = (org: string, catalogId: string, body: DecisionInput): Promise<FindingView> =>
  api<FindingView>(`${finding(org, catalogId)}/decision`, { method: 'POST', body });

export const linkFinding = (org: string, catalogId: string, body: LinkInput): Promise<FindingView> =>
  api<FindingView>(`${finding(org, catalogId)}/link`, { method: 'POST', body });

const catalogueEntry = (org: string, catalogId: string) => `${base(org)}/catalogue/${encodeURIComponent(catalogId)}`;

export const listOwnCatalogue = (org: string): Promise<CatalogueList> =>
  api<CatalogueList>(`${base(org)}/catalogue`, { query: { origin: 'organisation' } });

export const putCatalogueEntry = (org: string, catalogId: string, body: CatalogueEntryInput): Promise<CatalogueList> =>
  api<CatalogueList>(catalogueEntry(org, catalogId), { method: 'PUT', body });

export const deleteCatalogueEntry = (org: string, catalogId: string): Promise<CatalogueList> =>
  api<CatalogueList>(catalogueEntry(org, catalogId), { method: 'DELETE' });

/** Uploads with XMLHttpRequest, which (unlike fetch) reports upload progress; the settings go before the file. */
export function uploadDiscoveryFile(
  org: string,
  settings: RunSettings,
  file: File,
  onProgress: (fraction: number) => void,
): Promise<DiscoveryRunView> {
  return uploadWithProgress<DiscoveryRunView>(`${base(org)}/runs`, file, settings, onProgress);
}
