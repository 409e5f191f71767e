import type { MemberView, OrgWithAccess } from '@contracts/orgs/schema.js';
import { api } from './client';

export const fetchOrg = (org: string): Promise<OrgWithAccess> => api<OrgWithAccess>(`/orgs/${encodeURIComponent(org)}`);

export const fetchMembers = (org: string): Promise<{ items: MemberView[] }> =>
  api<{ items: MemberView[] }>(`/orgs/${encodeURIComponent(org)}/members`);
