import { z } from 'zod';
import { requireIdentity } from '../../server/auth-plugin.js';
import type { App, RouteDeps } from '../../server/types.js';
import {
  coverageQuery,
  crosswalk,
  coverageView,
  crosswalkSummary,
  frameworkDetail,
  frameworkParams,
  frameworkSummary,
  requirementSearch,
  suggestedControl,
} from './schema.js';

const tags = ['frameworks'];

/** The catalogue is the same for every organisation: any signed-in user or token may read it. */
export function frameworkRoutes(app: App, { catalog }: Pick<RouteDeps, 'catalog'>): void {
  app.get(
    '/api/v1/frameworks',
    { schema: { tags, summary: 'Framework packs in the catalogue', response: { 200: z.object({ items: z.array(frameworkSummary) }) } } },
    async (request) => {
      requireIdentity(request);
      return { items: catalog.list() };
    },
  );

  app.get(
    '/api/v1/starter-controls',
    {
      schema: {
        tags,
        summary: 'Suggested controls for a new organisation, optionally for one requirement (?framework=&requirement=)',
        querystring: z.object({ framework: z.string().max(64).optional(), requirement: z.string().max(64).optional() }),
        response: { 200: z.object({ items: z.array(suggestedControl) }) },
      },
    },
    async (request) => {
      requireIdentity(request);
      return { items: catalog.starterControls(request.query) };
    },
  );

  app.get(
    '/api/v1/crosswalks',
    { schema: { tags, summary: 'Crosswalks between framework packs', response: { 200: z.object({ items: z.array(crosswalkSummary) }) } } },
    async (request) => {
      requireIdentity(request);
      return { items: catalog.listCrosswalks() };
    },
  );

  app.get(
    '/api/v1/crosswalks/:crosswalk',
    {
      schema: {
        tags,
        summary: 'One crosswalk: each link with its relation and provenance',
        params: z.object({ crosswalk: z.string().min(1).max(120) }),
        response: { 200: crosswalk },
      },
    },
    async (request) => {
      requireIdentity(request);
      return catalog.getCrosswalk(request.params.crosswalk);
    },
  );

  app.get(
    '/api/v1/frameworks/:framework/coverage',
    {
      schema: {
        tags,
        summary: 'Which requirements of this framework the crosswalks link to another framework (?from=ID)',
        params: frameworkParams,
        querystring: coverageQuery,
        response: { 200: coverageView },
      },
    },
    async (request) => {
      requireIdentity(request);
      return catalog.coverage(request.params.framework, request.query.from);
    },
  );

  app.get(
    '/api/v1/frameworks/:framework',
    {
      schema: {
        tags,
        summary: 'One framework with its requirements; search in English or Chinese',
        params: frameworkParams,
        querystring: requirementSearch,
        response: { 200: frameworkDetail },
      },
    },
    async (request) => {
      requireIdentity(request);
      return catalog.get(request.params.framework, request.query);
    },
  );
}
