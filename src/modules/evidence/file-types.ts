import { AppError } from '../../server/errors.js';
import { evidenceAcceptedExtensions, evidenceFileTypes, evidenceLimits, type EvidenceFileExtension } from './schema.js';

/** Media types that say nothing about the content; the extension decides. */
const UNKNOWN_TYPES = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

export function extensionOf(fileName: string): EvidenceFileExtension | undefined {
  const m = /\.([A-Za-z0-9]+)$/.exec(fileName);
  const ext = m?.[1]?.toLowerCase();
  return ext && Object.hasOwn(evidenceFileTypes, ext) ? (ext as EvidenceFileExtension) : undefined;
}

/**
 * The media type to store and serve for an upload, decided by its extension and checked against what the client
 * declared. The served type is always ours, never the client's, so that nothing uploaded is served as HTML.
 */
export function resolveEvidenceMediaType(fileName: string, declared: string | undefined): string {
  const ext = extensionOf(fileName);
  if (!ext) {
    throw new AppError(
      'unsupported_media_type',
      `This file type is not accepted as evidence; use one of ${evidenceAcceptedExtensions.join(', ')}`,
      {
        fileName,
        accepted: evidenceAcceptedExtensions,
      },
    );
  }
  const type = evidenceFileTypes[ext];
  const given = (declared ?? '').split(';')[0]!.trim().toLowerCase();
  if (!UNKNOWN_TYPES.has(given) && given !== type.mediaType && !(type.accepts as readonly string[]).includes(given)) {
    throw new AppError('unsupported_media_type', `A .${ext} file should be ${type.mediaType}, but it was sent as ${given}`, {
      fileName,
      declared: given,
      expected: type.mediaType,
    });
  }
  return type.mediaType;
}

/** The name kept for a file: no folders, no control characters, within the length limit, extension kept. */
export function cleanFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (cleaned.length <= evidenceLimits.fileName) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 ? cleaned.slice(dot) : '';
  return cleaned.slice(0, evidenceLimits.fileName - ext.length) + ext;
}

/** A name safe inside a zip on every platform: letters, digits, dot, dash and underscore. */
export function safeArchiveName(fileName: string): string {
  const safe = fileName
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(-120);
  return safe || 'file';
}

/** `Content-Disposition: attachment` with an ASCII fallback and the exact name in RFC 5987 `filename*`. */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
