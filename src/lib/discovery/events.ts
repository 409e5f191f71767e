/** One observation from an import: someone used a host, a URL, an application or paid a merchant at some time. */
export interface DiscoveryEvent {
  /** epoch milliseconds; null when the source has no time (e.g. an application list) */
  time: number | null;
  /** as the source names the person (account, e-mail, client address); pseudonymised before it is kept */
  user: string | null;
  host?: string;
  url?: string;
  appName?: string;
  merchant?: string;
  amount?: number;
}

export interface RejectedLine {
  line: number;
  reason: string;
}

/** Counted while an import runs; a rejected line is counted and sampled, never fatal. */
export class ImportStats {
  linesRead = 0;
  linesRejected = 0;
  bytesRead = 0;
  readonly sampleRejects: RejectedLine[] = [];

  constructor(private readonly sampleSize = 10) {}

  reject(line: number, reason: string): void {
    this.linesRejected++;
    if (this.sampleRejects.length < this.sampleSize) this.sampleRejects.push({ line, reason });
  }
}

/** An import in progress: iterate events; stats fill in as it goes and are final when the iteration ends. */
export interface DiscoveryImport {
  events: AsyncIterable<DiscoveryEvent>;
  stats: ImportStats;
}

/** A source of file bytes: a Node readable stream or any async iterable of chunks. */
export type ByteSource = AsyncIterable<Buffer | Uint8Array | string>;
