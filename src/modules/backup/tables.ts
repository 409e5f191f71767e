import fs from 'node:fs';
import path from 'node:path';
import { getTableColumns, getTableName } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { migrationsFolder } from '../../db/connect.js';
import * as s from '../../db/schema.js';

/**
 * The tables a backup holds, parents before children, with their key columns for a stable order. Sessions are
 * left out on purpose: they are short-lived sign-ins, and everyone signs in again after a restore. So are raw
 * telemetry spans (high volume, kept only for their retention period; the per-minute rollups are backed up) and
 * the job queue (work in flight, re-created by the scheduler).
 */
export interface BackupTable {
  table: PgTable;
  name: string;
  orderBy: PgColumn[];
  /** property names whose values are timestamps, written as ISO strings */
  timestampKeys: Set<string>;
  /** a serial id whose sequence must be moved past the restored rows */
  serial?: string;
}

function describe(table: PgTable, orderBy: PgColumn[], serial?: string): BackupTable {
  const columns = getTableColumns(table);
  const timestampKeys = new Set(
    Object.entries(columns)
      .filter(([, c]) => c.columnType === 'PgTimestamp')
      .map(([k]) => k),
  );
  return { table, name: getTableName(table), orderBy, timestampKeys, ...(serial ? { serial } : {}) };
}

export const backupTables: BackupTable[] = [
  describe(s.organizations, [s.organizations.id]),
  describe(s.users, [s.users.id]),
  describe(s.memberships, [s.memberships.orgId, s.memberships.userId]),
  describe(s.apiTokens, [s.apiTokens.id]),
  describe(s.vendors, [s.vendors.id]),
  describe(s.aiSystems, [s.aiSystems.id]),
  describe(s.auditHeads, [s.auditHeads.orgId]),
  describe(s.auditLog, [s.auditLog.id], 'id'),
  describe(s.importRuns, [s.importRuns.id]),
  describe(s.customFrameworks, [s.customFrameworks.orgId, s.customFrameworks.id]),
  describe(s.appliedControls, [s.appliedControls.id]),
  describe(s.controlRequirements, [s.controlRequirements.controlId, s.controlRequirements.framework, s.controlRequirements.requirementId]),
  describe(s.controlSystems, [s.controlSystems.controlId, s.controlSystems.systemId]),
  describe(s.assessments, [s.assessments.id]),
  describe(s.assessmentItems, [s.assessmentItems.id]),
  describe(s.remediationActions, [s.remediationActions.id]),
  describe(s.evidenceItems, [s.evidenceItems.id]),
  describe(s.evidenceFiles, [s.evidenceFiles.id]),
  describe(s.evidenceLinks, [s.evidenceLinks.evidenceId, s.evidenceLinks.targetType, s.evidenceLinks.targetKey]),
  describe(s.soaEntries, [s.soaEntries.orgId, s.soaEntries.controlRef]),
  describe(s.soaVersions, [s.soaVersions.id]),
  describe(s.systemClassifications, [s.systemClassifications.id]),
  describe(s.riskSettings, [s.riskSettings.orgId]),
  describe(s.risks, [s.risks.id]),
  describe(s.riskControls, [s.riskControls.riskId, s.riskControls.controlId]),
  describe(s.impactAssessments, [s.impactAssessments.id]),
  describe(s.impactAssessmentSignoffs, [s.impactAssessmentSignoffs.id]),
  describe(s.datasets, [s.datasets.id]),
  describe(s.thresholdProfiles, [s.thresholdProfiles.id]),
  describe(s.assuranceRuns, [s.assuranceRuns.id]),
  describe(s.telemetrySettings, [s.telemetrySettings.orgId]),
  describe(s.telemetryBindings, [s.telemetryBindings.orgId, s.telemetryBindings.serviceName]),
  describe(s.telemetryRollups, [s.telemetryRollups.orgId, s.telemetryRollups.subject, s.telemetryRollups.minute]),
  describe(s.telemetryMetricRollups, [
    s.telemetryMetricRollups.orgId,
    s.telemetryMetricRollups.subject,
    s.telemetryMetricRollups.metric,
    s.telemetryMetricRollups.series,
    s.telemetryMetricRollups.minute,
  ]),
  describe(s.telemetryUnregistered, [s.telemetryUnregistered.orgId, s.telemetryUnregistered.serviceName, s.telemetryUnregistered.model]),
  describe(s.alertRules, [s.alertRules.id]),
  describe(s.alerts, [s.alerts.id]),
  describe(s.notifications, [s.notifications.id]),
  describe(s.residencyPolicies, [s.residencyPolicies.orgId]),
  describe(s.vendorAssessments, [s.vendorAssessments.id]),
  describe(s.vendorContracts, [s.vendorContracts.id]),
  describe(s.contractClauses, [s.contractClauses.contractId, s.contractClauses.clauseKey]),
  describe(s.contractClauseTemplates, [s.contractClauseTemplates.orgId, s.contractClauseTemplates.clauseKey]),
  describe(s.vendorAttestations, [s.vendorAttestations.id]),
  describe(s.vendorAiFeatures, [s.vendorAiFeatures.id]),
  describe(s.aiServiceEntries, [s.aiServiceEntries.orgId, s.aiServiceEntries.catalogId]),
  describe(s.discoveryRuns, [s.discoveryRuns.id]),
  describe(s.discoveryFindings, [s.discoveryFindings.orgId, s.discoveryFindings.catalogId]),
  describe(s.discoveryFindingUsers, [s.discoveryFindingUsers.orgId, s.discoveryFindingUsers.catalogId, s.discoveryFindingUsers.userHash]),
];

/** The newest migration applied by this version of the product; a backup records it and a restore checks it. */
export function schemaVersion(): string {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  return journal.entries.at(-1)?.tag ?? 'none';
}
