import { useState } from 'react';
import { Anchor, Badge, Button, Center, Loader, Paper, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../components/common/PageHeader';
import { QueryError } from '../../components/common/QueryError';
import { NewAssessmentModal } from '../../components/compliance/NewAssessmentModal';
import { ProgressBars } from '../../components/compliance/ProgressBars';
import { ProgressBreakdown } from '../../components/compliance/ProgressBreakdown';
import { pick } from '../../components/frameworks/labels';
import { useAssessmentList, useOrgProgress } from '../../hooks/useAssessments';
import { useCan, useOrg } from '../../hooks/useOrg';
import { formatDateTime } from '../../lib/dates';

/** The organisation's assessments, with its progress per framework on top. */
export function AssessmentsListPage() {
  const { t, i18n } = useTranslation();
  const org = useOrg();
  const canManage = useCan('assessment.manage');
  const list = useAssessmentList(org.slug);
  const progress = useOrgProgress(org.slug);
  const [creating, setCreating] = useState(false);
  const frameworks = progress.data?.frameworks ?? [];

  return (
    <>
      <PageHeader
        title={t('compliance.assessments.title')}
        intro={t('compliance.assessments.intro')}
        actions={
          canManage && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="new-assessment">
              {t('compliance.assessments.new')}
            </Button>
          )
        }
      />
      <Paper withBorder p="md" radius="md" mb="lg" data-testid="org-progress">
        <Title order={4} mb="sm">
          {t('compliance.assessments.overall')}
        </Title>
        {progress.isError && <QueryError error={progress.error} onRetry={() => void progress.refetch()} />}
        {progress.data && frameworks.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('compliance.assessments.overallEmpty')}
          </Text>
        )}
        {frameworks.length > 0 && (
          <Tabs defaultValue={frameworks[0]?.framework ?? null} keepMounted={false}>
            <Tabs.List>
              {frameworks.map((f) => (
                <Tabs.Tab key={f.framework} value={f.framework} data-testid={`org-progress-tab-${f.framework}`}>
                  {pick(f.title, i18n.language)}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            {frameworks.map((f) => (
              <Tabs.Panel key={f.framework} value={f.framework} pt="md">
                <Stack gap="md">
                  <ProgressBars figures={f.progress.overall} testId={`org-progress-${f.framework}`} />
                  <ProgressBreakdown progress={f.progress} />
                </Stack>
              </Tabs.Panel>
            ))}
          </Tabs>
        )}
      </Paper>
      {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
      {list.isPending && (
        <Center py="xl">
          <Loader />
        </Center>
      )}
      {list.data && (
        <Paper withBorder radius="md" p="xs">
          {list.data.items.length === 0 ? (
            <Text c="dimmed" ta="center" py="xl" data-testid="assessments-empty">
              {t('compliance.assessments.empty')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={800}>
              <Table verticalSpacing="sm" highlightOnHover data-testid="assessments-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('compliance.common.framework')}</Table.Th>
                    <Table.Th>{t('compliance.assessments.scope')}</Table.Th>
                    <Table.Th>{t('compliance.progress.completion')}</Table.Th>
                    <Table.Th>{t('compliance.common.status')}</Table.Th>
                    <Table.Th>{t('compliance.assessments.updated')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.data.items.map((a) => (
                    <Table.Tr key={a.id} data-testid={`assessment-${a.id}`}>
                      <Table.Td>
                        <Anchor component={Link} to={`/o/${org.slug}/assessments/${a.id}`} fw={500}>
                          {a.title}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {pick(a.frameworkTitle, i18n.language)} · {a.frameworkVersion}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {a.system ? (
                          <Anchor component={Link} to={`/o/${org.slug}/systems/${a.system.id}`} size="sm">
                            {a.system.name}
                          </Anchor>
                        ) : (
                          <Text size="sm">{t('compliance.common.organisation')}</Text>
                        )}
                      </Table.Td>
                      <Table.Td w={220}>
                        <ProgressBars figures={a.progress} testId={`assessment-progress-${a.id}`} />
                      </Table.Td>
                      <Table.Td>
                        <Badge miw="fit-content" color={a.status === 'completed' ? 'teal' : 'blue'} variant="light">
                          {t(`compliance.assessmentStatus.${a.status}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{formatDateTime(a.updatedAt, i18n.language)}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Paper>
      )}
      {canManage && <NewAssessmentModal org={org.slug} opened={creating} onClose={() => setCreating(false)} />}
    </>
  );
}
