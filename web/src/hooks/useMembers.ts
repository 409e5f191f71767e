import { useQuery } from '@tanstack/react-query';
import { fetchMembers } from '../api/orgs';

export function useMembers(org: string) {
  return useQuery({ queryKey: ['members', org], queryFn: () => fetchMembers(org), staleTime: 60_000 });
}

/** Members as Select options: "Name (e-mail)". */
export function useMemberOptions(org: string): { value: string; label: string }[] {
  const { data } = useMembers(org);
  return (data?.items ?? []).map((m) => ({ value: m.userId, label: `${m.displayName} (${m.email})` }));
}
