import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ExpiryState } from '@contracts/evidence/schema.js';

export const expiryColor: Record<ExpiryState, string> = { expired: 'red', expiring_soon: 'orange', valid: 'teal', no_expiry: 'gray' };

export function ExpiryBadge({ state }: { state: ExpiryState }) {
  const { t } = useTranslation();
  return (
    <Badge color={expiryColor[state]} variant="light" tt="none" data-testid="expiry-badge" data-state={state}>
      {t(`evidenceSoa.evidence.expiry.${state}`)}
    </Badge>
  );
}
