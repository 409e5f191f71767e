import { type ByteSource, type DiscoveryEvent, type DiscoveryImport, ImportStats } from '../events.js';
import { eachLine } from '../lines.js';
import { parseTime } from '../time.js';

const queryLine = /\bclient\s+(?:@0x[0-9a-f]+\s+)?([^\s#]+)#\d+(?:\s+\([^)]*\))?:\s+(?:view\s+\S+:\s+)?query:\s+(\S+)\s+IN\s+[A-Z0-9]+/i;
const leadingTime = /^(\d{1,2}-[A-Za-z]{3}-\d{4} \d{2}:\d{2}:\d{2}(?:\.\d+)?)\s/;

/**
 * BIND 9 query log (`category queries`), e.g.
 * `27-Nov-2026 09:15:02.123 queries: info: client @0x7f3a 10.1.2.3#53211 (chat.deepseek.com): query: chat.deepseek.com IN A +E(0)K (10.0.0.53)`.
 * The user is the client address; the time is the line's own timestamp when it starts with one (else null, e.g. a
 * syslog prefix). Other log categories in the same file are counted as rejected.
 */
export function readBind(source: ByteSource): DiscoveryImport {
  const stats = new ImportStats();
  let batch: DiscoveryEvent[] = [];
  const onLine = (buf: Buffer, start: number, end: number, lineNo: number) => {
    const line = buf.toString('utf8', start, end);
    if (line.trim() === '') return;
    stats.linesRead++;
    const m = queryLine.exec(line);
    if (!m) return stats.reject(lineNo, 'not a query line (`client … query: NAME IN TYPE`)');
    const t = leadingTime.exec(line);
    const time = t ? parseTime(t[1]!) : null;
    if (t && time === null) return stats.reject(lineNo, `time not understood: ${t[1]}`);
    batch.push({ time, user: m[1]!, host: m[2]! });
  };
  const flush = () => {
    const out = batch;
    batch = [];
    return out;
  };
  return { events: eachLine(source, stats, onLine, flush), stats };
}
