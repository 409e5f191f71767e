import type { AiCatalogue } from './catalogue.js';
import type { ByteSource, DiscoveryImport, RejectedLine } from './events.js';
import { CatalogueMatchers, type Finding, FindingsAggregator, type FindingsOptions } from './findings.js';
import { readBind } from './importers/bind.js';
import { type ColumnOptions, presets } from './importers/columns.js';
import { readCsv } from './importers/csv.js';
import { readJsonLines } from './importers/jsonl.js';
import { type HostPrefilter, readSquid } from './importers/squid.js';

export const discoveryFormats = ['squid', 'csv', 'jsonl', 'bind', 'entra', 'google', 'okta', 'expense'] as const;
export type DiscoveryFormat = (typeof discoveryFormats)[number];

export interface Progress {
  bytesRead: number;
  /** null when the size is not known (a pipe) */
  totalBytes: number | null;
}

export interface DiscoverOptions extends FindingsOptions {
  format: DiscoveryFormat;
  catalogue: AiCatalogue;
  /** csv and jsonl: which columns hold the domain or URL, user and time (default: recognised by common names) */
  columns?: ColumnOptions;
  totalBytes?: number | null;
  /** called as bytes are read, at most every ~1 % of the total (or every 8 MiB when the total is unknown) */
  onProgress?: (p: Progress) => void;
}

export interface DiscoveryResult {
  linesRead: number;
  linesRejected: number;
  sampleRejects: RejectedLine[];
  /** events that matched no catalogue entry (skipped by the byte-level prefilter for Squid logs: not counted there) */
  unmatched: number;
  findings: Finding[];
}

/** Opens the importer of a format on a byte source. */
export function openImport(
  source: ByteSource,
  format: DiscoveryFormat,
  columns: ColumnOptions = {},
  prefilter?: HostPrefilter,
): DiscoveryImport {
  switch (format) {
    case 'squid':
      return readSquid(source, { prefilter });
    case 'bind':
      return readBind(source);
    case 'jsonl':
      return readJsonLines(source, presets.csv, columns);
    case 'csv':
    case 'entra':
    case 'google':
    case 'okta':
    case 'expense':
      return readCsv(source, presets[format], columns);
  }
}

/** Byte chunks with a progress report. */
async function* withProgress(
  source: ByteSource,
  total: number | null,
  report: (p: Progress) => void,
): AsyncGenerator<Buffer | Uint8Array | string> {
  const step = total ? Math.max(1, Math.floor(total / 100)) : 8 << 20;
  let read = 0;
  let next = step;
  for await (const chunk of source) {
    read += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    if (read >= next) {
      report({ bytesRead: read, totalBytes: total });
      next = read + step;
    }
    yield chunk;
  }
  report({ bytesRead: read, totalBytes: total });
}

/**
 * Streams a file of the given format against the catalogue and returns the findings (no database, no clear-text
 * users). Memory is bounded by the chunk size, the catalogue and the per-finding distinct-user counters.
 */
export async function discover(source: ByteSource, options: DiscoverOptions): Promise<DiscoveryResult> {
  const matchers = new CatalogueMatchers(options.catalogue, options.appAliases);
  const aggregator = new FindingsAggregator(matchers, options);
  const input = options.onProgress ? withProgress(source, options.totalBytes ?? null, options.onProgress) : source;
  const prefilter: HostPrefilter = { keepHost: (buf, start, end) => matchers.domains.matchHostBytes(buf, start, end) !== null };
  const run = openImport(input, options.format, options.columns, prefilter);
  for await (const event of run.events) aggregator.add(event);
  return {
    linesRead: run.stats.linesRead,
    linesRejected: run.stats.linesRejected,
    sampleRejects: [...run.stats.sampleRejects].sort((a, b) => a.line - b.line),
    unmatched: aggregator.unmatched,
    findings: aggregator.findings(),
  };
}
