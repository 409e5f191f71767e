import { Readable } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';
import { type ByteSource, type DiscoveryEvent, type DiscoveryImport, ImportStats } from '../events.js';
import { type ColumnOptions, type ColumnRole, resolveColumns, type TabularPreset } from './columns.js';
import { rowToEvent } from './rows.js';

/**
 * A CSV export with a header row, streamed through csv-parse. Columns are found by the preset's header names unless
 * the caller names them; a row that breaks the CSV syntax (e.g. an unclosed quote) or lacks the needed value is
 * counted as rejected with its line number, and the import goes on. A header without the needed column throws
 * ColumnError: the file is not of this format.
 */
export function readCsv(source: ByteSource, preset: TabularPreset, columns: ColumnOptions = {}): DiscoveryImport {
  const stats = new ImportStats();
  return { events: csvEvents(source, preset, columns, stats), stats };
}

async function* csvEvents(
  source: ByteSource,
  preset: TabularPreset,
  chosen: ColumnOptions,
  stats: ImportStats,
): AsyncGenerator<DiscoveryEvent> {
  const counted = async function* () {
    for await (const chunk of source) {
      stats.bytesRead += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      yield chunk;
    }
  };
  const parser = parse({
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    trim: true,
    max_record_size: 1 << 20,
  });
  parser.on('skip', (err: CsvError) => {
    stats.linesRead++;
    stats.reject(Number((err as CsvError & { lines?: number }).lines ?? 0), `not valid CSV: ${err.message.split(':')[0]}`);
  });
  const input = Readable.from(counted());
  input.on('error', (err) => parser.destroy(err));
  input.pipe(parser);

  let index: Partial<Record<ColumnRole, number>> | null = null;
  for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    const { record, info } = item;
    if (index === null) {
      index = resolveColumns(record, preset, chosen);
      continue;
    }
    if (record.every((cell) => cell === '')) continue;
    stats.linesRead++;
    const at = index;
    const event = rowToEvent((role) => (at[role] === undefined ? undefined : record[at[role]]), preset, stats, info.lines);
    if (event) yield event;
  }
}
