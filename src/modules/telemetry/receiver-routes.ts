import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../server/errors.js';
import type { App, RouteDeps } from '../../server/types.js';
import { identifyByBearer } from '../auth/service.js';
import { forgetTelemetryIngest, ingestOrgOf, telemetryIngestFor, type TelemetryIngest } from './ingest.js';
import { decoderOptionsFromEnv, TraceDecoder } from './trace-decoder.js';
import { decodeRequest, encodeResponse, encodeStatus, encodingOf, MAX_BODY_BYTES, type Encoding } from './otlp/wire.js';

const tags = ['telemetry'];
const exportResponse = z.object({
  partialSuccess: z
    .object({ rejectedSpans: z.number().optional(), rejectedDataPoints: z.number().optional(), errorMessage: z.string() })
    .optional(),
});

declare module 'fastify' {
  interface FastifyRequest {
    telemetryOrgId?: string;
  }
}

/**
 * The raw body, kept in a private field: the API-wide NUL guard walks a body's enumerable properties, which for a
 * Buffer would be one entry per byte. The decoders strip NUL from the text they keep.
 */
class RawBody {
  readonly #bytes: Buffer;
  constructor(bytes: Buffer) {
    this.#bytes = bytes;
  }
  get bytes(): Buffer {
    return this.#bytes;
  }
}

function encodingOrThrow(request: FastifyRequest): Encoding {
  const encoding = encodingOf(request.headers['content-type']);
  if (!encoding) throw new AppError('unsupported_media_type', 'Send application/json or application/x-protobuf');
  return encoding;
}

/**
 * The OTLP/HTTP receiver: POST /v1/traces and /v1/metrics at the top level, as OTLP exporters expect. Its own
 * encapsulated scope takes raw JSON and protobuf bodies (up to 8 MB, gzip allowed) without changing the rest of the
 * API, and only API tokens with telemetry.ingest are accepted (no cookies, so no CSRF); the token's organisation is
 * the tenant. Errors to protobuf senders are google.rpc.Status messages; JSON senders get the API's error shape.
 */
export function telemetryReceiverRoutes(app: App, { db, engine }: RouteDeps): void {
  // Created on first use, so that building the app without a database (the OpenAPI generator) costs nothing.
  let created: TelemetryIngest | undefined;
  const ingestOf = (): TelemetryIngest => (created ??= telemetryIngestFor(db, app.log));
  const decoder = new TraceDecoder(decoderOptionsFromEnv(process.env, engine));
  app.addHook('onClose', async () => {
    await decoder.close();
    if (!created) return;
    await created.queue.close();
    forgetTelemetryIngest(db);
  });

  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      ['application/json', 'application/x-protobuf'],
      { parseAs: 'buffer', bodyLimit: MAX_BODY_BYTES },
      (_r, body, done) => done(null, new RawBody(body as Buffer)),
    );
    // Identify the sender, and see that the queue has room, before the body is read: neither a stranger nor a full
    // queue makes us buffer and decode 8 MB.
    scope.addHook('onRequest', async (request) => {
      const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
      const identity = match?.[1] ? await identifyByBearer(db, match[1]) : null;
      if (!identity && request.headers.authorization) throw new AppError('unauthenticated', 'The API token is invalid, expired or revoked');
      request.telemetryOrgId = ingestOrgOf(identity);
      ingestOf().checkRoom(request.telemetryOrgId);
    });
    scope.setErrorHandler((err: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) => {
      const retryAfter =
        err instanceof AppError ? (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds : undefined;
      if (retryAfter) void reply.header('retry-after', String(retryAfter));
      const status = err instanceof AppError ? err.status : (err.statusCode ?? 500);
      if (encodingOf(request.headers['content-type']) === 'protobuf' && status >= 400 && status !== 500) {
        return reply.code(status).type('application/x-protobuf').send(encodeStatus(status, err.message));
      }
      throw err;
    });

    for (const kind of ['traces', 'metrics'] as const) {
      scope.post(
        `/v1/${kind}`,
        {
          bodyLimit: MAX_BODY_BYTES,
          schema: {
            tags,
            summary: kind === 'traces' ? 'Receive OTLP traces (GenAI spans)' : 'Receive OTLP metrics',
            description:
              'OTLP/HTTP, application/json or application/x-protobuf, optionally gzip. Bearer API token with telemetry.ingest. ' +
              'Answers 503 or 429 with Retry-After when the ingest queue is full or its decoding threads are busy; nothing of a refused request is kept.',
            consumes: ['application/json', 'application/x-protobuf'],
            security: [{ bearer: [] }],
            response: { 200: exportResponse },
          },
        },
        async (request, reply) => {
          const encoding = encodingOrThrow(request);
          const orgId = request.telemetryOrgId;
          if (!orgId) throw new AppError('unauthenticated', 'Send an API token');
          if (!(request.body instanceof RawBody)) throw new AppError('bad_request', 'The request has no body');
          const bytes = request.body.bytes;
          const contentEncoding = request.headers['content-encoding'];
          let result;
          if (kind === 'traces') result = await ingestOf().tracesDecoded(orgId, await decoder.decode(bytes, encoding, contentEncoding));
          else {
            try {
              result = await ingestOf().metrics(orgId, decodeRequest(kind, bytes, encoding, contentEncoding));
            } catch (err) {
              if (err instanceof TypeError) throw new AppError('bad_request', `Not an OTLP export request: ${err.message}`);
              throw err;
            }
          }
          return reply
            .code(200)
            .type(encoding === 'json' ? 'application/json' : 'application/x-protobuf')
            .send(encodeResponse(kind, encoding, result.rejected, result.errorMessage));
        },
      );
    }
  });
}
