import { z } from 'zod';
import { AppError } from '../server/errors.js';

/** What the CLI prints: tables for humans and one-line errors; light, so offline commands load nothing else. */

/** Errors become one line on stderr and a non-zero exit code. */
export function reportError(err: unknown): never {
  if (err instanceof AppError) {
    console.error(`error: ${err.message}`);
    const issues = (err.details as { issues?: { path: string; message: string }[] } | undefined)?.issues;
    for (const i of issues ?? []) console.error(`  ${i.path}: ${i.message}`);
  } else if (err instanceof z.ZodError) {
    console.error('error: invalid arguments');
    for (const i of err.issues) console.error(`  ${i.path.join('.') || 'value'}: ${i.message}`);
  } else if (err instanceof Error) {
    console.error(`error: ${err.message}`);
  } else {
    console.error('error:', err);
  }
  process.exit(1);
}

/** A plain text table for humans; `--json` prints JSON instead. */
export function printTable(rows: Record<string, unknown>[], columns: string[]): void {
  const cell = (v: unknown): string =>
    v === null || v === undefined
      ? ''
      : Array.isArray(v)
        ? v.map(cell).join(', ')
        : typeof v === 'object'
          ? JSON.stringify(v)
          : String(v as string);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  console.log(line(columns));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(columns.map((c) => cell(r[c]))));
}
