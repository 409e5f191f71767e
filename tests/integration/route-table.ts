/**
 * The routes the app really serves, and what each organisation route should demand of its caller. Shared by the
 * permission, property and bad-input tests. The route list comes from the app itself, so a new route that is
 * missing from `orgRouteTable` fails the permission test instead of slipping by.
 */
import type { HTTPMethods, InjectOptions } from 'fastify';
import type { Capability } from '../../src/modules/auth/permissions.js';
import type { App } from '../../src/server/types.js';
import { buildSystem, buildVendor } from '../support/factories.js';
import { defaultRiskSettings } from '../../src/modules/risks/matrix.js';
import { nextFreshSystem } from '../support/impact-fixtures.js';
import { DISCOVERY_WALK_LOG } from '../support/discovery-fixtures.js';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const isWrite = (key: string): boolean => WRITE_METHODS.has(key.split(' ')[0] ?? '');

/** `/api/v1/orgs/{org}/systems/{id}` and `/api/v1/orgs/:org/systems/:id` both become `/api/v1/orgs/:/systems/:`. */
export function anonymousParams(path: string): string {
  return path.replace(/\{[^}/]+\}/g, ':').replace(/:[A-Za-z_]\w*(?:\|:[A-Za-z_]\w*)*/g, ':');
}

/**
 * Every route the router holds, as `METHOD /path` with anonymous parameters, read from `app.printRoutes()`
 * (so untagged or hidden routes are listed too). HEAD routes that Fastify adds for each GET are left out.
 */
export function servedRoutes(app: App): string[] {
  const stack: string[] = [];
  const found = new Set<string>();
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^((?:[│ ] {3})*)[├└]── (.*?)(?: \(([^)]*)\))?$/.exec(line);
    if (!m) continue;
    const depth = (m[1] ?? '').length / 4;
    stack.length = depth;
    stack.push(m[2] ?? '');
    const path = anonymousParams(stack.join(''));
    for (const method of (m[3] ?? '').split(',').map((s) => s.trim())) {
      if (method && method !== 'HEAD') found.add(`${method} ${path}`);
    }
  }
  return [...found].sort();
}

export interface DocumentedRoute {
  /** `METHOD /api/v1/orgs/{org}/...` as in the OpenAPI document */
  key: string;
  method: string;
  path: string;
  /** the JSON schema of the route's JSON body, if it takes one */
  body: JsonSchema | undefined;
  /** the route's query parameters and their schemas */
  query: { name: string; schema: JsonSchema }[];
}

/** The parts of JSON Schema that the app's OpenAPI document uses. */
export interface JsonSchema {
  type?: string;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
}

interface OpenApiOperation {
  parameters?: { in: string; name: string; schema: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

/** The routes of the OpenAPI document (`app.swagger()`), with the schemas of their JSON bodies and queries. */
export function documentedRoutes(app: App): DocumentedRoute[] {
  const doc = app.swagger() as { paths: Record<string, Record<string, OpenApiOperation>> };
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([m, op]) => {
      const method = m.toUpperCase();
      const body = op.requestBody?.content?.['application/json']?.schema;
      const query = (op.parameters ?? []).filter((p) => p.in === 'query').map(({ name, schema }) => ({ name, schema }));
      return { key: `${method} ${path}`, method, path, body, query };
    }),
  );
}

/** Routes outside any organisation; each has its own checks in permissions.test.ts. */
export const nonOrgRoutes = [
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/logout',
  'GET /api/v1/auth/session',
  'GET /api/v1/orgs',
  // the framework catalogue is the same for every organisation: any signed-in caller reads it
  'GET /api/v1/frameworks',
  'GET /api/v1/frameworks/{framework}',
  'GET /api/v1/frameworks/{framework}/coverage',
  'GET /api/v1/crosswalks',
  'GET /api/v1/starter-controls',
  'GET /api/v1/crosswalks/{crosswalk}',
  // the risk classifiers are pure rules, the same for every organisation
  'POST /api/v1/classify/eu-ai-act',
  'POST /api/v1/classify/eu-ai-act/batch',
  'POST /api/v1/classify/hong-kong',
  // the API documentation is public on purpose
  'GET /api/v1/openapi.json',
  // a vendor answers a questionnaire through its one-time link: the token is the credential
  'GET /api/v1/vendor-links/{token}',
  'POST /api/v1/vendor-links/{token}',
  'POST /api/v1/vendor-links/{token}/files',
];
export const isDocsRoute = (key: string): boolean => / \/api\/v1\/docs(\/|$)/.test(key);

