import { gunzipSync } from 'node:zlib';
import protobuf from 'protobufjs';
import { AppError } from '../../../server/errors.js';
import { otlpDescriptor } from '../proto/otlp-descriptor.js';
import { isMessage, type Message } from './values.js';

/** OTLP/HTTP bodies: compressed up to the route's body limit; a gzip body may not inflate beyond this. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;
export const MAX_INFLATED_BYTES = 64 * 1024 * 1024;

export type Encoding = 'json' | 'protobuf';

const root = protobuf.Root.fromJSON(otlpDescriptor);
const type = (name: string): protobuf.Type => root.lookupType(`otlp.${name}`);
const types = {
  traceRequest: type('ExportTraceServiceRequest'),
  traceResponse: type('ExportTraceServiceResponse'),
  metricsRequest: type('ExportMetricsServiceRequest'),
  metricsResponse: type('ExportMetricsServiceResponse'),
  status: type('RpcStatus'),
};

export function encodingOf(contentType: string | undefined): Encoding | undefined {
  const mime = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (mime === 'application/json') return 'json';
  if (mime === 'application/x-protobuf') return 'protobuf';
  return undefined;
}

function inflate(body: Buffer, contentEncoding: string | undefined): Buffer {
  const coding = (contentEncoding ?? 'identity').trim().toLowerCase();
  if (coding === 'identity' || coding === '') return body;
  if (coding !== 'gzip') throw new AppError('unsupported_media_type', `Content-Encoding "${coding}" is not supported; send gzip or none`);
  try {
    return gunzipSync(body, { maxOutputLength: MAX_INFLATED_BYTES });
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new AppError('payload_too_large', `The request inflates beyond ${MAX_INFLATED_BYTES} bytes`);
    }
    throw new AppError('bad_request', 'The request body is not valid gzip');
  }
}

/** The export request as a loose message, from either encoding; 400 when it cannot be decoded. */
export function decodeRequest(kind: 'traces' | 'metrics', body: Buffer, encoding: Encoding, contentEncoding: string | undefined): Message {
  const raw = inflate(body, contentEncoding);
  if (encoding === 'json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new AppError('bad_request', 'The request body is not valid JSON');
    }
    if (!isMessage(parsed))
      throw new AppError('bad_request', `The body must be an OTLP Export${kind === 'traces' ? 'Trace' : 'Metrics'}ServiceRequest object`);
    return parsed;
  }
  try {
    return (kind === 'traces' ? types.traceRequest : types.metricsRequest).decode(raw) as unknown as Message;
  } catch {
    throw new AppError('bad_request', 'The request body is not a valid OTLP protobuf message');
  }
}

/** The success answer in the request's encoding: `{}` or a partial success naming what was rejected. */
export function encodeResponse(kind: 'traces' | 'metrics', encoding: Encoding, rejected: number, errorMessage: string): Buffer | string {
  const partialSuccess =
    rejected > 0
      ? kind === 'traces'
        ? { rejectedSpans: rejected, errorMessage }
        : { rejectedDataPoints: rejected, errorMessage }
      : undefined;
  const body = partialSuccess ? { partialSuccess } : {};
  if (encoding === 'json') return JSON.stringify(body);
  const t = kind === 'traces' ? types.traceResponse : types.metricsResponse;
  return Buffer.from(t.encode(t.fromObject(body)).finish());
}

/** google.rpc.Status for an error answer to a protobuf request (OTLP/HTTP spec). */
export function encodeStatus(httpStatus: number, message: string): Buffer {
  // gRPC codes by HTTP status, as the OTLP/HTTP spec maps them
  const grpc: Record<number, number> = { 400: 3, 401: 16, 403: 7, 413: 3, 415: 3, 429: 8, 503: 14 };
  return Buffer.from(types.status.encode(types.status.fromObject({ code: grpc[httpStatus] ?? 2, message })).finish());
}
