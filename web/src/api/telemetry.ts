import type {
  BindingInput,
  BindingList,
  BindingView,
  MetricsView,
  OverviewView,
  ResolveResult,
  ResolveUnregisteredInput,
  SeriesView,
  TelemetrySettingsInput,
  TelemetrySettingsView,
  UnregisteredList,
} from '@contracts/telemetry/schema.js';
import { api } from './client';

const base = (org: string) => `/orgs/${encodeURIComponent(org)}/telemetry`;

export interface TelemetryWindow {
  from: string;
  to: string;
}

export const getTelemetryOverview = (org: string, w: TelemetryWindow): Promise<OverviewView> =>
  api<OverviewView>(`${base(org)}/overview`, { query: { ...w } });

export const getTelemetrySeries = (org: string, systemId: string, w: TelemetryWindow): Promise<SeriesView> =>
  api<SeriesView>(`${base(org)}/systems/${encodeURIComponent(systemId)}/series`, { query: { ...w } });

export const getTelemetryMetrics = (org: string, systemId: string, w: TelemetryWindow): Promise<MetricsView> =>
  api<MetricsView>(`${base(org)}/systems/${encodeURIComponent(systemId)}/metrics`, { query: { ...w } });

export const listUnregistered = (org: string, status: string): Promise<UnregisteredList> =>
  api<UnregisteredList>(`${base(org)}/unregistered`, { query: { status } });

export const resolveUnregistered = (org: string, body: ResolveUnregisteredInput): Promise<ResolveResult> =>
  api<ResolveResult>(`${base(org)}/unregistered/resolve`, { method: 'POST', body });

export const listBindings = (org: string): Promise<BindingList> => api<BindingList>(`${base(org)}/bindings`);

export const putBinding = (org: string, body: BindingInput): Promise<BindingView> =>
  api<BindingView>(`${base(org)}/bindings`, { method: 'PUT', body });

export const deleteBinding = (org: string, serviceName: string): Promise<{ deleted: boolean }> =>
  api<{ deleted: boolean }>(`${base(org)}/bindings`, { method: 'DELETE', query: { serviceName } });

export const getTelemetrySettings = (org: string): Promise<TelemetrySettingsView> => api<TelemetrySettingsView>(`${base(org)}/settings`);

export const putTelemetrySettings = (org: string, body: TelemetrySettingsInput): Promise<TelemetrySettingsView> =>
  api<TelemetrySettingsView>(`${base(org)}/settings`, { method: 'PUT', body });
