import { Badge } from '@mantine/core';
import type { ImpactCurrentStatus } from '@contracts/impact/schema.js';
import { impactStatusLabels } from '@contracts/impact/labels.js';
import { useLanguage } from '../../hooks/useLanguage';
import { pick } from '../risks/riskUtils';

const colors: Record<ImpactCurrentStatus, string> = {
  none: 'gray',
  draft: 'blue',
  in_review: 'yellow',
  approved: 'teal',
  needs_reassessment: 'orange',
};

/** draft / in review / approved, or the register's none / needs re-assessment. */
export function ImpactStatusBadge({ status, testId = 'impact-status' }: { status: ImpactCurrentStatus; testId?: string }) {
  const { language } = useLanguage();
  return (
    <Badge miw="fit-content" variant="light" color={colors[status]} data-testid={testId} data-status={status}>
      {pick(impactStatusLabels[status], language)}
    </Badge>
  );
}
