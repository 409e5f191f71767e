import type { AuditPage } from '@contracts/audit-log/schema.js';
import { api } from './client';

export interface AuditFilters {
  action?: string;
  entityType?: string;
  entityId?: string;
  actor?: string;
  /** ISO date-times with offset */
  from?: string;
  to?: string;
}

export const listAudit = (org: string, filters: AuditFilters, beforeSeq?: number): Promise<AuditPage> =>
  api<AuditPage>(`/orgs/${encodeURIComponent(org)}/audit-log`, { query: { ...filters, beforeSeq, limit: 50 } });
