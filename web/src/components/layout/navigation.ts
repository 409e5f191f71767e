import type { Capability } from '@contracts/auth/permissions.js';
import type { Messages } from '../../i18n/en';

type NavKey = keyof Messages['nav'];
/** Entries whose label lives in the compliance strings (i18n/compliance.*.ts). */
type ComplianceNavKey = keyof Messages['compliance']['nav'];
const complianceNavKeys: readonly string[] = ['assessments', 'controls', 'remediation'] satisfies ComplianceNavKey[];
/** Entries whose label lives in the classification strings (i18n/classification.*.ts). */
type ClassificationNavKey = keyof Messages['classification']['nav'];
const classificationNavKeys: readonly string[] = ['riskClassification'] satisfies ClassificationNavKey[];

/** Entries whose label lives in the risk register strings (i18n/risk.*.ts). */
type RiskNavKey = keyof Messages['risk']['nav'];
const riskNavKeys: readonly string[] = ['riskRegister', 'impactAssessments'] satisfies RiskNavKey[];

/** Entries whose label lives in the alert strings (i18n/alerts.*.ts). */
type AlertsNavKey = keyof Messages['alerts']['nav'];
const alertsNavKeys: readonly string[] = ['alerts'] satisfies AlertsNavKey[];

/** Entries whose label lives in the telemetry strings (i18n/telemetry.*.ts). */
type TelemetryNavKey = keyof Messages['telemetry']['nav'];
const telemetryNavKeys: readonly string[] = ['telemetry'] satisfies TelemetryNavKey[];

/** The i18n key of an entry's label. */
export function navLabelKey(
  key: NavKey | ComplianceNavKey | ClassificationNavKey | RiskNavKey | AlertsNavKey | TelemetryNavKey,
):
  | `nav.${NavKey}`
  | `compliance.nav.${ComplianceNavKey}`
  | `classification.nav.${ClassificationNavKey}`
  | `risk.nav.${RiskNavKey}`
  | `alerts.nav.${AlertsNavKey}`
  | `telemetry.nav.${TelemetryNavKey}` {
  if (telemetryNavKeys.includes(key)) return `telemetry.nav.${key as TelemetryNavKey}`;
  if (alertsNavKeys.includes(key)) return `alerts.nav.${key as AlertsNavKey}`;
  if (riskNavKeys.includes(key)) return `risk.nav.${key as RiskNavKey}`;
  if (classificationNavKeys.includes(key)) return `classification.nav.${key as ClassificationNavKey}`;
  return complianceNavKeys.includes(key) ? `compliance.nav.${key as ComplianceNavKey}` : `nav.${key as NavKey}`;
}

export interface NavEntry {
  key: NavKey | ComplianceNavKey | ClassificationNavKey | RiskNavKey | AlertsNavKey | TelemetryNavKey;
  /** path under /o/:org/; absent for parts not built yet (shown disabled, "coming in a later release") */
  path?: string;
  /** hidden unless the user holds one of these */
  requires?: Capability[];
  /** further paths under /o/:org/ where this entry shows as the current one */
  alsoActive?: string[];
}

export interface NavComponent {
  n: number;
  key: NavKey;
  entries: NavEntry[];
}

export interface NavGroup {
  key: NavKey;
  entries: NavEntry[];
}

/** Above the seven components: the frameworks the AIMS is measured against (readable by every member). */
export const complianceGroup: NavGroup = {
  key: 'complianceGroup',
  entries: [
    { key: 'frameworks', path: 'frameworks', alsoActive: ['crosswalks'] },
    { key: 'assessments', path: 'assessments', requires: ['assessment.read'] },
    { key: 'controls', path: 'controls', requires: ['control.read'] },
    { key: 'evidence', path: 'evidence', requires: ['evidence.read'] },
    { key: 'soa', path: 'soa', requires: ['soa.read'] },
  ],
};

/** The navigation follows the seven components of ISO/IEC 42001 (DESIGN.md §2). */
export const navigation: NavComponent[] = [
  { n: 1, key: 'policy', entries: [] },
  {
    n: 2,
    key: 'scope',
    entries: [
      { key: 'systems', path: 'systems', requires: ['system.read'] },
      { key: 'vendors', path: 'vendors', requires: ['vendor.read'] },
      { key: 'importExport', path: 'import', requires: ['import.run', 'export.run'] },
      { key: 'discovery', path: 'discovery', requires: ['system.read'] },
    ],
  },
  {
    n: 3,
    key: 'risk',
    entries: [
      { key: 'riskClassification', path: 'classifications', requires: ['system.read'] },
      { key: 'riskRegister', path: 'risks', requires: ['risk.read'] },
    ],
  },
  { n: 4, key: 'impact', entries: [{ key: 'impactAssessments', path: 'impact-assessments', requires: ['impact.read'] }] },
  {
    n: 5,
    key: 'monitoring',
    entries: [
      { key: 'telemetry', path: 'telemetry', requires: ['telemetry.read'] },
      { key: 'alerts', path: 'alerts', requires: ['alert.read'] },
    ],
  },
  {
    n: 6,
    key: 'thirdParty',
    entries: [
      { key: 'vendorRegister', path: 'vendors', requires: ['vendor.read'] },
      { key: 'vendorAssessments', path: 'vendor-governance', requires: ['vendor.read'] },
    ],
  },
  {
    n: 7,
    key: 'improvement',
    entries: [
      { key: 'remediation', path: 'remediation', requires: ['remediation.read'] },
      { key: 'auditTrail', path: 'audit', requires: ['audit.read'] },
      { key: 'internalAudits' },
    ],
  },
];
