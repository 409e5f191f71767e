import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { listNotifications, markAllNotificationsRead, markNotificationsRead } from '../api/notifications';

/** The signed-in member's latest notifications and unread count, refreshed every minute (alerts are evaluated per minute). */
export function useNotifications(org: string) {
  return useQuery({
    queryKey: ['notifications', org],
    queryFn: () => listNotifications(org),
    enabled: org !== '',
    retry: false,
    refetchInterval: 60_000,
  });
}

export function useMarkNotificationsRead(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[] | 'all') => (ids === 'all' ? markAllNotificationsRead(org) : markNotificationsRead(org, ids)),
    onSuccess: async () => queryClient.invalidateQueries({ queryKey: ['notifications', org] }),
  });
}
