import { useContext } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { OrgWithAccess } from '@contracts/orgs/schema.js';
import type { Capability } from '@contracts/auth/permissions.js';
import { fetchOrg } from '../api/orgs';
import { OrgContext } from './orgContext';

export function useOrgQuery(slug: string) {
  return useQuery({ queryKey: ['org', slug], queryFn: () => fetchOrg(slug), staleTime: 60_000, retry: false });
}

/** The current organisation; only inside the organisation layout. */
export function useOrg(): OrgWithAccess {
  const org = useContext(OrgContext);
  if (!org) throw new Error('useOrg used outside an organisation');
  return org;
}

/** Whether the user holds a capability in the current organisation (to hide what they cannot use). */
export function useCan(capability: Capability): boolean {
  return useOrg().abilities[capability] !== undefined;
}
