/** Number formatting shared by the telemetry table and charts. */
export const formatCount = (n: number, language: string): string => new Intl.NumberFormat(language).format(n);

export const formatRate = (rate: number | null, language: string): string =>
  rate === null ? '—' : new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(rate);

export const formatMs = (ms: number | null, language: string): string =>
  ms === null ? '—' : new Intl.NumberFormat(language, { maximumFractionDigits: ms < 10 ? 1 : 0 }).format(ms);
