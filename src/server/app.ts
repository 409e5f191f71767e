import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/connect.js';
import { refreshPlannerStatistics } from '../db/maintenance.js';
import { keepPlannerStatisticsFresh } from './planner-statistics.js';
import { auditRoutes } from '../modules/audit-log/routes.js';
import { discoveryRoutes } from '../modules/discovery/routes.js';
import { thirdPartyRoutes } from '../modules/third-party-routes.js';
import { assuranceRoutes } from '../modules/assurance/routes.js';
import { telemetryRoutes } from '../modules/telemetry/routes.js';
import { alertRoutes } from '../modules/alerts/routes.js';
import { notificationRoutes } from '../modules/notifications/routes.js';
import { riskRoutes } from '../modules/risks/routes.js';
import { impactRoutes } from '../modules/impact/routes.js';
import { classificationRoutes } from '../modules/classification/routes.js';
import { oscalRoutes } from '../modules/oscal/routes.js';
import { customFrameworkRoutes } from '../modules/custom-frameworks/routes.js';
import { soaRoutes } from '../modules/soa/routes.js';
import { evidenceRoutes } from '../modules/evidence/routes.js';
import { enableIdentityCache } from '../modules/auth/identity-cache.js';
import { authRoutes } from '../modules/auth/routes.js';
import { unsafeListAllOrgs } from '../modules/orgs/repo.js';
import { orgRoutes } from '../modules/orgs/routes.js';
import { loadFrameworkCatalog } from '../modules/frameworks/load.js';
import { frameworkRoutes } from '../modules/frameworks/routes.js';
import { controlRoutes } from '../modules/controls/routes.js';
import { assessmentRoutes } from '../modules/assessments/routes.js';
import { remediationRoutes } from '../modules/remediation/routes.js';
import { systemClassificationRoutes } from '../modules/system-classifications/routes.js';
import { SystemListIndex } from '../modules/systems/list-index.js';
import { systemRoutes } from '../modules/systems/routes.js';
import { tokenRoutes } from '../modules/tokens/routes.js';
import { transferRoutes } from '../modules/transfer/routes.js';
import { vendorRoutes } from '../modules/vendors/routes.js';
import { registerAuth } from './auth-plugin.js';
import { noRoute, registerErrorHandler } from './error-handler.js';
import { registerNulGuard } from './nul-guard.js';
import { errorResponse, type App, type RouteDeps } from './types.js';

export const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');
export const API_VERSION = '0.1.0';
/** JSON bodies; uploaded files have their own, larger limit. */
export const JSON_BODY_LIMIT = 1024 * 1024;
export const UPLOAD_LIMIT = 25 * 1024 * 1024;

export interface AppOptions {
  database: Database;
  logLevel?: string;
  secureCookies?: boolean;
  /** serve the built web app when it exists (default true) */
  serveWeb?: boolean;
  /** where evidence files are stored (default: `evidence/` under the working directory's data folder) */
  evidenceDir?: string;
}

