import { categoricalColumnDrift, datasetDrift, numericColumnDrift, type ColumnDrift, type DriftOptions } from './drift.js';

/** One column's values, already cleaned: numbers without NaN/±∞, or counts per trimmed text value. */
export type DriftColumnInput =
  | { name: string; type: 'numeric'; reference: Float64Array; current: Float64Array }
  | { name: string; type: 'categorical'; reference: ReadonlyMap<string, number>; current: ReadonlyMap<string, number> };

export interface DriftReport {
  columns: Record<string, ColumnDrift>;
  datasetDrift: { share: number; drift: boolean };
}

/** Drift of every column and the dataset verdict; the same function serves the CLI and the API. */
export function computeDriftReport(inputs: readonly DriftColumnInput[], options: DriftOptions = {}): DriftReport {
  const columns: Record<string, ColumnDrift> = {};
  for (const input of inputs) {
    try {
      columns[input.name] =
        input.type === 'numeric'
          ? numericColumnDrift(input.reference, input.current, options)
          : categoricalColumnDrift(input.reference, input.current, options);
    } catch (err) {
      if (err instanceof RangeError) throw new RangeError(`column "${input.name}": ${err.message}`, { cause: err });
      throw err;
    }
  }
  return { columns, datasetDrift: datasetDrift(Object.values(columns)) };
}
