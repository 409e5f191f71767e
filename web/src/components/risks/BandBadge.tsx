import { Badge } from '@mantine/core';
import type { BandKey, RiskMatrix } from '@contracts/risks/schema.js';
import { useLanguage } from '../../hooks/useLanguage';
import { bandOf, pick, textOn } from './riskUtils';

/** A band in its matrix colour, with the score when given. */
export function BandBadge({ matrix, band, score }: { matrix: RiskMatrix | undefined; band: BandKey; score?: number | null }) {
  const { language } = useLanguage();
  const b = matrix ? bandOf(matrix, band) : undefined;
  const name = b ? pick(b.name, language) : band;
  return (
    <Badge miw="fit-content" color={b?.color ?? 'gray'} styles={b ? { root: { color: textOn(b.color) } } : undefined} data-band={band}>
      {score != null ? `${score} · ${name}` : name}
    </Badge>
  );
}