/** Objects that fill `{id}`: a live system and vendor that are read and edited, and ones that are only archived. */
export type IdKind =
  | 'system'
  | 'toggleSystem'
  | 'vendor'
  | 'toggleVendor'
  | 'token'
  | 'importRun'
  | 'evidence'
  | 'toggleEvidence'
  | 'control'
  | 'toggleControl'
  | 'assessment'
  | 'toggleAssessment'
  | 'action'
  | 'impact'
  | 'reviewImpact'
  | 'risk'
  | 'toggleRisk'
  | 'dataset'
  | 'toggleDataset'
  | 'profile'
  | 'toggleProfile'
  | 'run'
  | 'alertRule'
  | 'toggleAlertRule'
  | 'alert'
  | 'resolveAlert'
  | 'vendorAssessment'
  | 'sendAssessment'
  | 'reviewAssessment'
  | 'vendorContract'
  | 'toggleVendorContract'
  | 'vendorAttestation'
  | 'toggleVendorAttestation'
  | 'vendorAiFeature'
  | 'toggleVendorAiFeature'
  | 'discoveryRun';

export interface OrgRoute {
  /** the capability of src/modules/auth/permissions.ts the route needs; `own` grants need an owned system */
  cap: Capability;
  id?: IdKind;
  entity?: 'systems' | 'vendors';
  query?: string;
  /** a valid JSON body, fresh for every call so that creating twice does not collide (`fx` absent in generated tests) */
  body?: (fx?: OrgFixtures) => Record<string, unknown>;
  /** a multipart CSV upload: the systems sheet, or the file given */
  upload?: true | { fileName: string; content: string };
  /** fixed values of other path parameters, e.g. `{ controlRef: 'A.2.2' }` */
  params?: Record<string, string>;
}

/** Custom threshold profiles created by the walk, numbered so that their names never collide. */
let walkProfiles = 0;
/** Contract clauses of the organisation's own, likewise. */
let walkClauses = 0;

