import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db, Engine } from '../db/connect.js';
import type { FrameworkCatalog } from '../modules/frameworks/service.js';
import type { SystemListIndex } from '../modules/systems/list-index.js';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** What each module's routes receive. */
export interface RouteDeps {
  db: Db;
  /** PGlite runs inside this process's main thread; PostgreSQL is a server of its own */
  engine: Engine;
  /** the in-memory register read model, on the embedded database only */
  systemIndex?: SystemListIndex;
  /** the built-in framework packs, crosswalks and starter controls, validated at start-up */
  catalog: FrameworkCatalog;
  /** where evidence files are kept, content-addressed by SHA-256 */
  evidenceDir: string;
}

export const errorResponse = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