export async function buildApp(options: AppOptions): Promise<App> {
  const { db } = options.database;
  const app = Fastify({
    logger: {
      level: options.logLevel ?? 'info',
      // Secrets never reach the log: no cookies, no authorisation headers, no bodies.
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'],
    },
    bodyLimit: JSON_BODY_LIMIT,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  // Responses are shaped by explicit presenters and their types are checked against the response schemas at
  // compile time; re-validating every response with zod cost more than the rest of a list request (ADR 0006).
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  registerErrorHandler(app);

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        // Self-hosted installs are often reached over plain HTTP inside a LAN; upgrading would break them.
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifyMultipart, { limits: { fileSize: UPLOAD_LIMIT, files: 1, fields: 10 } });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'OpenAIMS API',
        version: API_VERSION,
        description: 'AI Management System for ISO/IEC 42001. Errors have the shape { "error": { "code", "message", "details" } }.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An API token from `aims tokens create`' },
          session: { type: 'apiKey', in: 'cookie', name: 'aims_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    hideUntagged: true,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/v1/docs', staticCSP: true });

  registerAuth(app, db);
  registerNulGuard(app);
  // JSON is the only text body the API takes; a JSON document sent as text/plain is a client error (415).
  app.removeContentTypeParser('text/plain');
  // Every documented route answers errors in one shape; say so in the OpenAPI document.
  app.addHook('onRoute', (route) => {
    if (!route.schema || route.schema.hide) return;
    route.schema.response = { ...(route.schema.response as object | undefined), '4XX': errorResponse, '5XX': errorResponse };
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    try {
      await db.execute(sql`select 1`);
      return { status: 'ready', engine: options.database.engine };
    } catch {
      return reply.code(503).send({ error: { code: 'unavailable', message: 'The database is not reachable' } });
    }
  });
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // The embedded database belongs to this process alone, which makes in-memory read models safe (ADR 0006).
  const singleProcess = options.database.engine === 'pglite';
  if (singleProcess) enableIdentityCache(db);
  const systemIndex = singleProcess ? new SystemListIndex() : undefined;
  // Framework packs and crosswalks are validated here: a broken catalogue file stops the start with its reasons.
  const catalog = loadFrameworkCatalog();
  const evidenceDir = options.evidenceDir ?? path.resolve('data/evidence');
  const deps: RouteDeps = { db, engine: options.database.engine, catalog, evidenceDir, ...(systemIndex ? { systemIndex } : {}) };
  let stopStatistics = (): void => {};
  if (systemIndex) {
    // Once listening: give the planner statistics (PGlite has no autovacuum to gather them) and load the read
    // models, so that the first list request does not pay for them.
    app.addHook('onListen', async () => {
      void (async () => {
        await refreshPlannerStatistics(db);
        await systemIndex.warm(
          db,
          (await unsafeListAllOrgs(db)).map((o) => o.id),
        );
      })().catch((err: unknown) => app.log.warn({ err }, 'warming the read models failed; they load on first use'));
      stopStatistics = keepPlannerStatisticsFresh(db, app.log);
    });
    app.addHook('onClose', async () => stopStatistics());
  }
  authRoutes(app, { ...deps, secureCookies: options.secureCookies ?? false });
  frameworkRoutes(app, deps);
  orgRoutes(app, deps);
  tokenRoutes(app, deps);
  systemRoutes(app, deps);
  vendorRoutes(app, deps);
  transferRoutes(app, deps);
  auditRoutes(app, deps);
  discoveryRoutes(app, deps);
  thirdPartyRoutes(app, deps);
  assuranceRoutes(app, deps);
  telemetryRoutes(app, deps);
  alertRoutes(app, deps);
  notificationRoutes(app, deps);
  riskRoutes(app, deps);
  impactRoutes(app, deps);
  classificationRoutes(app);
  oscalRoutes(app, deps);
  customFrameworkRoutes(app, deps);
  controlRoutes(app, deps);
  assessmentRoutes(app, deps);
  remediationRoutes(app, deps);
  systemClassificationRoutes(app, deps);
  soaRoutes(app, deps);
  evidenceRoutes(app, deps);

  const serveWeb = options.serveWeb !== false && fs.existsSync(path.join(webDist, 'index.html'));
  if (serveWeb) await app.register(fastifyStatic, { root: webDist, wildcard: false });
  // The web app routes in the browser: unknown non-API paths get its index page.
  app.setNotFoundHandler((request, reply) => {
    // Paths with a file extension are files: a missing one is a 404, not the index page.
    const pathname = request.url.split('?')[0] ?? '';
    if (serveWeb && request.method === 'GET' && !pathname.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(pathname)) {
      return reply.sendFile('index.html');
    }
    return reply.code(404).send(noRoute(request.method, request.url));
  });
  return app;
}
