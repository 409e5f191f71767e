import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../server/errors.js';
import { parseOrThrow } from '../../server/validate.js';
import { runSettings, type RunSettings } from './schema.js';

/** The largest log or export that can be uploaded for a scan. */
export const DISCOVERY_UPLOAD_LIMIT = 2 * 1024 ** 3;

export interface ReceivedFile {
  /** a temporary file the caller removes once scanned */
  filePath: string;
  fileName: string;
  size: number;
  sha256: string;
  settings: RunSettings;
}

/**
 * Streams the one file of a multipart upload to a temporary file (never held in memory), hashing it on the way. The
 * settings come from the fields sent before the file, or the query string; they are checked before any byte is
 * written, so a bad format stores nothing.
 */
export async function receiveUpload(request: FastifyRequest, dir: string, query: Record<string, unknown>): Promise<ReceivedFile> {
  if (!request.isMultipart()) throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data in a field named "file"');
  const fields: Record<string, unknown> = {};
  let received: ReceivedFile | undefined;
  try {
    for await (const part of request.parts({ limits: { fileSize: DISCOVERY_UPLOAD_LIMIT, files: 1, fields: 10 } })) {
      if (part.type === 'field') {
        if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        continue;
      }
      let settings: RunSettings;
      try {
        settings = parseOrThrow(runSettings, { ...definedOnly(query), ...fields });
      } catch (err) {
        part.file.resume();
        throw err;
      }
      await fs.promises.mkdir(dir, { recursive: true });
      const filePath = path.join(dir, `${randomUUID()}.upload`);
      const hash = createHash('sha256');
      let size = 0;
      try {
        await pipeline(
          part.file,
          async function* (source: AsyncIterable<Buffer>) {
            for await (const chunk of source) {
              hash.update(chunk);
              size += chunk.length;
              yield chunk;
            }
          },
          fs.createWriteStream(filePath, { mode: 0o600 }),
        );
        if (part.file.truncated)
          throw new AppError('payload_too_large', `The file is larger than ${DISCOVERY_UPLOAD_LIMIT / 1024 ** 3} GB`);
      } catch (err) {
        await fs.promises.rm(filePath, { force: true });
        throw err;
      }
      received = { filePath, fileName: part.filename.slice(0, 255) || 'upload', size, sha256: hash.digest('hex'), settings };
    }
  } catch (err) {
    if (received) await fs.promises.rm(received.filePath, { force: true });
    if (err instanceof AppError || (err as { statusCode?: number }).statusCode) throw err;
    throw new AppError('bad_request', `The upload is not valid multipart/form-data: ${(err as Error).message}`);
  }
  if (!received) throw new AppError('bad_request', 'No file was sent; use a field named "file"');
  return received;
}

function definedOnly(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([k, v]) => v !== undefined && k !== 'wait'));
}
