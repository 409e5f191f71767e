import { useState } from 'react';
import { Anchor, Badge, Button, Card, Center, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowsExchange, IconExternalLink, IconUpload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ConfirmModal } from '../../components/common/ConfirmModal';
import { PageHeader } from '../../components/common/PageHeader';
import { QueryError } from '../../components/common/QueryError';
import { ImportFrameworkModal } from '../../components/frameworks/ImportFrameworkModal';
import { isPackKind, pick } from '../../components/frameworks/labels';
import { formatDate } from '../../lib/dates';
import { useCan, useOrg } from '../../hooks/useOrg';
import { useCrosswalkList, useDeleteFramework, useFrameworkList } from '../../hooks/useFrameworks';

export function FrameworksListPage() {
  const { t, i18n } = useTranslation();
  const org = useOrg();
  const list = useFrameworkList();
  const crosswalks = useCrosswalkList();
  const number = (n: number) => new Intl.NumberFormat(i18n.language).format(n);
  const colon = t('frameworks.colon');
  const titleOf = (id: string) => {
    const fw = list.data?.items.find((f) => f.id === id);
    return fw ? pick(fw.title, i18n.language) : id;
  };
  const packKind = (kind: string) => (isPackKind(kind) ? t(`frameworks.packKinds.${kind}`) : kind);
  const navigate = useNavigate();
  const canImport = useCan('framework.import');
  const [importing, setImporting] = useState(false);
  const [deleting, setDeleting] = useState<string | null>(null);
  const remove = useDeleteFramework();
  const confirmDelete = () => {
    if (!deleting) return;
    remove.mutate(deleting, {
      onSuccess: () => {
        setDeleting(null);
        notifications.show({ color: 'teal', message: t('frameworks.deleted') });
      },
    });
  };

  return (
    <>
      <PageHeader
        title={t('frameworks.title')}
        intro={t('frameworks.intro')}
        actions={
          canImport ? (
            <Button leftSection={<IconUpload size={16} />} onClick={() => setImporting(true)} data-testid="import-framework">
              {t('frameworks.importButton')}
            </Button>
          ) : null
        }
      />
      {importing && (
        <ImportFrameworkModal
          onClose={() => setImporting(false)}
          onImported={(id) => {
            setImporting(false);
            void navigate(`/o/${org.slug}/frameworks/${encodeURIComponent(id)}`);
          }}
        />
      )}
      <ConfirmModal
        opened={deleting !== null}
        title={t('frameworks.deleteTitle')}
        body={t('frameworks.deleteBody')}
        confirmLabel={t('frameworks.deleteButton')}
        loading={remove.isPending}
        error={remove.error}
        onConfirm={confirmDelete}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
      />
      {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
      {list.isPending && (
        <Center py="xl">
          <Loader />
        </Center>
      )}
      {list.data && list.data.items.length === 0 && (
        <Text c="dimmed" ta="center" py="xl" data-testid="frameworks-empty">
          {t('frameworks.empty')}
        </Text>
      )}
      {list.data && list.data.items.length > 0 && (
        <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} spacing="md">
          {list.data.items.map((fw) => (
            <Card key={fw.id} withBorder radius="md" padding="lg" data-testid="framework-card" data-framework-id={fw.id}>
              <Stack gap="xs" h="100%">
                <Group justify="space-between" align="flex-start" wrap="nowrap">
                  <Anchor component={Link} to={`/o/${org.slug}/frameworks/${encodeURIComponent(fw.id)}`} fw={600} c="inherit">
                    {pick(fw.title, i18n.language)}
                  </Anchor>
                  <Badge variant="light" color={fw.custom ? 'grape' : undefined} style={{ flexShrink: 0 }}>
                    {fw.custom ? t('frameworks.imported') : packKind(fw.kind)}
                  </Badge>
                </Group>
                <Text size="sm" c="dimmed">
                  {t('frameworks.publisher')}
                  {colon}
                  {fw.publisher} · {t('frameworks.version')}
                  {colon}
                  {fw.version}
                </Text>
                <Group gap="lg">
                  <div>
                    <Text size="xl" fw={700} data-testid="framework-requirement-count">
                      {number(fw.requirementCount)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t('frameworks.requirements')}
                    </Text>
                  </div>
                  <div>
                    <Text size="xl" fw={700}>
                      {number(fw.assessableCount)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t('frameworks.assessable')}
                    </Text>
                  </div>
                </Group>
                {fw.custom ? (
                  <Text size="xs" c="dimmed" style={{ flex: 1 }} data-testid="framework-imported-from">
                    {t('frameworks.importedFrom', {
                      source: fw.importedFrom ?? '',
                      date: fw.importedAt ? formatDate(fw.importedAt, i18n.language) : '',
                    })}
                  </Text>
                ) : (
                  <Text size="xs" c="dimmed" style={{ flex: 1 }}>
                    {t('frameworks.source')}
                    {colon}
                    <Anchor href={fw.source.url} target="_blank" rel="noopener noreferrer" size="xs">
                      {fw.source.title} <IconExternalLink size={12} style={{ verticalAlign: 'middle' }} />
                    </Anchor>
                  </Text>
                )}
                <Group>
                  <Button component={Link} to={`/o/${org.slug}/frameworks/${encodeURIComponent(fw.id)}`} variant="light" size="xs">
                    {t('frameworks.open')}
                  </Button>
                  {fw.custom && canImport && (
                    <Button variant="subtle" color="red" size="xs" onClick={() => setDeleting(fw.id)} data-testid="delete-framework">
                      {t('frameworks.deleteButton')}
                    </Button>
                  )}
                </Group>
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      )}
      {crosswalks.data && crosswalks.data.items.length > 0 && (
        <Stack gap="xs" mt="xl">
          <Title order={3}>{t('frameworks.crosswalks')}</Title>
          <Text size="sm" c="dimmed">
            {t('frameworks.crosswalksIntro')}
          </Text>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            {crosswalks.data.items.map((cw) => (
              <Card key={cw.id} withBorder radius="md" padding="md" data-testid="crosswalk-card">
                <Group gap="xs" wrap="nowrap" align="flex-start">
                  <IconArrowsExchange size={18} style={{ flexShrink: 0, marginTop: 2 }} />
                  <Stack gap={4}>
                    <Anchor component={Link} to={`/o/${org.slug}/crosswalks/${encodeURIComponent(cw.id)}`} fw={600}>
                      {pick(cw.title, i18n.language)}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {titleOf(cw.from)} → {titleOf(cw.to)}
                    </Text>
                    <Text size="xs">
                      {t('frameworks.crosswalkCounts', { links: number(cw.linkCount), published: number(cw.publishedLinkCount) })}
                    </Text>
                  </Stack>
                </Group>
              </Card>
            ))}
          </SimpleGrid>
        </Stack>
      )}
    </>
  );
}
