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
  | 'toggleRisk';

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
