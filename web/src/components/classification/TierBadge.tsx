import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { EuTier } from '@contracts/classification/schema.js';

/** One colour per EU AI Act tier, the same on every page. */
export const tierColors: Record<EuTier, string> = {
  prohibited: 'red',
  high: 'orange',
  limited: 'yellow',
  minimal: 'green',
  out_of_scope: 'gray',
};

interface Props extends Omit<BadgeProps, 'color' | 'variant'> {
  /** null: not classified yet */
  tier: EuTier | null;
  testId?: string;
}

/** The tier as a badge; `data-tier` carries the code for tests and styling ("unclassified" when there is none). */
export function TierBadge({ tier, testId, ...props }: Props) {
  const { t } = useTranslation();
  if (!tier) {
    return (
      <Badge variant="outline" color="gray" data-tier="unclassified" data-testid={testId} {...props}>
        {t('classification.tier.unclassified')}
      </Badge>
    );
  }
  return (
    <Badge variant="filled" color={tierColors[tier]} autoContrast data-tier={tier} data-testid={testId} {...props}>
      {t(`classification.tier.${tier}`)}
    </Badge>
  );
}
