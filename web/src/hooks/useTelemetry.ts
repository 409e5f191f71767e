import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BindingInput, ResolveUnregisteredInput, TelemetrySettingsInput } from '@contracts/telemetry/schema.js';
import {
  deleteBinding,
  getTelemetryOverview,
  getTelemetryMetrics,
  getTelemetrySeries,
  getTelemetrySettings,
  listBindings,
  listUnregistered,
  putBinding,
  putTelemetrySettings,
  resolveUnregistered,
  type TelemetryWindow,
} from '../api/telemetry';

/** Telemetry keeps arriving: the views refresh every half minute while the page is open. */
const LIVE_MS = 30_000;

export function useTelemetryOverview(org: string, w: TelemetryWindow) {
  return useQuery({
    queryKey: ['telemetry', org, 'overview', w],
    queryFn: () => getTelemetryOverview(org, w),
    placeholderData: keepPreviousData,
    refetchInterval: LIVE_MS,
  });
}

export function useTelemetrySeries(org: string, systemId: string | null, w: TelemetryWindow) {
  return useQuery({
    queryKey: ['telemetry', org, 'series', systemId, w],
    queryFn: () => getTelemetrySeries(org, systemId ?? '', w),
    enabled: !!systemId,
    placeholderData: keepPreviousData,
    refetchInterval: LIVE_MS,
  });
}

export function useTelemetryMetrics(org: string, systemId: string | null, w: TelemetryWindow) {
  return useQuery({
    queryKey: ['telemetry', org, 'metrics', systemId, w],
    queryFn: () => getTelemetryMetrics(org, systemId ?? '', w),
    enabled: !!systemId,
    placeholderData: keepPreviousData,
    refetchInterval: LIVE_MS,
  });
}

export function useUnregistered(org: string, status: string) {
  return useQuery({
    queryKey: ['telemetry', org, 'unregistered', status],
    queryFn: () => listUnregistered(org, status),
    refetchInterval: LIVE_MS,
  });
}

export function useBindings(org: string) {
  return useQuery({ queryKey: ['telemetry', org, 'bindings'], queryFn: () => listBindings(org) });
}

export function useTelemetrySettings(org: string) {
  return useQuery({ queryKey: ['telemetry', org, 'settings'], queryFn: () => getTelemetrySettings(org) });
}

function useTelemetryMutation<A, R>(org: string, fn: (org: string, arg: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (arg: A) => fn(org, arg), onSuccess: () => qc.invalidateQueries({ queryKey: ['telemetry', org] }) });
}

export const useResolveUnregistered = (org: string) =>
  useTelemetryMutation(org, (o, body: ResolveUnregisteredInput) => resolveUnregistered(o, body));
export const usePutBinding = (org: string) => useTelemetryMutation(org, (o, body: BindingInput) => putBinding(o, body));
export const useDeleteBinding = (org: string) => useTelemetryMutation(org, (o, serviceName: string) => deleteBinding(o, serviceName));
export const usePutTelemetrySettings = (org: string) =>
  useTelemetryMutation(org, (o, body: TelemetrySettingsInput) => putTelemetrySettings(o, body));
