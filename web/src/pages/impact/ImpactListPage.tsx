import { Badge, Button, Center, Group, List, Loader, Paper, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { requiredReasonLabels } from '@contracts/impact/labels.js';
import { PageHeader } from '../../components/common/PageHeader';
import { QueryError } from '../../components/common/QueryError';
import { ImpactStatusBadge } from '../../components/impact/ImpactStatusBadge';
import { pick } from '../../components/risks/riskUtils';
import { useCreateImpact, useRequiredImpacts } from '../../hooks/useImpact';
import { useLanguage } from '../../hooks/useLanguage';
import { useCan, useOrg } from '../../hooks/useOrg';

const tiers = ['prohibited', 'high', 'limited', 'minimal', 'out_of_scope'] as const;
const isTier = (v: string | null): v is (typeof tiers)[number] => (tiers as readonly (string | null)[]).includes(v);

/** Every live system: whether it needs an impact assessment and why, where its assessment stands, and the way in. */
export function ImpactListPage() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const org = useOrg();
  const navigate = useNavigate();
  const canManage = useCan('impact.manage');
  const required = useRequiredImpacts(org.slug);
  const create = useCreateImpact(org.slug);
  const open = (id: string) => void navigate(`/o/${org.slug}/impact-assessments/${id}`);

  return (
    <>
      <PageHeader title={t('risk.impact.title')} intro={t('risk.impact.intro')} />
      {required.isError && <QueryError error={required.error} onRetry={() => void required.refetch()} />}
      {create.error ? <QueryError error={create.error} /> : null}
      {required.isPending && (
        <Center py="xl">
          <Loader />
        </Center>
      )}
      {required.data && (
        <Paper withBorder radius="md" p="xs">
          {required.data.items.length === 0 ? (
            <Text c="dimmed" ta="center" py="xl">
              {t('risk.impact.noSystems')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={860}>
              <Table verticalSpacing="sm" highlightOnHover data-testid="impact-required-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('risk.impact.system')}</Table.Th>
                    <Table.Th>{t('risk.impact.required')}</Table.Th>
                    <Table.Th>{t('risk.impact.reasons')}</Table.Th>
                    <Table.Th>{t('risk.impact.tier')}</Table.Th>
                    <Table.Th>{t('risk.impact.status')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {required.data.items.map((item) => (
                    <Table.Tr key={item.system.id} data-testid={`impact-row-${item.system.id}`} data-required={item.required}>
                      <Table.Td>
                        <Text size="sm" fw={500} component={Link} to={`/o/${org.slug}/systems/${item.system.id}`}>
                          {item.system.name}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={item.required ? 'orange' : 'gray'}>
                          {item.required ? t('risk.impact.yes') : t('risk.impact.no')}
                        </Badge>
                      </Table.Td>
                      <Table.Td maw={360}>
                        {item.reasons.length > 0 && (
                          <List size="xs">
                            {item.reasons.map((r) => (
                              <List.Item key={r}>{pick(requiredReasonLabels[r], language)}</List.Item>
                            ))}
                          </List>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          {isTier(item.tier) ? t(`classification.tier.${item.tier}`) : t('classification.tier.unclassified')}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          <ImpactStatusBadge status={item.status} testId={`impact-status-${item.system.id}`} />
                          {item.versionNo && (
                            <Text size="xs" c="dimmed">
                              {t('risk.impact.version', { n: item.versionNo })}
                            </Text>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Group justify="flex-end">
                          {item.assessmentId ? (
                            <Button
                              size="xs"
                              variant="light"
                              onClick={() => open(item.assessmentId!)}
                              data-testid={`impact-open-${item.system.id}`}
                            >
                              {t('risk.impact.open')}
                            </Button>
                          ) : (
                            canManage && (
                              <Button
                                size="xs"
                                loading={create.isPending && create.variables === item.system.id}
                                onClick={() => create.mutate(item.system.id, { onSuccess: (v) => open(v.id) })}
                                data-testid={`impact-start-${item.system.id}`}
                              >
                                {t('risk.impact.start')}
                              </Button>
                            )
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Paper>
      )}
    </>
  );
}
