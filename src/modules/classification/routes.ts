import type { FastifyRequest } from 'fastify';
import { requireIdentity } from '../../server/auth-plugin.js';
import type { App } from '../../server/types.js';
import { classifyEuAiAct } from './eu-ai-act/classify.js';
import { RULES_VERSION } from './eu-ai-act/rules.js';
import { classifyHongKong } from './hong-kong.js';
import { euAiActBatchInput, euAiActBatchResult, euAiActInput, euAiActResult, hongKongInput, hongKongResult } from './schema.js';

const tags = ['classification'];
/** Checked before the body is read: an anonymous caller gets 401 without the server parsing up to 32 MB. */
const signedIn = async (request: FastifyRequest): Promise<void> => {
  requireIdentity(request);
};
/** 10,000 fully answered inputs are about 8 MB of JSON; the app's 1 MB JSON limit is for ordinary requests. */
export const BATCH_BODY_LIMIT = 32 * 1024 * 1024;

/** The classifiers are pure and the same for every organisation: any signed-in caller may use them. */
export function classificationRoutes(app: App): void {
  app.post(
    '/api/v1/classify/eu-ai-act',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'Classify one AI system under the EU AI Act: tier, basis, obligations and explanation',
        body: euAiActInput,
        response: { 200: euAiActResult },
      },
    },
    async (request) => classifyEuAiAct(request.body),
  );

  app.post(
    '/api/v1/classify/eu-ai-act/batch',
    {
      onRequest: signedIn,
      bodyLimit: BATCH_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Classify up to 10,000 AI systems under the EU AI Act in one call; results in input order',
        body: euAiActBatchInput,
        response: { 200: euAiActBatchResult },
      },
    },
    async (request) => ({ rulesVersion: RULES_VERSION, results: request.body.items.map((item) => classifyEuAiAct(item)) }),
  );

  app.post(
    '/api/v1/classify/hong-kong',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'The Hong Kong view of one AI system: PCPD risk level and oversight, SFC and HKMA flags, each with its reasons',
        body: hongKongInput,
        response: { 200: hongKongResult },
      },
    },
    async (request) => classifyHongKong(request.body),
  );
}
