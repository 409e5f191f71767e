import type { BandKey, RiskMatrix } from '@contracts/risks/schema.js';

type Bilingual = { en: string; 'zh-HK': string };

/** A bilingual label in the UI language. */
export const pick = (text: Bilingual, language: string): string => (language === 'zh-HK' ? text['zh-HK'] : text.en);

/** "3 · Possible": the level number and its label on the organisation's matrix. */
export function levelLabel(matrix: RiskMatrix, axis: 'likelihood' | 'impact', n: number, language: string): string {
  const level = matrix[axis][n - 1];
  return level ? `${n} · ${pick(level.label, language)}` : String(n);
}

/** The band of a score, as the server decides it: the last band whose minimum the score reaches. */
export function bandOfScore(matrix: RiskMatrix, score: number): RiskMatrix['bands'][number] | undefined {
  let found = matrix.bands[0];
  for (const b of matrix.bands) if (score >= b.minScore) found = b;
  return found;
}

export const bandOf = (matrix: RiskMatrix, key: BandKey) => matrix.bands.find((b) => b.key === key);

/** Black or white text, whichever reads better on a band colour. */
export function textOn(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  return 0.299 * r + 0.587 * g + 0.114 * b > 160 ? '#000' : '#fff';
}
