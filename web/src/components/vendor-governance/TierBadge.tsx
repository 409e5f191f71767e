import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const colours: Record<string, string> = { low: 'teal', medium: 'yellow', high: 'orange', critical: 'red' };
type Tier = 'low' | 'medium' | 'high' | 'critical';
const isTier = (t: string): t is Tier => t in colours;

export function TierBadge({ tier }: { tier: string | null }) {
  const { t } = useTranslation();
  if (!tier) return null;
  return (
    <Badge color={colours[tier] ?? 'gray'} variant="light">
      {isTier(tier) ? t(`vendorGovernance.tier.${tier}`) : tier}
    </Badge>
  );
}