/** One line per route: what it needs and how to call it so that an allowed caller gets a 2xx. */
export const orgRouteTable: Record<string, OrgRoute> = {
  'GET /api/v1/orgs/{org}': { cap: 'org.read' },
  'GET /api/v1/orgs/{org}/members': { cap: 'member.read' },
  'GET /api/v1/orgs/{org}/tokens': { cap: 'token.manage' },
  'POST /api/v1/orgs/{org}/tokens': { cap: 'token.manage', body: () => ({ name: 'Walk token', role: 'viewer', expiresInDays: 1 }) },
  'POST /api/v1/orgs/{org}/tokens/{id}/revoke': { cap: 'token.manage', id: 'token' },
  'GET /api/v1/orgs/{org}/systems': { cap: 'system.read', query: 'archived=include' },
  'POST /api/v1/orgs/{org}/systems': { cap: 'system.create', body: () => ({ ...buildSystem() }) },
  'GET /api/v1/orgs/{org}/systems/{id}': { cap: 'system.read', id: 'system' },
  'PATCH /api/v1/orgs/{org}/systems/{id}': { cap: 'system.update', id: 'system', body: () => ({ intendedUsers: 'Service desk' }) },
  'POST /api/v1/orgs/{org}/systems/{id}/archive': { cap: 'system.archive', id: 'toggleSystem' },
  'POST /api/v1/orgs/{org}/systems/{id}/restore': { cap: 'system.archive', id: 'toggleSystem' },
  'GET /api/v1/orgs/{org}/classifications': { cap: 'system.read' },
  'GET /api/v1/orgs/{org}/systems/{id}/classification': { cap: 'system.read', id: 'system' },
  'PUT /api/v1/orgs/{org}/systems/{id}/classification': {
    cap: 'system.classify',
    id: 'system',
    body: () => ({
      eu: { role: 'deployer', euNexus: { outputUsedInEu: true }, annexIII: ['4a'] },
      hk: { pcpd: { processesPersonalData: true } },
    }),
  },
  'GET /api/v1/orgs/{org}/vendors': { cap: 'vendor.read', query: 'archived=include' },
  'POST /api/v1/orgs/{org}/vendors': { cap: 'vendor.create', body: () => ({ ...buildVendor() }) },
  'GET /api/v1/orgs/{org}/vendors/{id}': { cap: 'vendor.read', id: 'vendor' },
  'PATCH /api/v1/orgs/{org}/vendors/{id}': { cap: 'vendor.update', id: 'vendor', body: () => ({ notes: 'Reviewed' }) },
  'POST /api/v1/orgs/{org}/vendors/{id}/archive': { cap: 'vendor.archive', id: 'toggleVendor' },
  'POST /api/v1/orgs/{org}/vendors/{id}/restore': { cap: 'vendor.archive', id: 'toggleVendor' },
  'POST /api/v1/orgs/{org}/imports/{entity}': { cap: 'import.run', entity: 'systems', query: 'dryRun=true&wait=true', upload: true },
  'GET /api/v1/orgs/{org}/imports/{id}': { cap: 'import.run', id: 'importRun' },
  'GET /api/v1/orgs/{org}/exports/{entity}': { cap: 'export.run', entity: 'systems', query: 'format=csv' },
  'GET /api/v1/orgs/{org}/audit-log': { cap: 'audit.read', query: 'limit=5' },
  // applied controls, assessments and remediation: `assessment` is an ISO/IEC 42001 assessment whose 4.2 is a gap
  'GET /api/v1/orgs/{org}/controls': { cap: 'control.read', query: 'archived=include' },
  'POST /api/v1/orgs/{org}/controls': {
    cap: 'control.manage',
    body: () => ({ name: 'Walk control', requirements: [{ framework: 'iso-iec-42001-2023', requirementId: 'A.4.2' }] }),
  },
  'POST /api/v1/orgs/{org}/controls/adopt': { cap: 'control.manage', body: () => ({ suggestionIds: ['SC-INV-01'] }) },
  'GET /api/v1/orgs/{org}/controls/{id}': { cap: 'control.read', id: 'control' },
  'PATCH /api/v1/orgs/{org}/controls/{id}': { cap: 'control.manage', id: 'control', body: () => ({ description: 'Reviewed' }) },
  'POST /api/v1/orgs/{org}/controls/{id}/archive': { cap: 'control.manage', id: 'toggleControl' },
  'POST /api/v1/orgs/{org}/controls/{id}/restore': { cap: 'control.manage', id: 'toggleControl' },
  'GET /api/v1/orgs/{org}/assessments': { cap: 'assessment.read' },
  'POST /api/v1/orgs/{org}/assessments': { cap: 'assessment.manage', body: () => ({ framework: 'hk-pdpo-dpp' }) },
  'GET /api/v1/orgs/{org}/progress': { cap: 'assessment.read' },
  'GET /api/v1/orgs/{org}/coverage': { cap: 'assessment.read', query: 'framework=nist-ai-rmf-1.0&from=iso-iec-42001-2023' },
  'GET /api/v1/orgs/{org}/assessments/{id}': { cap: 'assessment.read', id: 'assessment', query: 'status=gap' },
  'PATCH /api/v1/orgs/{org}/assessments/{id}': { cap: 'assessment.manage', id: 'assessment', body: () => ({ status: 'in_progress' }) },
  'POST /api/v1/orgs/{org}/assessments/{id}/archive': { cap: 'assessment.manage', id: 'toggleAssessment' },
  'POST /api/v1/orgs/{org}/assessments/{id}/restore': { cap: 'assessment.manage', id: 'toggleAssessment' },
  'PATCH /api/v1/orgs/{org}/assessments/{id}/items/{requirement}': {
    cap: 'assessment.manage',
    id: 'assessment',
    params: { requirement: '4.1' },
    body: () => ({ maturity: 2, notes: 'Walked' }),
  },
  'POST /api/v1/orgs/{org}/assessments/{id}/items/bulk': {
    cap: 'assessment.manage',
    id: 'assessment',
    body: () => ({ requirementIds: ['4.3', '4.4'], changes: { maturity: 1 } }),
  },
  'POST /api/v1/orgs/{org}/assessments/{id}/items/{requirement}/actions': {
    cap: 'remediation.manage',
    id: 'assessment',
    params: { requirement: '4.2' },
    body: () => ({}),
  },
  'GET /api/v1/orgs/{org}/remediation-actions': { cap: 'remediation.read', query: 'status=all' },
  'POST /api/v1/orgs/{org}/remediation-actions': { cap: 'remediation.manage', body: () => ({ title: 'Walk action' }) },
  'GET /api/v1/orgs/{org}/remediation-actions/{id}': { cap: 'remediation.read', id: 'action' },
  'PATCH /api/v1/orgs/{org}/remediation-actions/{id}': { cap: 'remediation.manage', id: 'action', body: () => ({ status: 'in_progress' }) },
  'GET /api/v1/orgs/{org}/gaps': { cap: 'remediation.read' },
  // evidence: `evidence` is a file item with version 1 stored; uploads add versions, links are idempotent
  'GET /api/v1/orgs/{org}/evidence': { cap: 'evidence.read', query: 'archived=include' },
  'POST /api/v1/orgs/{org}/evidence': { cap: 'evidence.manage', body: () => ({ kind: 'note', title: 'Walk note', note: 'Checked' }) },
  'GET /api/v1/orgs/{org}/evidence/summary': { cap: 'evidence.read' },
  'GET /api/v1/orgs/{org}/evidence/{id}': { cap: 'evidence.read', id: 'evidence' },
  'PATCH /api/v1/orgs/{org}/evidence/{id}': { cap: 'evidence.manage', id: 'evidence', body: () => ({ description: 'Reviewed' }) },
  'POST /api/v1/orgs/{org}/evidence/{id}/archive': { cap: 'evidence.manage', id: 'toggleEvidence' },
  'POST /api/v1/orgs/{org}/evidence/{id}/restore': { cap: 'evidence.manage', id: 'toggleEvidence' },
  'POST /api/v1/orgs/{org}/evidence/{id}/files': { cap: 'evidence.manage', id: 'evidence', upload: true },
  'GET /api/v1/orgs/{org}/evidence/{id}/files/{versionNo}': { cap: 'evidence.read', id: 'evidence', params: { versionNo: '1' } },
  'POST /api/v1/orgs/{org}/evidence/{id}/links': {
    cap: 'evidence.manage',
    id: 'evidence',
    body: () => ({ targetType: 'requirement', targetKey: 'iso-iec-42001-2023:A.6.2.4' }),
  },
  'DELETE /api/v1/orgs/{org}/evidence/{id}/links': {
    cap: 'evidence.manage',
    id: 'evidence',
    query: 'targetType=requirement&targetKey=iso-iec-42001-2023%3AA.7.2',
  },
  'GET /api/v1/orgs/{org}/evidence-pack': { cap: 'evidence.read' },
  // impact assessments: each create takes a fresh system of the organisation; `impact` stays a draft, `reviewImpact`
  // is in review: submitting it again changes nothing, and the governance step's approval is recorded once
  'GET /api/v1/orgs/{org}/impact-assessments': { cap: 'impact.read', query: 'status=draft' },
  'GET /api/v1/orgs/{org}/impact-assessments/required': { cap: 'impact.read' },
  'POST /api/v1/orgs/{org}/impact-assessments': { cap: 'impact.manage', body: (fx) => ({ systemId: nextFreshSystem(fx?.slug) }) },
  'GET /api/v1/orgs/{org}/impact-assessments/{id}': { cap: 'impact.read', id: 'impact' },
  'PATCH /api/v1/orgs/{org}/impact-assessments/{id}': {
    cap: 'impact.manage',
    id: 'impact',
    body: () => ({ content: { benefits: { description: 'Faster answers' } } }),
  },
  'POST /api/v1/orgs/{org}/impact-assessments/{id}/submit': { cap: 'impact.manage', id: 'reviewImpact' },
  'POST /api/v1/orgs/{org}/impact-assessments/{id}/signoff': {
    cap: 'impact.signoff',
    id: 'reviewImpact',
    body: () => ({ step: 'governance_lead', decision: 'approve', note: 'Walk sign-off' }),
  },
  'GET /api/v1/orgs/{org}/impact-assessments/{id}/export': { cap: 'impact.read', id: 'impact', query: 'format=docx&lang=zh-HK' },
  'GET /api/v1/orgs/{org}/systems/{id}/impact-assessments': { cap: 'impact.read', id: 'system' },
  // SoA: in this order, so that the owner's walk decides every control, approves, and then reads version 1
  'GET /api/v1/orgs/{org}/soa': { cap: 'soa.read' },
  'PATCH /api/v1/orgs/{org}/soa/{controlRef}': {
    cap: 'soa.manage',
    params: { controlRef: 'A.2.2' },
    body: () => ({ applicable: true, implementationStatus: 'planned' }),
  },
  'POST /api/v1/orgs/{org}/soa/accept-suggestions': { cap: 'soa.manage', body: () => ({}) },
  'POST /api/v1/orgs/{org}/soa/approve': { cap: 'soa.approve', body: () => ({ note: 'Walk approval' }) },
  'GET /api/v1/orgs/{org}/soa/versions': { cap: 'soa.read' },
  'GET /api/v1/orgs/{org}/soa/versions/{versionNo}': { cap: 'soa.read', params: { versionNo: '1' } },
  'GET /api/v1/orgs/{org}/soa/export': { cap: 'soa.read', query: 'format=xlsx&lang=zh-HK' },
  // OSCAL exports and custom frameworks; the import and the delete run in this order, so each walk imports
  // "walk-framework" and deletes it again
  'GET /api/v1/orgs/{org}/oscal/catalog/{framework}': { cap: 'assessment.read', params: { framework: 'iso-iec-42001-2023' } },
  'GET /api/v1/orgs/{org}/oscal/assessment-results/{id}': { cap: 'assessment.read', id: 'assessment' },
  'GET /api/v1/orgs/{org}/oscal/poam': { cap: 'remediation.read', query: 'framework=iso-iec-42001-2023' },
  'GET /api/v1/orgs/{org}/frameworks': { cap: 'org.read' },
  'GET /api/v1/orgs/{org}/frameworks/{framework}': { cap: 'org.read', params: { framework: 'iso-iec-42001-2023' } },
  'POST /api/v1/orgs/{org}/frameworks/import': {
    cap: 'framework.import',
    query: 'id=walk-framework&title=Walk%20framework',
    upload: {
      fileName: 'walk-framework.csv',
      content: 'id,parent,title,description\nW1,,Walk duties,\nW1.1,W1,Keep a register,List every AI system\n',
    },
  },
  'DELETE /api/v1/orgs/{org}/frameworks/{framework}': { cap: 'framework.import', params: { framework: 'walk-framework' } },
  // the AI risk register: `risk` is a treated risk with residual values and a linked control, so it can be accepted
  // again on every walk; a suggestion is added once and skipped after that
  'GET /api/v1/orgs/{org}/risk-settings': { cap: 'risk.read' },
  'PUT /api/v1/orgs/{org}/risk-settings': { cap: 'risk.configure', body: () => structuredClone(defaultRiskSettings) },
  'GET /api/v1/orgs/{org}/risks': { cap: 'risk.read', query: 'archived=include&sort=residualScore' },
  'POST /api/v1/orgs/{org}/risks': { cap: 'risk.manage', body: () => ({ title: 'Walk risk', likelihood: 2, impact: 3 }) },
  'GET /api/v1/orgs/{org}/risks/{id}': { cap: 'risk.read', id: 'risk' },
  'PATCH /api/v1/orgs/{org}/risks/{id}': { cap: 'risk.manage', id: 'risk', body: () => ({ description: 'Reviewed' }) },
  'POST /api/v1/orgs/{org}/risks/{id}/archive': { cap: 'risk.manage', id: 'toggleRisk' },
  'POST /api/v1/orgs/{org}/risks/{id}/restore': { cap: 'risk.manage', id: 'toggleRisk' },
  'POST /api/v1/orgs/{org}/risks/{id}/accept': { cap: 'risk.accept', id: 'risk', body: () => ({ note: 'Walk acceptance' }) },
  'POST /api/v1/orgs/{org}/risks/{id}/controls': {
    cap: 'risk.manage',
    id: 'risk',
    body: (fx) => ({ controlIds: fx ? [fx.ids.control] : [] }),
  },
  'DELETE /api/v1/orgs/{org}/risks/{id}/controls/{controlId}': {
    cap: 'risk.manage',
    id: 'risk',
    params: { controlId: '00000000-0000-4000-8000-00000000c0de' },
  },
  'GET /api/v1/orgs/{org}/systems/{id}/risk-suggestions': { cap: 'risk.read', id: 'system' },
  'POST /api/v1/orgs/{org}/systems/{id}/risk-suggestions/accept': {
    cap: 'risk.manage',
    id: 'system',
    body: () => ({ keys: ['supplier-model-change'] }),
  },
  'GET /api/v1/orgs/{org}/risk-heatmap': { cap: 'risk.read' },
  'GET /api/v1/orgs/{org}/risk-summary': { cap: 'risk.read', query: 'system=organisation' },
  // LLM telemetry: the read views, bindings (PUT and DELETE are idempotent), resolve ignores a service (0 or more rows)
  'GET /api/v1/orgs/{org}/telemetry/overview': { cap: 'telemetry.read' },
  'GET /api/v1/orgs/{org}/telemetry/systems/{id}/series': { cap: 'telemetry.read', id: 'system', query: 'step=60' },
  'GET /api/v1/orgs/{org}/telemetry/systems/{id}/metrics': { cap: 'telemetry.read', id: 'system' },
  'GET /api/v1/orgs/{org}/telemetry/unregistered': { cap: 'telemetry.read', query: 'status=all' },
  'POST /api/v1/orgs/{org}/telemetry/unregistered/resolve': {
    cap: 'telemetry.manage',
    body: () => ({ action: 'ignore', serviceName: 'walk-service', note: 'Walk' }),
  },
  'GET /api/v1/orgs/{org}/telemetry/bindings': { cap: 'telemetry.read' },
  'PUT /api/v1/orgs/{org}/telemetry/bindings': {
    cap: 'telemetry.manage',
    body: (fx) => ({ serviceName: 'walk-service', systemId: fx?.ids.system }),
  },
  'DELETE /api/v1/orgs/{org}/telemetry/bindings': { cap: 'telemetry.manage', query: 'serviceName=walk-unbound' },
  'GET /api/v1/orgs/{org}/telemetry/settings': { cap: 'telemetry.read' },
  'PUT /api/v1/orgs/{org}/telemetry/settings': {
    cap: 'telemetry.manage',
    body: () => ({ spanRetentionDays: 7, rollupRetentionDays: 400 }),
  },
  // technical assurance: `dataset` and `run` belong to `system`; `profile` is a custom threshold profile
  'GET /api/v1/orgs/{org}/systems/{id}/datasets': { cap: 'assurance.read', id: 'system', query: 'archived=include' },
  'POST /api/v1/orgs/{org}/systems/{id}/datasets': {
    cap: 'assurance.run',
    id: 'system',
    upload: { fileName: 'walk.csv', content: 'sex,hired,shortlisted\nF,yes,1\nM,no,0\n' },
  },
  'GET /api/v1/orgs/{org}/datasets/{id}': { cap: 'assurance.read', id: 'dataset' },
  'POST /api/v1/orgs/{org}/datasets/{id}/archive': { cap: 'assurance.run', id: 'toggleDataset' },
  'GET /api/v1/orgs/{org}/datasets/{id}/column-suggestions': { cap: 'assurance.read', id: 'dataset' },
  'GET /api/v1/orgs/{org}/threshold-profiles': { cap: 'assurance.read', query: 'archived=include' },
  'POST /api/v1/orgs/{org}/threshold-profiles': {
    cap: 'assurance.configure',
    body: () => ({
      name: `Walk profile ${++walkProfiles}`,
      rationale: 'Walk policy',
      sensitiveAttributes: ['sex'],
      thresholds: { metrics: { equalizedOddsDifference: { max: 0.2 } }, minGroupSize: 10 },
    }),
  },
  'GET /api/v1/orgs/{org}/threshold-profiles/{id}': { cap: 'assurance.read', id: 'profile' },
  'PATCH /api/v1/orgs/{org}/threshold-profiles/{id}': {
    cap: 'assurance.configure',
    id: 'profile',
    body: () => ({ rationale: 'Reviewed' }),
  },
  'POST /api/v1/orgs/{org}/threshold-profiles/{id}/copy': { cap: 'assurance.configure', id: 'profile', body: () => ({}) },
  'POST /api/v1/orgs/{org}/threshold-profiles/{id}/archive': { cap: 'assurance.configure', id: 'toggleProfile' },
  'POST /api/v1/orgs/{org}/threshold-profiles/{id}/restore': { cap: 'assurance.configure', id: 'toggleProfile' },
  'GET /api/v1/orgs/{org}/systems/{id}/assurance-runs': { cap: 'assurance.read', id: 'system', query: 'kind=fairness' },
  'POST /api/v1/orgs/{org}/systems/{id}/assurance-runs': {
    cap: 'assurance.run',
    id: 'system',
    body: (fx) => ({
      kind: 'fairness',
      datasetId: fx?.ids.dataset ?? '00000000-0000-4000-8000-0000000da7a0',
      label: 'hired',
      labelPositive: ['yes'],
      prediction: 'shortlisted',
      predictionPositive: ['1'],
      groups: ['sex'],
    }),
  },
  'GET /api/v1/orgs/{org}/systems/{id}/assurance-runs/series': { cap: 'assurance.read', id: 'system', query: 'kind=drift' },
  'GET /api/v1/orgs/{org}/assurance-runs/{id}': { cap: 'assurance.read', id: 'run' },
  'GET /api/v1/orgs/{org}/assurance-runs/{id}/download': { cap: 'assurance.read', id: 'run' },
  // alerts: `alertRule` watches the error rate of the fixture system and has fired `alert` (acknowledged by the walk);
  // `resolveAlert` fired on a second rule; `toggleAlertRule` is organisation-wide. Notifications are the caller's own.
  'GET /api/v1/orgs/{org}/alert-rules': { cap: 'alert.read', query: 'archived=include' },
  'POST /api/v1/orgs/{org}/alert-rules': {
    cap: 'alert.manage',
    body: (fx) => ({ name: 'Walk rule', systemId: fx?.ids.system, metric: 'error_rate', comparator: 'above', threshold: 0.1 }),
  },
  'GET /api/v1/orgs/{org}/alert-rules/{id}': { cap: 'alert.read', id: 'alertRule' },
  'PATCH /api/v1/orgs/{org}/alert-rules/{id}': { cap: 'alert.manage', id: 'alertRule', body: () => ({ cooldownMinutes: 30 }) },
  'POST /api/v1/orgs/{org}/alert-rules/{id}/archive': { cap: 'alert.manage', id: 'toggleAlertRule' },
  'POST /api/v1/orgs/{org}/alert-rules/{id}/restore': { cap: 'alert.manage', id: 'toggleAlertRule' },
  'GET /api/v1/orgs/{org}/alerts': { cap: 'alert.read', query: 'status=active' },
  'GET /api/v1/orgs/{org}/alerts/{id}': { cap: 'alert.read', id: 'alert' },
  'POST /api/v1/orgs/{org}/alerts/{id}/acknowledge': { cap: 'alert.manage', id: 'alert' },
  'POST /api/v1/orgs/{org}/alerts/{id}/resolve': { cap: 'alert.manage', id: 'resolveAlert' },
  'GET /api/v1/orgs/{org}/notifications': { cap: 'org.read', query: 'unread=true' },
  'POST /api/v1/orgs/{org}/notifications/read': { cap: 'org.read', body: () => ({ ids: ['00000000-0000-4000-8000-000000000000'] }) },
  'POST /api/v1/orgs/{org}/notifications/read-all': { cap: 'org.read' },
  // third-party AI governance: `vendorAssessment` is a draft being filled in; `sendAssessment` has a link out (sending
  // again replaces it); `reviewAssessment` is reviewed again on every walk; the clause walk marks a clause missing
  // (one remediation action, kept while it is open)
  'GET /api/v1/orgs/{org}/vendor-questionnaires': { cap: 'vendor.read' },
  'GET /api/v1/orgs/{org}/vendors/{id}/assessments': { cap: 'vendor.read', id: 'vendor' },
  'POST /api/v1/orgs/{org}/vendors/{id}/assessments': { cap: 'vendor.update', id: 'vendor', body: () => ({ language: 'zh-HK' }) },
  'GET /api/v1/orgs/{org}/vendor-assessments/due': { cap: 'vendor.read', query: 'withinDays=90' },
  'GET /api/v1/orgs/{org}/vendor-assessments/{id}': { cap: 'vendor.read', id: 'vendorAssessment' },
  'PATCH /api/v1/orgs/{org}/vendor-assessments/{id}': {
    cap: 'vendor.update',
    id: 'vendorAssessment',
    body: () => ({ answers: { T1: { value: 'no', comment: 'Walked' }, C1: { value: ['iso27001', 'soc2_type2'] } } }),
  },
  'POST /api/v1/orgs/{org}/vendor-assessments/{id}/send': {
    cap: 'vendor.update',
    id: 'sendAssessment',
    body: () => ({ expiresInDays: 7 }),
  },
  'POST /api/v1/orgs/{org}/vendor-assessments/{id}/review': { cap: 'vendor.update', id: 'reviewAssessment', body: () => ({}) },
  'GET /api/v1/orgs/{org}/vendors/{id}/contracts': { cap: 'vendor.read', id: 'vendor', query: 'archived=include' },
  'POST /api/v1/orgs/{org}/vendors/{id}/contracts': { cap: 'vendor.update', id: 'vendor', body: () => ({ title: 'Walk contract' }) },
  'GET /api/v1/orgs/{org}/vendor-contracts/{id}': { cap: 'vendor.read', id: 'vendorContract' },
  'PATCH /api/v1/orgs/{org}/vendor-contracts/{id}': { cap: 'vendor.update', id: 'vendorContract', body: () => ({ reference: 'MSA-2' }) },
  'POST /api/v1/orgs/{org}/vendor-contracts/{id}/archive': { cap: 'vendor.update', id: 'toggleVendorContract' },
  'POST /api/v1/orgs/{org}/vendor-contracts/{id}/restore': { cap: 'vendor.update', id: 'toggleVendorContract' },
  'PUT /api/v1/orgs/{org}/vendor-contracts/{id}/clauses/{clauseKey}': {
    cap: 'vendor.update',
    id: 'vendorContract',
    params: { clauseKey: 'no_training' },
    body: () => ({ status: 'missing', note: 'Not in the order form' }),
  },
  'GET /api/v1/orgs/{org}/contract-clauses': { cap: 'vendor.read' },
  'POST /api/v1/orgs/{org}/contract-clauses': { cap: 'vendor.update', body: () => ({ title: { en: `Walk clause ${++walkClauses}` } }) },
  'PATCH /api/v1/orgs/{org}/contract-clauses/{clauseKey}': {
    cap: 'vendor.update',
    params: { clauseKey: 'audit_rights' },
    body: () => ({ enabled: true }),
  },
  'GET /api/v1/orgs/{org}/vendors/{id}/attestations': { cap: 'vendor.read', id: 'vendor', query: 'archived=include' },
  'POST /api/v1/orgs/{org}/vendors/{id}/attestations': {
    cap: 'vendor.update',
    id: 'vendor',
    body: () => ({ kind: 'iso42001', issuer: 'Walk certification body', validFrom: '2026-01-01', validTo: '2029-01-01' }),
  },
  'GET /api/v1/orgs/{org}/vendor-attestations/expiring': { cap: 'vendor.read', query: 'withinDays=90' },
  'GET /api/v1/orgs/{org}/vendor-attestations/{id}': { cap: 'vendor.read', id: 'vendorAttestation' },
  'PATCH /api/v1/orgs/{org}/vendor-attestations/{id}': {
    cap: 'vendor.update',
    id: 'vendorAttestation',
    body: () => ({ scope: 'Reviewed' }),
  },
  'POST /api/v1/orgs/{org}/vendor-attestations/{id}/archive': { cap: 'vendor.update', id: 'toggleVendorAttestation' },
  'POST /api/v1/orgs/{org}/vendor-attestations/{id}/restore': { cap: 'vendor.update', id: 'toggleVendorAttestation' },
  'GET /api/v1/orgs/{org}/vendors/{id}/ai-features': { cap: 'vendor.read', id: 'vendor', query: 'archived=include' },
  'POST /api/v1/orgs/{org}/vendors/{id}/ai-features': {
    cap: 'vendor.update',
    id: 'vendor',
    body: (fx) => ({ product: 'Walk CRM', feature: 'Walk scoring', systemId: fx?.ids.system ?? null }),
  },
  'GET /api/v1/orgs/{org}/vendor-ai-features/{id}': { cap: 'vendor.read', id: 'vendorAiFeature' },
  'PATCH /api/v1/orgs/{org}/vendor-ai-features/{id}': { cap: 'vendor.update', id: 'vendorAiFeature', body: () => ({ notes: 'Reviewed' }) },
  'POST /api/v1/orgs/{org}/vendor-ai-features/{id}/archive': { cap: 'vendor.update', id: 'toggleVendorAiFeature' },
  'POST /api/v1/orgs/{org}/vendor-ai-features/{id}/restore': { cap: 'vendor.update', id: 'toggleVendorAiFeature' },
  'GET /api/v1/orgs/{org}/residency/policy': { cap: 'vendor.read' },
  'PUT /api/v1/orgs/{org}/residency/policy': { cap: 'vendor.update', body: () => ({ allowedRegions: ['hong_kong', 'singapore'] }) },
  'GET /api/v1/orgs/{org}/residency/violations': { cap: 'vendor.read' },
  // shadow-AI discovery: the fixtures' run found deepseek-chat, which the walk decides on, links and adds to the
  // inventory (adding an already registered service answers it as it is); `walk-service` is an own catalogue entry
  'POST /api/v1/orgs/{org}/discovery/runs': {
    cap: 'import.run',
    query: 'format=squid&wait=true',
    upload: { fileName: 'walk.log', content: DISCOVERY_WALK_LOG },
  },
  'GET /api/v1/orgs/{org}/discovery/runs': { cap: 'system.read' },
  'GET /api/v1/orgs/{org}/discovery/runs/{id}': { cap: 'system.read', id: 'discoveryRun' },
  'GET /api/v1/orgs/{org}/discovery/findings': { cap: 'system.read' },
  'POST /api/v1/orgs/{org}/discovery/findings/{catalogId}/add-to-inventory': {
    cap: 'system.create',
    params: { catalogId: 'deepseek-chat' },
  },
  'POST /api/v1/orgs/{org}/discovery/findings/{catalogId}/decision': {
    cap: 'discovery.manage',
    params: { catalogId: 'deepseek-chat' },
    body: () => ({ decision: 'tolerated' }),
  },
  'POST /api/v1/orgs/{org}/discovery/findings/{catalogId}/link': {
    cap: 'discovery.manage',
    params: { catalogId: 'deepseek-chat' },
    body: (fx) => ({ systemId: fx?.ids.system ?? null }),
  },
  'GET /api/v1/orgs/{org}/discovery/footprint': { cap: 'system.read' },
  'GET /api/v1/orgs/{org}/discovery/catalogue': { cap: 'system.read', query: 'origin=organisation' },
  'PUT /api/v1/orgs/{org}/discovery/catalogue/{catalogId}': {
    cap: 'discovery.manage',
    params: { catalogId: 'walk-service' },
    body: () => ({
      provider: 'Walk Labs',
      product: 'Walk Assistant',
      category: 'chat_assistant',
      domains: ['walk-assistant.example'],
      oauthAppNames: [],
      merchantNames: [],
      providerCountry: 'HK',
      dataUseNote: 'Pilot only.',
      termsUrl: null,
    }),
  },
  'DELETE /api/v1/orgs/{org}/discovery/catalogue/{catalogId}': { cap: 'discovery.manage', params: { catalogId: 'walk-service' } },
};

