/** Figures as the CLI's human table shows them: 4 decimals, or "—" when undefined. */
export const fmt = (v: number | null | undefined, digits = 4): string =>
  v === null || v === undefined ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(digits);
