/**
 * The routes the app really serves, and what each organisation route should demand of its caller. Shared by the
 * permission, property and bad-input tests. The route list comes from the app itself, so a new route that is
 * missing from `orgRouteTable` fails the permission test instead of slipping by.
 */
import type { HTTPMethods, InjectOptions } from 'fastify';
import type { Capability } from '../../src/modules/auth/permissions.js';
import type { App } from '../../src/server/types.js';
import { buildSystem, buildVendor } from '../support/factories.js';

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
  // the API documentation is public on purpose
  'GET /api/v1/openapi.json',
];
export const isDocsRoute = (key: string): boolean => / \/api\/v1\/docs(\/|$)/.test(key);

/** Objects that fill `{id}`: a live system and vendor that are read and edited, and ones that are only archived. */
export type IdKind = 'system' | 'toggleSystem' | 'vendor' | 'toggleVendor' | 'token' | 'importRun';

export interface OrgRoute {
  /** the capability of src/modules/auth/permissions.ts the route needs; `own` grants need an owned system */
  cap: Capability;
  id?: IdKind;
  entity?: 'systems' | 'vendors';
  query?: string;
  /** a valid JSON body, fresh for every call so that creating twice does not collide */
  body?: () => Record<string, unknown>;
  /** a multipart CSV upload */
  upload?: true;
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
    .replace('{entity}', rule.entity ?? '');
  const url = rule.query ? `${path}?${rule.query}` : path;
  if (rule.upload) {
    const { payload, headers: h } = multipart('walk.csv', systemsCsv('Walk import'));
    return { method, url, payload, headers: { ...headers, ...h } };
  }
  return rule.body ? { method, url, headers, payload: rule.body() } : { method, url, headers };
}
