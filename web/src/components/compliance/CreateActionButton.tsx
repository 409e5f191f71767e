import { Anchor, Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconListCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { AssessmentItemView } from '@contracts/assessments/schema.js';
import { useCan } from '../../hooks/useOrg';
import { useCreateActionFromGap } from '../../hooks/useRemediation';
import { errorMessage } from '../../lib/validation';

/** One click from a gap (or partly met requirement) to a remediation action, defaulted from the requirement. */
export function CreateActionButton({ org, assessmentId, item }: { org: string; assessmentId: string; item: AssessmentItemView }) {
  const { t } = useTranslation();
  const canCreate = useCan('remediation.manage');
  const create = useCreateActionFromGap(org, assessmentId);
  const navigate = useNavigate();
  const planHref = `/o/${org}/remediation`;
  if (!canCreate || (item.status !== 'gap' && item.status !== 'partially_met')) return <span />;
  return (
    <Button
      size="xs"
      variant="light"
      color="orange"
      leftSection={<IconListCheck size={14} />}
      loading={create.isPending}
      data-testid={`create-action-${item.requirementId}`}
      onClick={() =>
        create.mutate(
          { requirement: item.requirementId, body: {} },
          {
            onSuccess: () =>
              notifications.show({
                color: 'teal',
                title: t('compliance.workspace.actionCreated'),
                message: (
                  // The notifications live outside the router: navigate through this page's hook.
                  <Anchor
                    href={planHref}
                    size="sm"
                    data-testid="open-plan-link"
                    onClick={(e) => {
                      e.preventDefault();
                      void navigate(planHref);
                    }}
                  >
                    {t('compliance.workspace.openPlan')}
                  </Anchor>
                ),
              }),
            onError: (err) => notifications.show({ color: 'red', message: errorMessage(err, t) }),
          },
        )
      }
    >
      {t('compliance.workspace.createAction')}
    </Button>
  );
}