/** A valid systems sheet in the importer's English headers. */
export const SYSTEMS_CSV_HEADER = 'Name,Purpose and intended use,Type,Hosting,Decision role,Human oversight';
export const systemsCsv = (...names: string[]): string =>
  [SYSTEMS_CSV_HEADER, ...names.map((n) => `${n},Answers staff questions,agent,vendor,informs,human_in_the_loop`)].join('\n') + '\n';

export const BOUNDARY = 'aims-test-boundary';

/** A hand-built multipart/form-data body with one file part. */
export function multipart(
  fileName: string,
  content: Buffer | string,
  opts: { field?: string; type?: string } = {},
): { payload: Buffer; headers: Record<string, string> } {
  const head = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${opts.field ?? 'file'}"; filename="${fileName}"\r\nContent-Type: ${opts.type ?? 'text/csv'}\r\n\r\n`;
  return {
    payload: Buffer.concat([
      Buffer.from(head),
      Buffer.isBuffer(content) ? content : Buffer.from(content),
      Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
  };
}

/** An `app.inject` request whose url and headers are plain strings, so that messages can quote them. */
export interface Call extends InjectOptions {
  method: HTTPMethods;
  url: string;
  headers?: Record<string, string>;
  payload?: string | Buffer | object;
}

/** The body of a call as text, for failure messages. */
export function preview(payload: Call['payload'], length = 300): string {
  if (payload === undefined) return '';
  const text = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('latin1') : JSON.stringify(payload);
  return JSON.stringify(text.slice(0, length));
}

export interface OrgFixtures {
  slug: string;
  ids: Record<IdKind, string>;
}

/** The request that exercises `key` in an organisation, with `ids` overriding the fixture ids. */
export function requestFor(key: string, fx: OrgFixtures, headers: Record<string, string>, ids: Partial<Record<IdKind, string>> = {}): Call {
  const rule = orgRouteTable[key];
  if (!rule) throw new Error(`no rule for ${key}`);
  const [method, template] = key.split(' ') as [HTTPMethods, string];
  const id = rule.id ? (ids[rule.id] ?? fx.ids[rule.id]) : undefined;
  const path = template
    .replace('{org}', fx.slug)
    .replace('{id}', id ?? '')
    .replace('{entity}', rule.entity ?? '')
    .replace(/\{(\w+)\}/g, (m, name: string) => rule.params?.[name] ?? m);
  const url = rule.query ? `${path}?${rule.query}` : path;
  if (rule.upload) {
    const file = rule.upload === true ? { fileName: 'walk.csv', content: systemsCsv('Walk import') } : rule.upload;
    const { payload, headers: h } = multipart(file.fileName, file.content);
    return { method, url, payload, headers: { ...headers, ...h } };
  }
  return rule.body ? { method, url, headers, payload: rule.body(fx) } : { method, url, headers };
}
