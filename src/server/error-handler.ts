import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, errorStatus, type ErrorCode } from './errors.js';

interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

function body(code: ErrorCode, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** The SQLSTATE of a database error, whether the driver's own or wrapped by Drizzle. */
function pgErrorCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 3; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/** Fastify's own 4xx errors (bad JSON, too large, wrong media type …) mapped to our codes. */
function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'bad_request';
    case 401:
      return 'unauthenticated';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 406:
    case 415:
      return 'unsupported_media_type';
    case 409:
      return 'conflict';
    case 413:
      return 'payload_too_large';
    case 429:
      return 'rate_limited';
    default:
      return status >= 500 ? 'internal' : 'bad_request';
  }
}

/** The one place that turns errors into `{ error: { code, message, details } }`. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof AppError) {
      return reply.code(err.status).send(body(err.code, err.message, err.details));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        path: `${err.validationContext ?? ''}${v.instancePath}`
          .replace(/^body\//, '')
          .replace(/\//g, '.')
          .replace(/^\./, ''),
        message: v.message ?? 'Invalid value',
      }));
      return reply.code(400).send(body('validation_failed', 'The request is not valid', { issues }));
    }
    const sqlState = pgErrorCode(err);
    // A unique index caught a race that the service's own check could not see.
    if (sqlState === '23505') return reply.code(409).send(body('conflict', 'This conflicts with an existing record; reload and try again'));
    // Class 22 (data exception): a value the database cannot hold that validation let through. Never a 500.
    if (sqlState?.startsWith('22')) {
      request.log.warn({ sqlState }, 'database refused a value that passed validation');
      return reply.code(400).send(body('bad_request', 'A value is outside what can be stored (for example a date or a character)'));
    }
    const status = (err as FastifyError).statusCode;
    if (status && status >= 400 && status < 500) {
      const code = codeForStatus(status);
      const message =
        code === 'payload_too_large'
          ? 'The request or file is larger than the server accepts'
          : (err as FastifyError).code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError
            ? 'The request body is not valid JSON'
            : err.message;
      return reply.code(errorStatus[code] === status ? status : errorStatus[code]).send(body(code, message));
    }
    request.log.error({ err }, 'unhandled error');
    return reply.code(500).send(body('internal', 'Something went wrong on the server; the error has been logged'));
  });
}

export function noRoute(method: string, url: string): ErrorBody {
  return body('not_found', `No route for ${method} ${url.split('?')[0]}`);
}
