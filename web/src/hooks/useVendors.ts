import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateVendorInput, UpdateVendorInput } from '@contracts/vendors/schema.js';
import { archiveVendor, createVendor, getVendor, listVendors, restoreVendor, updateVendor, type VendorListParams } from '../api/vendors';

export function useVendorList(org: string, params: VendorListParams) {
  return useQuery({
    queryKey: ['vendors', org, 'list', params],
    queryFn: () => listVendors(org, params),
    placeholderData: keepPreviousData,
  });
}

/** Vendors for pickers and filters (the first 200 by name). */
export function useVendorOptions(org: string): { value: string; label: string }[] {
  const { data } = useQuery({
    queryKey: ['vendors', org, 'options'],
    queryFn: () => listVendors(org, { limit: 200, sort: 'name', order: 'asc' }),
    staleTime: 60_000,
  });
  return (data?.items ?? []).map((v) => ({ value: v.id, label: v.name }));
}

export function useVendor(org: string, id: string) {
  return useQuery({ queryKey: ['vendors', org, 'detail', id], queryFn: () => getVendor(org, id), retry: false });
}

function useInvalidate(org: string) {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: ['vendors', org] });
    await queryClient.invalidateQueries({ queryKey: ['systems', org] });
  };
}

export function useCreateVendor(org: string) {
  const invalidate = useInvalidate(org);
  return useMutation({ mutationFn: (body: CreateVendorInput) => createVendor(org, body), onSuccess: invalidate });
}

export function useUpdateVendor(org: string, id: string) {
  const invalidate = useInvalidate(org);
  return useMutation({ mutationFn: (body: UpdateVendorInput) => updateVendor(org, id, body), onSuccess: invalidate });
}

export function useArchiveVendor(org: string, id: string) {
  const invalidate = useInvalidate(org);
  return useMutation({
    mutationFn: (archived: boolean) => (archived ? archiveVendor(org, id) : restoreVendor(org, id)),
    onSuccess: invalidate,
  });
}
